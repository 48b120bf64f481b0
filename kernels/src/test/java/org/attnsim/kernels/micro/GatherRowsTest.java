package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GatherRowsTest {

    @Test
    void eachGroupReadsDistinctRowsOfItsOwnSliceAfterThePad() {
        int slices = 5;
        int sliceRows = 300;
        int rows = 40;
        int rowFloats = 64;
        int pad = 12;
        int[] starts = GatherStep.rowStarts(slices, sliceRows, rows, rowFloats, pad, new Random(5));
        assertEquals(slices * rows, starts.length);
        for (int s = 0; s < slices; s++) {
            Set<Integer> seen = new HashSet<>();
            for (int j = 0; j < rows; j++) {
                int start = starts[s * rows + j] - pad;
                assertEquals(0, start % rowFloats, "a row's first float");
                int row = start / rowFloats;
                assertTrue(row >= s * sliceRows && row < (s + 1) * sliceRows, "slice " + s + " reads its own rows");
                assertTrue(seen.add(row), "slice " + s + " reads row " + row + " once");
            }
        }
    }

    @Test
    void shuffledHoldsEveryIndexOnce() {
        int[] order = Microbenchmarks.shuffled(1000, new Random(9));
        boolean[] seen = new boolean[1000];
        int moved = 0;
        for (int i = 0; i < order.length; i++) {
            assertTrue(!seen[order[i]], "index " + order[i] + " twice");
            seen[order[i]] = true;
            moved += order[i] != i ? 1 : 0;
        }
        assertTrue(moved > 900, "a shuffle moves nearly every index: " + moved);
    }
}
