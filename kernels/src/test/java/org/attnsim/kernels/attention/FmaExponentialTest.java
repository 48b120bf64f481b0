package org.attnsim.kernels.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The kernels' own exponential, run as plain Java (the kernel's method, without OpenCL), against Math.exp. */
class FmaExponentialTest {

    private final FmaExponential kernel = new FmaExponential() {
        @Override
        public void run() {
        }
    };

    @Test
    void withinFourInAHundredThousandOverItsRange() {
        double worst = 0;
        for (int i = 0; i <= 167_000; i++) {
            float x = -87f + i * 0.001f;
            double exact = Math.exp(x);
            worst = Math.max(worst, Math.abs(kernel.fmaExp(x) - exact) / exact);
        }
        assertTrue(worst < 4e-5, "worst relative error " + worst);
    }

    @Test
    void exactAtZeroAndCloseAtOne() {
        assertEquals(1f, kernel.fmaExp(0f));
        assertEquals(Math.E, kernel.fmaExp(1f), 4e-5 * Math.E);
        assertEquals(Math.exp(-1), kernel.fmaExp(-1f), 4e-5 * Math.exp(-1));
    }

    /** Far below the clamp the result stays at e^-87.3, below any term a softmax sum would notice. */
    @Test
    void clampedOutsideItsRange() {
        assertEquals(kernel.fmaExp(-87.3f), kernel.fmaExp(-1e4f));
        assertTrue(kernel.fmaExp(-1e30f) < 2e-38f && kernel.fmaExp(-1e30f) >= 0f);
        assertEquals(kernel.fmaExp(80f), kernel.fmaExp(1e30f));
        assertEquals(Math.exp(80), kernel.fmaExp(80f), 4e-5 * Math.exp(80));
    }
}
