package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.junit.jupiter.api.Test;

class HarnessEvictionStepTest {

    /** Adds one to its counter each run (one work item; Aparapi copies the array back after each run). */
    static final class CountKernel extends Kernel {
        final int[] count = new int[1];

        @Override
        public void run() {
            count[0] = count[0] + 1;
        }
    }

    /** Records, each run, how often the counter had run by then. */
    static final class RecordKernel extends Kernel {
        final int[] seen = new int[16];
        final int[] runs = new int[1];
        final int[] counter;

        RecordKernel(int[] counter) {
            this.counter = counter;
        }

        @Override
        public void run() {
            seen[runs[0]] = counter[0];
            runs[0] = runs[0] + 1;
        }
    }

    @Test
    void theStepBeforeRunsAheadOfEveryCutInWarmUpsAndRounds() {
        OpenCLDevice device = OpenClTestDevice.get();
        Range one = Range.create(device, 1);
        CountKernel evict = new CountKernel();
        RecordKernel first = new RecordKernel(evict.count);
        RecordKernel second = new RecordKernel(evict.count);
        List<Measurement> m = Harness.timeIncrements(List.of(new Harness.Step("first", first, one),
                new Harness.Step("first and second", second, one)), new Harness.Step("evict", evict, one), device,
                new Harness.Budget(1, 3, 3, 0));
        assertEquals(2, m.size());
        assertEquals(3, m.get(1).repeats());
        // One warm-up round and three timed ones, each running the eviction before each of the two cuts.
        assertEquals(8, evict.count[0]);
        assertEquals(4, first.runs[0]);
        for (int run = 0; run < 4; run++) {
            assertEquals(2 * run + 1, first.seen[run], "the eviction ran just before the first cut's run " + run);
            assertEquals(2 * run + 2, second.seen[run], "and again just before the second's");
        }
        evict.dispose();
        first.dispose();
        second.dispose();
    }
}
