package org.attnsim.hwmodels;

/**
 * One number of a hardware profile together with where it comes from: a datasheet, a paper, a
 * measurement (with the device and date), or an estimate with its reasoning.
 */
public record Figure(double value, String source) {
    public Figure {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a figure needs a source");
        }
    }
}
