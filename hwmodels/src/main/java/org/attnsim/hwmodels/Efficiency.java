package org.attnsim.hwmodels;

/**
 * How much of each peak a well-tuned kernel reaches on this device, and how fast it gets there.
 *
 * <p>The four fractions cap each unit below its datasheet peak. The two half-rate figures are
 * Hockney's n-half (R. Hockney and C. Jesshope, "Parallel Computers 2", 1988): an operation of size n
 * runs at rate r_inf * n / (n + n_half), i.e. it pays a start-up cost of n_half / r_inf.
 */
public record Efficiency(
        Figure matrixFraction,
        Figure vectorFraction,
        Figure exponentialFraction,
        Figure memoryFraction,
        Figure matrixHalfRateFlops,
        Figure memoryHalfRateBytes) {

    /** These efficiencies with the matrix fraction replaced (a row-update rate measured again). */
    public Efficiency withMatrixFraction(Figure replacement) {
        return new Efficiency(replacement, vectorFraction, exponentialFraction, memoryFraction, matrixHalfRateFlops,
                memoryHalfRateBytes);
    }
}
