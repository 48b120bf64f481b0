package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LineCycleTest {

    @Test
    void aChaseFromZeroVisitsEveryLineOnceThenReturns() {
        int n = 16 * 1000;
        int[] next = Microbenchmarks.lineCycle(n, 16, 5);
        boolean[] seen = new boolean[n / 16];
        int p = 0;
        for (int step = 0; step < n / 16; step++) {
            assertEquals(0, p % 16, "every hop lands on a line's first slot");
            assertFalse(seen[p / 16], "line " + p / 16 + " visited twice");
            seen[p / 16] = true;
            p = next[p];
        }
        assertEquals(0, p, "back at the start after every line");
        // Not the lines in order: a prefetcher would follow that.
        int inOrder = 0;
        for (int line = 0; line < n / 16; line++) {
            inOrder += next[line * 16] == (line + 1) * 16 ? 1 : 0;
        }
        assertTrue(inOrder < 10, inOrder + " hops to the next line");
    }
}
