package org.attnsim.kernels.device;

import java.util.Optional;

/**
 * How the OpenCL compiler builds attnsim's kernels. Aparapi passes no build options to clBuildProgram,
 * so on PoCL they come from the environment variable {@value #VARIABLE}, which the {@code attnsim}
 * launcher sets to {@value #FLAGS} unless it is already set, and the Maven tests always set.
 *
 * <p>Why the flag: without leave to reassociate floating-point sums, LLVM keeps a dot product as one
 * chain of dependent scalar FMAs, and PoCL's CPU kernels run it at the FMA latency (one-accumulator dot
 * products measured 3.3 GFLOP/s here, 11.5 with the flag; the forward kernel went from 225 to 89-96 ms).
 * Production attention kernels are built the same way (FlashAttention compiles with --use_fast_math);
 * the kernels still match their double-precision references to 1e-4.
 */
public final class KernelBuild {

    public static final String VARIABLE = "POCL_EXTRA_BUILD_FLAGS";
    public static final String FLAGS = "-cl-fast-relaxed-math";
    static final String POCL = "Portable Computing Language";

    private KernelBuild() {
    }

    /** "kernels built with -cl-fast-relaxed-math (POCL_EXTRA_BUILD_FLAGS)", or what else applies. */
    public static String describe(String platform) {
        if (!platform.contains(POCL)) {
            return "kernels built by the platform's compiler with default options";
        }
        String flags = flags();
        return flags.isEmpty() ? "kernels built with no extra flags (" + VARIABLE + " empty or unset)"
                : "kernels built with " + flags + " (" + VARIABLE + ")";
    }

    /**
     * A one-line warning when a measured profile's figure (its {@code source}) says its kernels were built
     * otherwise than this run's will be: its rates then describe other code.
     */
    public static Optional<String> mismatch(String source, String platform) {
        String now = describe(platform);
        if (!source.contains("kernels built") || source.contains(now)) {
            return Optional.empty();
        }
        return Optional.of("the profile was measured with kernels built otherwise than this run's (" + now
                + "); its rates describe other code: calibrate again");
    }

    /** A one-line warning when PoCL will build the kernels without leave to vectorise their sums. */
    public static Optional<String> warning(String platform) {
        if (!platform.contains(POCL) || flags().contains(FLAGS)) {
            return Optional.empty();
        }
        return Optional.of("PoCL builds the kernels without " + FLAGS + " (" + VARIABLE + " is '" + flags()
                + "'): their dot products run as scalar chains, about twice as slow; unset it (./attnsim then sets it) "
                + "or add " + FLAGS);
    }

    static String flags() {
        String value = System.getenv(VARIABLE);
        return value == null ? "" : value.trim();
    }
}
