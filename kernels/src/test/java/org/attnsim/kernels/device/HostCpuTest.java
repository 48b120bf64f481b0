package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostCpuTest {

    private static final String POCL = "Portable Computing Language";
    /** The head of /proc/cpuinfo on the 2-core VM of session 37, its second processor's block cut short. */
    private static final String ZEN5 = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\nmodel\t\t: 2\n"
            + "model name\t: AMD EPYC\nstepping\t: 1\n\nprocessor\t: 1\nvendor_id\t: AuthenticAMD\ncpu family\t: 26\n";
    private static final String XEON = "processor\t: 0\nvendor_id\t: GenuineIntel\ncpu family\t: 6\nmodel\t\t: 85\n"
            + "model name\t: Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz\n";
    private static final String MEASURED = "measured on pthread-skylake-avx512-AMD EPYC (" + POCL + "; kernels built "
            + "with -cl-fast-relaxed-math (POCL_EXTRA_BUILD_FLAGS); Java heap in 4 KiB pages (no transparent huge "
            + "pages); ";

    @Test
    void theFirstProcessorIsNamedWithItsFamilyAndModel() {
        assertEquals("host CPU AMD EPYC (family 26, model 2)", HostCpu.describe(Optional.of(ZEN5)));
        assertEquals("host CPU Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz (family 6, model 85)",
                HostCpu.describe(Optional.of(XEON)));
        assertEquals("host CPU AMD EPYC", HostCpu.describe(Optional.of("model name\t: AMD EPYC\n")));
        assertTrue(HostCpu.describe(Optional.empty()).startsWith("host CPU unknown"));
        assertTrue(HostCpu.describe(Optional.of("processor\t: 0\n")).startsWith("host CPU unknown"));
    }

    @Test
    void onlyPoclsDeviceIsTheHostsProcessor() {
        assertTrue(HostCpu.describe("NVIDIA CUDA").isEmpty());
        assertTrue(HostCpu.mismatch(MEASURED + "host CPU AMD EPYC (family 25, model 17)) at", "NVIDIA CUDA").isEmpty());
        assertTrue(HostCpu.describe(POCL).orElseThrow().startsWith("host CPU "));
    }

    @Test
    void aProfileMeasuredOnAnotherProcessorIsFlagged() {
        String now = HostCpu.describe(Optional.of(ZEN5));
        String zen4 = MEASURED + "host CPU AMD EPYC (family 25, model 17)) at 2026-11-01T10:00:00Z by attnsim "
                + "calibrate";
        assertEquals(Optional.of("the profile was measured on host CPU AMD EPYC (family 25, model 17), this run is on "
                + "AMD EPYC (family 26, model 2): its rates are another machine's: calibrate again"),
                HostCpu.mismatchWith(zen4, now));
        assertTrue(HostCpu.mismatchWith(MEASURED + now + ") at 2026-11-23T20:00:00Z", now).isEmpty());
        // Profiles measured before the processor was recorded, and bundled ones, say nothing of it.
        String before = MEASURED.substring(0, MEASURED.length() - 2) + ") at 2026-11-22";
        assertTrue(HostCpu.mismatchWith(before, now).isEmpty());
        assertTrue(HostCpu.mismatchWith("bundled", now).isEmpty());
        // This run's own processor, read now, matches a profile stamped with it.
        String here = HostCpu.describe(POCL).orElseThrow();
        assertTrue(HostCpu.mismatch(MEASURED + here + ") at 2026-11-23", POCL).isEmpty());
    }
}
