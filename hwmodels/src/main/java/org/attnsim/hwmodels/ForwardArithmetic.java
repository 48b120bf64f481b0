package org.attnsim.hwmodels;

import java.util.List;

/**
 * What attnsim's attention-forward kernel costs a CPU in arithmetic, by head dimension, as a factor on the model's
 * arithmetic for the op (its FMAs at the row-update rate): solved from the kernel itself, timed on cache-resident
 * heads at each measured d beside the row-update benchmark, as the factor at which the model's price of the op comes
 * out at the measured time.
 *
 * <p>Why it has a figure of its own: the kernel's dot products and value updates are loops over d, and their rate
 * depends on it. On the Zen 5 VM the same FMAs (MHA, d_model 512, S 1k to 4k, no mask) ran 11-14% slower than the
 * row-update rate says at d 32 (16 heads), 1-8% faster at d 64 and within 3% of it at d 128 (session 44).
 *
 * @param cases one per measured head dimension, by head dimension
 */
public record ForwardArithmetic(List<Case> cases) {

    /** One measured head dimension and the factor solved there. */
    public record Case(int headDim, Figure factor) {

        public Case {
            if (headDim < 1 || !(factor.value() > 0)) {
                throw new IllegalArgumentException("d " + headDim + ", factor " + factor.value());
            }
        }
    }

    public ForwardArithmetic {
        cases = List.copyOf(cases);
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no case");
        }
        Log2Interpolation.checkAscending(cases.stream().map(Case::headDim).toList(), "head dimension");
    }

    /**
     * The factor at head dimension {@code headDim}: a measured case's; between two cases, linear in log2 of d (the
     * cases double); below the first or above the last, that case's.
     */
    public double factor(double headDim) {
        return Log2Interpolation.factor(cases.stream().map(Case::headDim).toList(),
                cases.stream().map(c -> c.factor().value()).toList(), headDim);
    }
}
