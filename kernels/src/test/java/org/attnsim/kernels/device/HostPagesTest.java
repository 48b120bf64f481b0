package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HostPagesTest {

    private static final String POCL = "Portable Computing Language";
    private static final String MEASURED = "measured on cpu (" + POCL + "; kernels built with -cl-fast-relaxed-math "
            + "(POCL_EXTRA_BUILD_FLAGS); ";

    @Test
    void theHugePagesOfAProcessAreReadFromItsSmapsRollup() {
        String smaps = "Rss:             1379860 kB\nAnonymous:       1370000 kB\nAnonHugePages:   1232896 kB\n"
                + "ShmemPmdMapped:        0 kB\n";
        assertEquals(OptionalLong.of(1232896L * 1024), HostPages.hugeBytes(Optional.of(smaps)));
        assertEquals(OptionalLong.empty(), HostPages.hugeBytes(Optional.of("Rss: 12 kB\n")));
        assertEquals(OptionalLong.empty(), HostPages.hugeBytes(Optional.empty()));
    }

    @Test
    void theDescriptionSaysWhatPagesTheProcessHas() {
        assertEquals("Java heap in 2 MiB pages (1204 MiB of the process in transparent huge pages)",
                HostPages.describe(OptionalLong.of(1232896L * 1024)));
        assertEquals("Java heap in 4 KiB pages (no transparent huge pages)", HostPages.describe(OptionalLong.of(0)));
        assertEquals("Java heap in 4 KiB pages (no transparent huge pages)", HostPages.describe(OptionalLong.of(4096)));
        assertTrue(HostPages.describe(OptionalLong.empty()).contains("unknown"));
    }

    @Test
    void onlyPoclsBuffersAreTheHeap() {
        assertTrue(HostPages.describe("NVIDIA CUDA").isEmpty());
        assertTrue(HostPages.mismatch("measured on gpu (NVIDIA CUDA; Java heap in 2 MiB pages) at", "NVIDIA CUDA")
                .isEmpty());
        assertTrue(HostPages.describe(POCL).orElseThrow().startsWith("Java heap in "));
    }

    @Test
    void aProfileMeasuredInPagesOfAnotherSizeIsFlagged() {
        String now = HostPages.describe(POCL).orElseThrow();
        String same = MEASURED + now + ") at 2026-11-23T00:31:46Z";
        String other = MEASURED + (now.startsWith("Java heap in 2 MiB")
                ? "Java heap in 4 KiB pages (no transparent huge pages)"
                : "Java heap in 2 MiB pages (900 MiB of the process in transparent huge pages)") + ") at 2026-11-23";
        assertTrue(HostPages.mismatch(same, POCL).isEmpty());
        assertTrue(HostPages.mismatch(other, POCL).orElseThrow().contains("calibrate again"));
        // Profiles measured before pages were recorded, and bundled ones, say nothing of them.
        String before = MEASURED.substring(0, MEASURED.length() - 2) + ") at 2026-11-22";
        assertTrue(HostPages.mismatch(before, POCL).isEmpty());
        assertTrue(HostPages.mismatch("bundled", POCL).isEmpty());
    }
}
