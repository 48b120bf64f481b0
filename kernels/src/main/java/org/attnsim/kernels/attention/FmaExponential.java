package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * e^x from multiplies and FMAs alone, for kernels whose exponentials a CPU would otherwise take from the
 * OpenCL library: PoCL's exp, even with -cl-fast-relaxed-math, costs about 3 cycles per float on this
 * machine's cores (1.74 Gexp/s on 2 cores at 2.6 GHz), where these 16 vector operations take about one.
 * FlashAttention-4 (Zadouri et al. 2025, section 3.2) computes some of its exponentials on the FMA
 * units the same way, there to relieve the GPU's special-function unit. (A base class: an Aparapi kernel
 * can call only its own methods and its superclasses'.)
 */
abstract class FmaExponential extends Kernel {

    /**
     * e^x within 4e-5 relative for x in [-87, 80] (about 6e-6 typically): Taylor's series of e^(x / 256) to
     * the seventh power, squared eight times, each squaring doubling the relative error. Below -87.3 it gives
     * e^-87.3 (1.2e-38), and above 80 it gives e^80.
     */
    float fmaExp(float x) {
        // Clamped by selects: OpenCL's min and max also handle NaN, three instructions each on a CPU.
        float below = x < 80f ? x : 80f;
        float y = (below > -87.3f ? below : -87.3f) * 0.00390625f;
        float p = 1f + y * (1f + y * (0.5f + y * (0.16666667f + y * (0.041666668f + y * (0.008333334f
                + y * (0.0013888889f + y * 0.0001984127f))))));
        p = p * p;
        p = p * p;
        p = p * p;
        p = p * p;
        p = p * p;
        p = p * p;
        p = p * p;
        return p * p;
    }
}
