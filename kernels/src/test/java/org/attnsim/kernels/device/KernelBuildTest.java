package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelBuildTest {

    @Test
    void theTestsBuildPoclKernelsAsTheLauncherDoes() {
        // The Maven tests set the variable in pom.xml, as ./attnsim does: the kernels tested are the kernels run.
        assertEquals("kernels built with -cl-fast-relaxed-math (POCL_EXTRA_BUILD_FLAGS)",
                KernelBuild.describe("Portable Computing Language"));
        assertTrue(KernelBuild.warning("Portable Computing Language").isEmpty());
    }

    @Test
    void aProfileMeasuredWithOtherBuildFlagsIsFlagged() {
        String pocl = "Portable Computing Language";
        String same = "measured on cpu (" + pocl + "; kernels built with -cl-fast-relaxed-math (POCL_EXTRA_BUILD_FLAGS)) at ...";
        String other = "measured on cpu (" + pocl + "; kernels built with no extra flags (POCL_EXTRA_BUILD_FLAGS empty "
                + "or unset)) at ...";
        assertTrue(KernelBuild.mismatch(same, pocl).isEmpty());
        assertTrue(KernelBuild.mismatch(other, pocl).orElseThrow().contains("calibrate again"));
        // Bundled profiles say nothing of kernels: nothing to compare.
        assertTrue(KernelBuild.mismatch("bundled", pocl).isEmpty());
    }

    @Test
    void otherPlatformsBuildWithTheirDefaults() {
        assertEquals("kernels built by the platform's compiler with default options", KernelBuild.describe("NVIDIA CUDA"));
        assertTrue(KernelBuild.warning("NVIDIA CUDA").isEmpty());
    }
}
