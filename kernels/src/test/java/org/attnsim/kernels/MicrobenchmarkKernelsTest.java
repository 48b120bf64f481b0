package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Random;
import org.attnsim.kernels.attention.Fp8Cache;
import org.attnsim.kernels.attention.Int8Cache;
import org.attnsim.kernels.device.LineStart;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.DecodeLoopKernel;
import org.attnsim.kernels.micro.DecodeTileKernel;
import org.attnsim.kernels.micro.DotProductKernel;
import org.attnsim.kernels.micro.ExpKernel;
import org.attnsim.kernels.micro.FmaKernel;
import org.attnsim.kernels.micro.GatherKernel;
import org.attnsim.kernels.micro.HistogramKernel;
import org.attnsim.kernels.micro.Fp8OverlapKernel;
import org.attnsim.kernels.micro.Int8OverlapKernel;
import org.attnsim.kernels.micro.LoopFmaKernel;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OnlineSoftmaxKernel;
import org.attnsim.kernels.micro.OverlapKernel;
import org.attnsim.kernels.micro.PageRunKernel;
import org.attnsim.kernels.micro.RowExpKernel;
import org.attnsim.kernels.micro.MicroTileKernel;
import org.attnsim.kernels.micro.RowUpdateKernel;
import org.attnsim.kernels.micro.TriadKernel;
import org.attnsim.kernels.micro.UnitPageRunKernel;
import org.attnsim.kernels.micro.UnitTriadKernel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MicrobenchmarkKernelsTest {

    @Test
    void triadComputesOnTheOpenClDeviceAndIsTimed() {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 100_003;
        Random r = new Random(7);
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = r.nextFloat() - 0.5f;
            c[i] = r.nextFloat() * 3;
        }
        TriadKernel k = new TriadKernel(a, b, c, 1.5f);
        k.setExplicit(true);
        k.put(a).put(b).put(c);
        Measurement m = Harness.time("triad", k, WorkGroups.range(k, device, n), device, Harness.Budget.QUICK);
        k.get(a);
        k.dispose();
        for (int i = 0; i < n; i++) {
            assertEquals(b[i] + 1.5f * c[i], a[i], 1e-6f * (1 + Math.abs(a[i])), "element " + i);
        }
        assertEquals(device.getName().trim(), m.device());
        assertTrue(m.lowSeconds() <= m.medianSeconds() && m.medianSeconds() <= m.highSeconds());
        assertTrue(m.repeats() >= Harness.Budget.QUICK.minRepeats());
    }

    @Test
    void aUnitsTriadTakesItsItemsContiguousPiecesInOneWorkGroupOrInOneAUnit() {
        OpenCLDevice device = OpenClTestDevice.get();
        int items = 16;
        int piece = 1_001;
        Random r = new Random(11);
        float[] b = new float[2 * items * piece];
        float[] c = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextFloat() - 0.5f;
            c[i] = r.nextFloat() * 3;
        }
        // Two work-groups of 16 items each over half the array, then one work-group over all of it in pieces twice
        // as long: the same triad either way.
        for (int groups : new int[] {2, 1}) {
            float[] a = new float[b.length];
            UnitTriadKernel k = new UnitTriadKernel(a, b, c, 1.5f, b.length / (groups * items));
            k.setExplicit(true);
            k.put(a).put(b).put(c);
            k.execute(Range.create(device, groups * items, items));
            k.get(a);
            k.dispose();
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i] + 1.5f * c[i], a[i], 1e-6f * (1 + Math.abs(a[i])), groups + " groups, element " + i);
            }
        }
    }

    @Test
    void dotProductsAddUpWithTheirRunningTotal() {
        dotProductsAddUp(DotProductKernel.LENGTH);
        dotProductsAddUp(DotProductKernel.LONG_LENGTH);
    }

    private static void dotProductsAddUp(int len) {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 300;
        int iterations = 20;
        float[] rows = Microbenchmarks.randomRows(n * 2 * len, 13);
        float[] expectedRows = rows.clone();
        float[] out = new float[n];
        DotProductKernel k = new DotProductKernel(rows, out, iterations, len);
        k.setExplicit(true);
        k.put(rows).put(out);
        Measurement m = OpenClTestDevice.runOnce(k, WorkGroups.range(k, device, n), device);
        k.get(out);
        k.dispose();
        assertEquals(device.getName().trim(), m.device());
        for (int i = 0; i < n; i++) {
            int a = i * 2 * len;
            double total = 0;
            for (int t = 0; t < iterations; t++) {
                double s = 0;
                for (int c = 0; c < len; c++) {
                    s += (double) expectedRows[a + c] * expectedRows[a + len + c];
                }
                total += s;
                expectedRows[a] = (float) (total * 1e-3);
            }
            assertEquals(total, out[i], 1e-4 * (1 + Math.abs(total)), "length " + len + ", item " + i);
        }
    }

    @Test
    void rowExponentialsSumTheRowShiftedByTheRunningTotal() {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 300;
        int iterations = 20;
        int len = RowExpKernel.LENGTH;
        float[] rows = Microbenchmarks.randomRows(n * len, 19);
        float[] probabilities = new float[rows.length];
        float[] out = new float[n];
        RowExpKernel k = new RowExpKernel(rows, probabilities, out, iterations);
        k.setExplicit(true);
        k.put(rows).put(probabilities).put(out);
        Measurement m = OpenClTestDevice.runOnce(k, WorkGroups.range(k, device, n), device);
        k.get(probabilities).get(out);
        k.dispose();
        assertEquals(device.getName().trim(), m.device());
        for (int i = 0; i < n; i++) {
            double total = 0;
            double shift = 0;
            for (int t = 0; t < iterations; t++) {
                shift = total * 1e-6;
                double sum = 0;
                for (int c = 0; c < len; c++) {
                    sum += Math.exp(rows[i * len + c] - shift);
                }
                total += sum;
            }
            assertEquals(total, out[i], 1e-4 * total, "item " + i);
            assertEquals(Math.exp(rows[i * len + 5] - shift), probabilities[i * len + 5], 1e-4, "item " + i);
        }
    }

    @Test
    void rowUpdatesAddFourWeightedRowsEachPass() {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 300;
        int iterations = 20;
        int len = RowUpdateKernel.LENGTH;
        float[] rows = Microbenchmarks.randomRows(n * RowUpdateKernel.ROWS * len, 17);
        float[] updated = rows.clone();
        float[] out = new float[n];
        RowUpdateKernel k = new RowUpdateKernel(rows, out, iterations);
        k.setExplicit(true);
        k.put(rows).put(out);
        Measurement m = OpenClTestDevice.runOnce(k, WorkGroups.range(k, device, n), device);
        k.get(rows);
        k.get(out);
        k.dispose();
        assertEquals(device.getName().trim(), m.device());
        double[] decay = {0.99, 0.98, 0.97, 0.96};
        for (int i = 0; i < n; i++) {
            int acc = i * RowUpdateKernel.ROWS * len;
            for (int c = 0; c < len; c++) {
                double expected = updated[acc + c];
                double[] p = {0.25, 0.5, 0.75, 1};
                for (int t = 0; t < iterations; t++) {
                    for (int u = 0; u < 4; u++) {
                        expected += p[u] * updated[acc + (u + 1) * len + c];
                        p[u] = (float) (p[u] * decay[u]);
                    }
                }
                assertEquals(expected, rows[acc + c], 1e-4 * (1 + Math.abs(expected)), "item " + i + ", element " + c);
            }
            assertEquals(rows[acc + i % len], out[i], "item " + i);
        }
    }

    @Test
    void microTilesSumTheirItemsDotProductsAndValueUpdatesHalvedEachPass() {
        OpenCLDevice device = OpenClTestDevice.get();
        int groups = 3;
        int iterations = 5;
        int local = MicroTileKernel.LOCAL;
        float[] tiles = Microbenchmarks.randomRows(groups * MicroTileKernel.TILE_FLOATS, 19);
        float[] out = new float[groups * local];
        MicroTileKernel k = new MicroTileKernel(tiles, out, iterations);
        k.setExplicit(true);
        k.put(tiles).put(out);
        Measurement m = OpenClTestDevice.runOnce(k, Range.create(device, groups * local, local), device);
        k.get(out);
        k.dispose();
        assertEquals(device.getName().trim(), m.device());
        for (int g = 0; g < groups; g++) {
            int q = g * MicroTileKernel.TILE_FLOATS;
            int keys = q + 64 * 64;
            int p = keys + 32 * 64;
            int v = p + 64 * 32;
            for (int item = 0; item < local; item++) {
                int row0 = 4 * (item / 16);
                int tx = item % 16;
                // One pass's sums: rows row0..row0+3 with keys tx and tx+16, and their probabilities
                // times value elements tx + 16e; each pass halves the total so far and adds them again.
                double once = 0;
                for (int i = 0; i < 4; i++) {
                    for (int key : new int[] {tx, tx + 16}) {
                        for (int c = 0; c < 64; c++) {
                            once += (double) tiles[q + (row0 + i) * 64 + c] * tiles[keys + key * 64 + c];
                        }
                    }
                    for (int e = 0; e < 4; e++) {
                        for (int j = 0; j < 32; j++) {
                            once += (double) tiles[p + (row0 + i) * 32 + j] * tiles[v + j * 64 + tx + 16 * e];
                        }
                    }
                }
                double expected = 0;
                for (int t = 0; t < iterations; t++) {
                    expected = expected * 0.5 + once;
                }
                assertEquals(expected, out[g * local + item], 1e-4 * (1 + Math.abs(expected)),
                        "group " + g + ", item " + item);
            }
        }
    }

    @Test
    void straightLineFmaChainsComputeTheRecurrence() {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 1_000;
        float[] out = new float[n];
        FmaKernel k = new FmaKernel(out);
        OpenClTestDevice.runOnce(k, WorkGroups.range(k, device, n), device);
        k.dispose();
        for (int i = 0; i < n; i++) {
            // Chain c starts at i 1e-7 + c / 10; x <- 0.9999 x + 0.0001 gives 1 + (x0 - 1) 0.9999^t.
            double expected = 0;
            for (int c = 0; c < FmaKernel.CHAINS; c++) {
                expected += 1 + (i * 1e-7 + c / 10.0 - 1) * Math.pow(0.9999, FmaKernel.PER_CHAIN);
            }
            assertEquals(expected, out[i], 1e-5, "item " + i);
        }
    }

    @Test
    void straightLineExpChainsComputeTheRecurrence() {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 1_000;
        float[] out = new float[n];
        ExpKernel k = new ExpKernel(out);
        OpenClTestDevice.runOnce(k, WorkGroups.range(k, device, n), device);
        k.dispose();
        for (int i = 0; i < n; i++) {
            double expected = 0;
            for (int c = 0; c < ExpKernel.CHAINS; c++) {
                double x = i * 1e-9 + c / 16.0;
                for (int t = 0; t < ExpKernel.PER_CHAIN; t++) {
                    x = Math.exp(-x);
                }
                expected += x;
            }
            assertEquals(expected, out[i], 1e-5, "item " + i);
        }
    }

    @Test
    void twoStepsTimedInAlternationRunAsOftenAsEachOther() {
        OpenCLDevice device = OpenClTestDevice.get();
        int n = 4_096;
        float[] a = new float[n];
        float[] b = new float[n];
        float[] c = new float[n];
        for (int i = 0; i < n; i++) {
            b[i] = i;
            c[i] = 2;
        }
        TriadKernel triad = new TriadKernel(a, b, c, 0.5f);
        triad.setExplicit(true);
        triad.put(a).put(b).put(c);
        float[] out = new float[n];
        LoopFmaKernel chain = new LoopFmaKernel(out, 50);
        chain.setExplicit(true);
        chain.put(out);
        List<Measurement> pair = Harness.timeAlternating(
                new Harness.Step("triad", triad, WorkGroups.range(triad, device, n)),
                new Harness.Step("chain", chain, WorkGroups.range(chain, device, n)), device, Harness.Budget.QUICK);
        triad.get(a);
        chain.get(out);
        triad.dispose();
        chain.dispose();
        assertEquals(List.of("triad", "chain"), List.of(pair.get(0).what(), pair.get(1).what()));
        assertEquals(pair.get(0).repeats(), pair.get(1).repeats());
        assertTrue(pair.get(0).repeats() >= Harness.Budget.QUICK.minRepeats());
        for (Measurement m : pair) {
            assertEquals(device.getName().trim(), m.device());
            assertTrue(m.lowSeconds() <= m.medianSeconds() && m.medianSeconds() <= m.highSeconds());
        }
        // Both really ran: the triad's sums and the chain's recurrence are there.
        assertEquals(7 + 0.5f * 2, a[7], 1e-6f);
        double chains = 0;
        for (int u = 0; u < LoopFmaKernel.CHAINS; u++) {
            chains += 1 + (3 * 1e-7 + u / 10.0 - 1) * Math.pow(0.9999, 50);
        }
        assertEquals(chains, out[3], 1e-5);
    }

    /** Random pages of random floats, and for each of {@code items} benchmark items {@code runs} of them at random. */
    private record PageRunInput(float[] data, int[] pages, int runs) {

        static PageRunInput random(int pageCount, int items, int runs, long seed) {
            Random r = new Random(seed);
            float[] data = new float[pageCount * PageRunKernel.PAGE_FLOATS];
            for (int i = 0; i < data.length; i++) {
                data[i] = r.nextFloat() - 0.5f;
            }
            int[] pages = new int[items * runs];
            for (int i = 0; i < pages.length; i++) {
                pages[i] = r.nextInt(pageCount);
            }
            return new PageRunInput(data, pages, runs);
        }

        /** The kernel, reading these pages into {@code rows}, run once over {@code range}; its rows read back. */
        void run(Kernel kernel, Range range, float[] rows, OpenCLDevice device) {
            kernel.setExplicit(true);
            kernel.put(data).put(pages).put(rows);
            OpenClTestDevice.runOnce(kernel, range, device);
            kernel.get(rows);
            kernel.dispose();
        }

        /** Element j of the row of items {@code from} to {@code to}: that element of every block of every piece. */
        double expected(int from, int to, int j) {
            int page = PageRunKernel.PAGE_FLOATS;
            double sum = 0;
            for (int i = from; i < to; i++) {
                for (int u = 0; u < runs; u++) {
                    for (int b = 0; b < page; b += PageRunKernel.BLOCK) {
                        sum += data[pages[i * runs + u] * page + b + j];
                    }
                }
            }
            return sum;
        }
    }

    @Test
    void pageRunsAddEveryBlockOfTheirPagesIntoEachItemsRow() {
        OpenCLDevice device = OpenClTestDevice.get();
        int items = 4;
        PageRunInput in = PageRunInput.random(16, items, 3, 11);
        int block = PageRunKernel.BLOCK;
        float[] rows = new float[items * block];
        PageRunKernel k = new PageRunKernel(in.data(), in.pages(), rows, in.runs());
        in.run(k, WorkGroups.range(k, device, items), rows, device);
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < block; j++) {
                assertEquals(in.expected(i, i + 1, j), rows[i * block + j], 1e-4, "item " + i + ", element " + j);
            }
        }
    }

    @Test
    void unitPageRunsAddEveryBlockOfTheirItemsPagesInOneWorkGroupOrOneAUnit() {
        OpenCLDevice device = OpenClTestDevice.get();
        int items = 64;
        PageRunInput in = PageRunInput.random(24, items, 3, 19);
        int block = PageRunKernel.BLOCK;
        // 16 work items over the 64 benchmark items, in one work-group or in two of 8: 4 items each, in turn.
        for (int groups : new int[] {1, 2}) {
            float[] rows = new float[16 * block];
            in.run(new UnitPageRunKernel(in.data(), in.pages(), rows, in.runs(), items / 16),
                    Range.create(device, 16, 16 / groups), rows, device);
            for (int w = 0; w < 16; w++) {
                for (int j = 0; j < block; j++) {
                    assertEquals(in.expected(4 * w, 4 * w + 4, j), rows[w * block + j], 1e-4,
                            groups + " groups, item " + w + ", element " + j);
                }
            }
        }
    }

    @Test
    void gathersAddAFloatOfEveryLineOfTheirGroupsRowsOfBothArrays() {
        OpenCLDevice device = OpenClTestDevice.get();
        int groups = 3;
        int rows = 5;
        int rowFloats = 40; // three lines a row, the last one partly
        Random r = new Random(17);
        float[] keys = new float[7 + 50 * rowFloats];
        float[] values = new float[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = r.nextFloat() - 0.5f;
            values[i] = r.nextFloat() - 0.5f;
        }
        int[] starts = new int[groups * rows];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = 7 + r.nextInt(50) * rowFloats;
        }
        float[] sums = new float[groups];
        GatherKernel k = new GatherKernel(keys, values, starts, sums, rows, rowFloats);
        k.setExplicit(true);
        k.put(keys).put(values).put(starts).put(sums);
        OpenClTestDevice.runOnce(k, Range.create(device, groups * 16, 16), device);
        k.get(sums);
        k.dispose();
        for (int g = 0; g < groups; g++) {
            double expected = 0;
            for (int u = 0; u < rows; u++) {
                for (int c = 0; c < rowFloats; c += LineStart.LINE_FLOATS) {
                    expected += keys[starts[g * rows + u] + c] + values[starts[g * rows + u] + c];
                }
            }
            assertEquals(expected, sums[g], 1e-5, "group " + g);
        }
    }

    /**
     * One to three queries a row, streamed and wrapped onto cache-resident rows; over int8 and fp8 rows as the softmax
     * over their dequantised elements; rows of 64 elements and of 96.
     */
    @ParameterizedTest(name = "{0} queries a row, {1} rows of {2}")
    @CsvSource({"2, fp32, 64", "3, fp32, 64", "1, int8, 64", "3, int8, 64", "1, fp8, 64", "3, fp8, 64",
        "2, int8, 96", "2, fp8, 96"})
    void overlapRowsAttendAsADoublePrecisionSoftmaxDoes(int heads, String rowType, int length) {
        OpenCLDevice device = OpenClTestDevice.get();
        int items = 2 * OverlapKernel.GROUP;
        int rowsPerItem = 12;
        float[] keys = Microbenchmarks.randomRows(items * rowsPerItem * length, 21);
        float[] values = Microbenchmarks.randomRows(items * rowsPerItem * length, 23);
        float[] queries = Microbenchmarks.randomRows(heads * length, 22);
        Int8Cache keys8 = Int8Cache.of(keys);
        Int8Cache values8 = Int8Cache.of(values);
        Fp8Cache keysFp8 = Fp8Cache.of(keys);
        Fp8Cache valuesFp8 = Fp8Cache.of(values);
        if (rowType.equals("int8")) {
            keys = keys8.dequantised();
            values = values8.dequantised();
        } else if (rowType.equals("fp8")) {
            keys = keysFp8.dequantised();
            values = valuesFp8.dequantised();
        }
        // Streamed (every item its own rows) and wrapped onto the first 20 rows (items share them).
        for (int wrap : new int[] {items * rowsPerItem, 20}) {
            float[] out = new float[items];
            DecodeLoopKernel k = switch (rowType) {
                case "int8" -> new Int8OverlapKernel(keys8, values8, queries, out, rowsPerItem, heads, wrap, length);
                case "fp8" -> new Fp8OverlapKernel(keysFp8, valuesFp8, queries, out, rowsPerItem, heads, wrap, length);
                default -> new OverlapKernel(keys, values, queries, out, rowsPerItem, heads, wrap, length);
            };
            k.setExplicit(true);
            switch (rowType) {
                case "int8" -> k.put(keys8.values()).put(values8.values());
                case "fp8" -> k.put(keysFp8.values()).put(valuesFp8.values());
                default -> k.put(keys).put(values);
            }
            k.put(queries).put(out);
            OpenClTestDevice.runOnce(k, Range.create(device, items, OverlapKernel.GROUP), device);
            k.get(out);
            k.dispose();
            for (int i = 0; i < items; i++) {
                // The whole softmax at once, where the kernel keeps it online four rows at a time.
                double total = 0;
                for (int h = 0; h < heads; h++) {
                    double[] scores = new double[rowsPerItem];
                    int[] base = new int[rowsPerItem];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < rowsPerItem; j++) {
                        base[j] = ((i * rowsPerItem + j - j % 4) % wrap + j % 4) * length;
                        for (int c = 0; c < length; c++) {
                            scores[j] += (double) queries[h * length + c] * keys[base[j] + c];
                        }
                        scores[j] /= Math.sqrt(length);
                        max = Math.max(max, scores[j]);
                    }
                    double sum = 0;
                    double weighted = 0;
                    for (int j = 0; j < rowsPerItem; j++) {
                        double p = Math.exp(scores[j] - max);
                        sum += p;
                        for (int c = 0; c < length; c++) {
                            weighted += p * values[base[j] + c];
                        }
                    }
                    total += weighted / sum;
                }
                assertEquals(total, out[i], 1e-4 * Math.max(1, Math.abs(total)), "wrap " + wrap + ", item " + i);
            }
        }
    }

    @Test
    void decodeTilesAttendAsADoublePrecisionSoftmaxDoes() {
        OpenCLDevice device = OpenClTestDevice.get();
        int length = DecodeTileKernel.LENGTH;
        int tileFloats = DecodeTileKernel.ROWS * length;
        int groups = 3;
        int tilesPerGroup = 5;
        int heads = 3;
        float[] keys = Microbenchmarks.randomRows(groups * tilesPerGroup * tileFloats, 31);
        float[] values = Microbenchmarks.randomRows(groups * tilesPerGroup * tileFloats, 33);
        float[] queries = Microbenchmarks.randomRows(heads * length, 32);
        // Streamed (every group its own tiles) and wrapped onto the first 2 tiles (groups share them).
        for (int wrap : new int[] {groups * tilesPerGroup, 2}) {
            float[] out = new float[groups];
            DecodeTileKernel k = new DecodeTileKernel(keys, values, queries, out, tilesPerGroup, heads, wrap);
            k.setExplicit(true);
            k.put(keys).put(values).put(queries).put(out);
            OpenClTestDevice.runOnce(k, Range.create(device, groups * DecodeTileKernel.GROUP, DecodeTileKernel.GROUP),
                    device);
            k.get(out);
            k.dispose();
            int rows = tilesPerGroup * DecodeTileKernel.ROWS;
            for (int g = 0; g < groups; g++) {
                // The whole softmax over the group's rows at once, where the kernel keeps it online a tile at a time.
                double total = 0;
                for (int h = 0; h < heads; h++) {
                    double[] scores = new double[rows];
                    int[] base = new int[rows];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < rows; j++) {
                        int tile = (g * tilesPerGroup + j / DecodeTileKernel.ROWS) % wrap;
                        base[j] = tile * tileFloats + j % DecodeTileKernel.ROWS * length;
                        for (int c = 0; c < length; c++) {
                            scores[j] += (double) queries[h * length + c] * keys[base[j] + c];
                        }
                        scores[j] /= Math.sqrt(length);
                        max = Math.max(max, scores[j]);
                    }
                    double sum = 0;
                    double[] weighted = new double[length];
                    for (int j = 0; j < rows; j++) {
                        double p = Math.exp(scores[j] - max);
                        sum += p;
                        for (int c = 0; c < length; c++) {
                            weighted[c] += p * values[base[j] + c];
                        }
                    }
                    for (int c = 0; c < length; c++) {
                        total += weighted[c] / sum;
                    }
                }
                assertEquals(total, out[g], 1e-4 * Math.max(1, Math.abs(total)), "wrap " + wrap + ", group " + g);
            }
        }
    }

    @Test
    void histogramsCountEveryValueOfTheirItemIntoItsBucket() {
        OpenCLDevice device = OpenClTestDevice.get();
        int groups = 2;
        int items = groups * HistogramKernel.GROUP;
        int perItem = 300;
        int rounds = 3;
        int buckets = HistogramKernel.BUCKETS;
        Random r = new Random(13);
        float[] values = new float[items * perItem];
        int[] expected = new int[items * buckets];
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < perItem; j++) {
                // Bucket centres (exact in fp32), and values below and above the range, which clamp to the ends.
                int b = r.nextInt(buckets + 2) - 1;
                values[i * perItem + j] = b < 0 ? -9.5f : b == buckets ? 6.25f : -4f + (b + 0.5f) / 32f;
                expected[i * buckets + Math.max(0, Math.min(buckets - 1, b))] += rounds;
            }
        }
        int[] counts = new int[items * buckets];
        HistogramKernel k = new HistogramKernel(values, counts, perItem, rounds);
        k.setExplicit(true);
        k.put(values).put(counts);
        OpenClTestDevice.runOnce(k, Range.create(device, items, HistogramKernel.GROUP), device);
        k.get(counts);
        k.dispose();
        assertArrayEquals(expected, counts);
    }

    @Test
    void onlineSoftmaxKeepsEachRowsMaximumAndItsSumOfExponentials() {
        OpenCLDevice device = OpenClTestDevice.get();
        int items = 32;
        int passes = 2;
        int length = OnlineSoftmaxKernel.LENGTH;
        float[] rows = Microbenchmarks.randomRows(items * length, 17);
        float[] out = new float[2 * items];
        OnlineSoftmaxKernel k = new OnlineSoftmaxKernel(rows, out, passes);
        k.setExplicit(true);
        k.put(rows).put(out);
        OpenClTestDevice.runOnce(k, Range.create(device, items, 16), device);
        k.get(out);
        k.dispose();
        for (int i = 0; i < items; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < length; j++) {
                max = Math.max(max, rows[i * length + j]);
            }
            double sum = 0;
            for (int j = 0; j < length; j++) {
                sum += Math.exp(rows[i * length + j] - max);
            }
            assertEquals(max, out[2 * i], 0, "item " + i);
            assertEquals(passes * sum, out[2 * i + 1], 1e-4 * passes * sum, "item " + i);
        }
    }
}
