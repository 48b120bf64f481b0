package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.attnsim.kernels.measure.Harness;
import org.junit.jupiter.api.Test;

class HarnessBudgetTest {

    @Test
    void moreSecondsRaiseTheCapOnRepeatsInProportion() {
        Harness.Budget b = Harness.Budget.STANDARD.withSeconds(2.5);
        assertEquals(new Harness.Budget(3, 9, 500, 2.5), b, "200 repeats in 1 s: 500 in 2.5 s");
    }

    @Test
    void fewerSecondsKeepTheCap() {
        assertEquals(new Harness.Budget(2, 5, 50, 0.05), Harness.Budget.QUICK.withSeconds(0.05));
    }
}
