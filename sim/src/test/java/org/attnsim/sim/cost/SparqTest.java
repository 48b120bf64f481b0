package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ProfileReader;
import org.attnsim.sim.Points;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Framework;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

class SparqTest {

    @Test
    void transferCountsAreThePapersFormulas() {
        // SparQ paper, section 4: dense 2 S d + 2 d, SparQ S r + 2 k d + 4 d (elements per head).
        // S = 4096, d = 128, r = 32, k = 128: dense 1,048,832; SparQ 131,072 + 32,768 + 512 = 164,352.
        assertEquals(1_048_832.0, SparqTransfer.denseElements(4096, 128));
        assertEquals(164_352.0, SparqTransfer.sparqElements(4096, 128, 32, 128));
        // Dense / SparQ = 6.38 (the paper's Table 4 quotes a theoretical 6.4x).
        assertEquals(6.38, 1 / SparqTransfer.compressionRatio(4096, 128, 32, 128), 0.005);
    }

    @Test
    void keyStoredTwiceReadsTheSelectedColumnsOnly() {
        AttentionShape llama2 = AttentionShape.of(4096, 32, 32, 32, "t");
        // The paper's implementation (eager PyTorch operations around Triton kernels).
        Prediction twice = Points.predict(llama2, Phase.DECODE, 4096, 64, true,
                new SparqConfig(32, 128, 0, KeyLayout.TWICE, true), Points.A100, Framework.EAGER);
        Prediction once = Points.predict(llama2, Phase.DECODE, 4096, 64, true,
                new SparqConfig(32, 128, 0, KeyLayout.ONCE, true), Points.A100, Framework.EAGER);
        double heads = 64 * 32;
        // The paper's element count in bytes, plus what our model adds to it: the approximate scores in
        // bf16 (written, read and rewritten by softmax, read once by top-k) and 8-byte indices (r chosen
        // components, k rows written by top-k and read by the gather).
        double paper = heads * SparqTransfer.sparqElements(4096, 128, 32, 128) * 2;
        double scores = heads * 4096 * 2 * (3 + 1);
        double indices = heads * (32 + 2 * 128) * 8;
        assertEquals(1.0, twice.deviceBytes() / (paper + scores + indices), 0.03);
        // Stored once, 32 of 128 columns touch nearly all 8 sectors of each 256-byte row.
        assertTrue(once.deviceBytes() > 2.5 * twice.deviceBytes());
        assertTrue(once.seconds() > twice.seconds());
    }

    @Test
    void fusedKernelsKeepScoresOnChip() {
        AttentionShape llama2 = AttentionShape.of(4096, 32, 32, 32, "t");
        SparqConfig c = new SparqConfig(32, 128, 0, KeyLayout.TWICE, true);
        Prediction fused = Points.predict(llama2, Phase.DECODE, 4096, 64, true, c, Points.A100, Framework.FUSED);
        double heads = 64 * 32;
        // Device bytes: q twice and the output (3 d e), the r columns (S r e), fp32 group scores written
        // once (4 S; the top-k reads them back from the cache), the r and k indices (8 r + 16 k), the
        // gathered rows (2 k d e) and v_bar (d e).
        double perHead = 3 * 128 * 2 + 4096.0 * 32 * 2 + 4 * 4096 + 8 * 32 + 16 * 128 + 2 * 128 * 128 * 2 + 128 * 2;
        assertEquals(heads * perHead, fused.deviceBytes(), 1e-9 * fused.deviceBytes());
        // On a GPU attnsim's kernel takes a launch per stage, against 29 launches in the paper's implementation.
        assertEquals(List.of(1, 1, 1), fused.ops().stream().map(t -> t.op().launches()).toList());
        // The approximate scores: r = 32 FMAs (64 FLOPs) a score, and 4 instructions besides its exponential
        // (subtract, clamp, add, store); MHA adds nothing into a group row.
        OpCost approx = fused.ops().get(0).op();
        assertEquals("sparq approx scores", approx.name());
        assertEquals(heads * 4096 * 64, approx.matrixFlops(), 1e-6);
        assertEquals(heads * 4096 * 4, approx.vectorOps(), 1e-6);
        assertEquals(heads * 4096, approx.exponentials(), 1e-6);
    }

    @Test
    void onACpuTheStatisticsExponentialsRunOnTheFmaPipes() {
        AttentionShape llama2 = AttentionShape.of(4096, 32, 32, 32, "t");
        SparqConfig c = new SparqConfig(32, 128, 0, KeyLayout.TWICE, true);
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        OpCost approx = Points.predict(llama2, Phase.DECODE, 4096, 64, true, c, cpu).ops().get(0).op();
        OpCost onGpu = Points.predict(llama2, Phase.DECODE, 4096, 64, true, c, Points.A100).ops().get(0).op();
        double scores = 64 * 32 * 4096.0;
        // Subtract, clamp (two selects), add, store; the exponential itself is the kernel's, on the FMA pipes.
        assertEquals(scores * 5, approx.vectorOps(), 1e-6);
        assertEquals(scores, approx.exponentials(), 1e-6);
        assertEquals(scores, approx.fmaExponentials(), 1e-6);
        assertEquals(0.0, onGpu.fmaExponentials());
        assertEquals(onGpu.matrixFlops(), approx.matrixFlops());
        assertEquals(onGpu.deviceBytes(), approx.deviceBytes());
        // A CPU runs the fused kernel, one launch for the step and 16 work items a group in every stage.
        List<OpCost> onCpu = Points.predict(llama2, Phase.DECODE, 4096, 64, true, c, cpu).ops().stream()
                .map(t -> t.op()).toList();
        assertEquals(List.of(1, 0, 0), onCpu.stream().map(OpCost::launches).toList());
        assertEquals(64 * 32 * 16.0, onCpu.get(0).tiles());
        // Its exact stage's items are heads, each alone, loads first; two exponentials a row (the probability and
        // alpha's mass) on either device.
        assertTrue(onCpu.get(2).itemLoops());
        assertEquals(64 * 32 * 128 * 2.0, onCpu.get(2).exponentials(), 1e-6);
    }

    @Test
    void onAGpuTheScoresRunOverSplitsAndTheOtherStagesAWorkGroupAGroup() {
        // MHA, 8 heads, batch 8 on an H100's 132 SMs: 64 groups, each split for 4 work-groups an SM, ceil(528 / 64)
        // = 9 splits; the top-k and the exact attention take one work-group a group.
        AttentionShape mha = AttentionShape.of(512, 8, 8, 8, "t");
        SparqConfig c = new SparqConfig(16, 128, 0, KeyLayout.TWICE, true);
        List<OpCost> ops = Points.predict(mha, Phase.DECODE, 16384, 8, true, c, Points.H100, Framework.FUSED).ops()
                .stream().map(t -> t.op()).toList();
        assertEquals(132, Points.H100.units());
        assertEquals(List.of(64 * 9.0, 64.0, 64.0), ops.stream().map(OpCost::tiles).toList());
        assertFalse(ops.get(2).itemLoops());
        assertEquals(64 * 128 * 2.0, ops.get(2).exponentials(), 1e-6);
        // Splits are whole multiples of 32 positions: at 64 positions a group has 2, however many SMs wait.
        OpCost shortCache = Points.predict(mha, Phase.DECODE, 64, 8, true, c, Points.H100, Framework.FUSED).ops()
                .get(0).op();
        assertEquals(64 * 2.0, shortCache.tiles());
        // GQA over 2 KV heads, 16 groups: ceil(528 / 16) = 33 splits wanted, 16384 / 33 = 497 positions rounded up
        // to 512, so 32 splits of 512.
        AttentionShape gqa = AttentionShape.of(512, 8, 8, 2, "t");
        OpCost gqaScores = Points.predict(gqa, Phase.DECODE, 16384, 8, true, c, Points.H100, Framework.FUSED).ops()
                .get(0).op();
        assertEquals(16 * 32.0, gqaScores.tiles());
    }

    @Test
    void onAGpuEachFurtherHeadReadsItsSplitAgainFromMemoryWhereOneHeadsPassOverfillsTheCache() {
        // Rows of 64 floats, 16 of them chosen: a 32-byte sector of 8 floats is left untouched with probability
        // (48 47 ... 41) / (64 63 ... 57) = 0.08525, so a row reads 8 x 0.91475 x 32 = 234.17 bytes; GQA's 16 groups
        // of 16384 rows, 61.39 MB, over the H100's 50 MB L2 (one wave: 512 work-groups of 528 resident): each of
        // the three further heads of a group reads them again from memory. Stored twice, the 16 columns are 64 bytes
        // a position, 16.78 MB: the rereads come from the L2.
        AttentionShape gqa = AttentionShape.of(512, 8, 8, 2, "t");
        double sectors = 16 * 16384 * 234.1749;
        double columns = 16 * 16384 * 64.0;
        OpCost once = scores(gqa, KeyLayout.ONCE, Points.H100);
        OpCost twice = scores(gqa, KeyLayout.TWICE, Points.H100);
        OpCost oneHeadOnce = scores(AttentionShape.of(512, 8, 2, 2, "t"), KeyLayout.ONCE, Points.H100);
        double queries = 8 * 6 * 64 * 4.0;
        assertEquals(3 * sectors + queries, once.deviceBytes() - oneHeadOnce.deviceBytes(), 100);
        assertEquals(3 * columns, twice.cacheBytes() - twice.deviceBytes() - 6 * 16 * 16384 * 4.0, 1e-3);
        assertEquals(0, SparqDecode.tiledScoreRereads(columns, 4, 512, 132, 50e6));
        assertEquals(3 * sectors, SparqDecode.tiledScoreRereads(sectors, 4, 512, 132, 50e6), 1e-3);
        // Over two waves only half the work-groups run at once: 61.39 MB of sectors read half at a time fit.
        assertEquals(0, SparqDecode.tiledScoreRereads(sectors, 4, 1056, 132, 50e6));
        assertEquals(0, SparqDecode.tiledScoreRereads(sectors, 1, 512, 132, 50e6));
        // A CPU's kernel builds the group's scores in a block of local memory, its rows read once: no rereads.
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        assertEquals(queries, scores(gqa, KeyLayout.ONCE, cpu).deviceBytes()
                - scores(AttentionShape.of(512, 8, 2, 2, "t"), KeyLayout.ONCE, cpu).deviceBytes(), 1e-6);
    }

    /** The approximate scores of decoding at S 16384, batch 8, fp32 (as validate-local), r 16, k 128. */
    private static OpCost scores(AttentionShape shape, KeyLayout layout, HardwareProfile hw) {
        return Points.predict(shape, Phase.DECODE, 16384, 8, true, new SparqConfig(16, 128, 0, layout, true), hw,
                Framework.FUSED, Dtype.FP32).ops().get(0).op();
    }

    @Test
    void onceScoresAreNotChainedOnAGpuAndTheExactStagePaysItsRoundTripsPerGroup() {
        // GQA, 32 query heads over 8 KV heads, batch 64: 512 groups of 4 heads.
        AttentionShape gqa = AttentionShape.of(4096, 32, 32, 8, "t");
        SparqConfig once = new SparqConfig(32, 128, 0, KeyLayout.ONCE, true);
        Prediction p = Points.predict(gqa, Phase.DECODE, 4096, 64, true, once, Points.A100, Framework.FUSED);
        OpCost approx = p.ops().get(0).op();
        OpCost exact = p.ops().get(2).op();
        assertEquals("sparq exact attention", exact.name());
        // Stored once, each score is a dot product of d = 128 that nothing waits on before the statistics' pass,
        // and a GPU's other warps hide the loads: no chain. The exact stage keeps its chains: 4 d FLOPs a row and
        // head (exact and approximate score, value update) in eight accumulators (four rows' exact and approximate
        // scores).
        assertEquals(0, approx.chainedFlops());
        assertEquals(64 * 32 * 128 * 4.0 * 128, exact.chainedFlops(), 1e-3);
        assertEquals(8, exact.chainWidth());
        // The exact stage's round trips are paid by a group's first head: one work-group per group, 512.
        assertEquals(64 * 8, exact.tiles());
        assertEquals(2 * 2 * Math.ceil(128 / 4.0), exact.dependentPasses());
    }

    @Test
    void onACpuTheOnceScoresFirstHeadAGroupRunsInFourChains() {
        // GQA as above on a CPU: 64 x 8 groups of 4 heads, S 4096, d 128. The first head of a group dots every
        // row, 2 x 128 FLOPs a row in four accumulators (four rows at a time): 64 x 8 x 4096 x 256 FLOPs of the
        // 64 x 32 x 4096 x 256 chained; K stored twice gathers columns instead, with no chain.
        AttentionShape gqa = AttentionShape.of(4096, 32, 32, 8, "t");
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        OpCost once = Points.predict(gqa, Phase.DECODE, 4096, 64, true,
                new SparqConfig(32, 128, 0, KeyLayout.ONCE, true), cpu).ops().get(0).op();
        OpCost twice = Points.predict(gqa, Phase.DECODE, 4096, 64, true,
                new SparqConfig(32, 128, 0, KeyLayout.TWICE, true), cpu).ops().get(0).op();
        assertEquals(64 * 32 * 4096 * 256.0, once.matrixFlops(), 1e-3);
        assertEquals(64 * 8 * 4096 * 256.0, once.chainedFlops(), 1e-3);
        assertEquals(4, once.chainWidth());
        assertEquals(0, twice.chainedFlops());
        // Its four heads dot each streamed row: the loop's measured exponent at four heads a row prices its overlap.
        assertEquals(4, once.onceScoreHeads());
        assertEquals(0, twice.onceScoreHeads());
        assertEquals(4, twice.twiceScoreHeads());
        assertEquals(0, once.twiceScoreHeads());
    }

    @Test
    void theTwiceScoresReadTheirFurtherPassesBytesAboveR16AsTheKernelReadsThem() {
        // The kernel reads eight columns at a time; up to r 16 the first half is one pass of at most eight, above it
        // the first half is all but the last eight columns, in whole fours, and its passes after the first read all but
        // eight of them: at r 20, 12 less 8; at r 32, 24 less 8; at r 36, 28 less 8. 32 groups of 16384 positions in
        // bf16.
        AttentionShape mha = AttentionShape.of(1024, 8, 8, 8, "t");
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        int[] rs = {8, 16, 20, 32, 36};
        double[] furtherBytes = {0, 0, 32 * 16384 * 4 * 2.0, 32 * 16384 * 16 * 2.0, 32 * 16384 * 20 * 2.0};
        for (int i = 0; i < rs.length; i++) {
            int r = rs[i];
            OpCost twice = Points.predict(mha, Phase.DECODE, 16384, 4, true,
                    new SparqConfig(r, 128, 0, KeyLayout.TWICE, true), cpu).ops().get(0).op();
            OpCost once = Points.predict(mha, Phase.DECODE, 16384, 4, true,
                    new SparqConfig(r, 128, 0, KeyLayout.ONCE, true), cpu).ops().get(0).op();
            assertEquals(r > 16, twice.twiceScoresInPasses(), "r " + r);
            assertEquals(furtherBytes[i], twice.furtherPassBytes(), "r " + r);
            assertFalse(once.twiceScoresInPasses(), "r " + r + ", K stored once");
        }
    }

    @Test
    void aCpuProfilesMeasuredLinesInFlightSetTheExactStagesRoundTrips() throws IOException {
        AttentionShape mha = AttentionShape.of(512, 8, 8, 8, "t");
        SparqConfig c = new SparqConfig(16, 128, 0, KeyLayout.TWICE, true);
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        String text;
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(
                "/org/attnsim/hwmodels/profiles/cpu-server-64c.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    + "gatherLinesInFlight: {value: 8, source: \"measured\"}\n";
        }
        HardwareProfile measured = ProfileReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml");
        // d 64 in bf16: 128 bytes, two lines a row; 128 rows of K and of V: 512 lines a group.
        OpCost fallback = Points.predict(mha, Phase.DECODE, 16384, 8, true, c, bundled).ops().get(2).op();
        OpCost atEight = Points.predict(mha, Phase.DECODE, 16384, 8, true, c, measured).ops().get(2).op();
        assertEquals(Math.ceil(512 / 12.0), fallback.dependentPasses());
        assertEquals(512 / 8.0, atEight.dependentPasses());
    }

    @Test
    void onACpuTheExactStagesRoundTripsAreItsRowsLinesOverTheLinesInFlight() {
        // k 128 rows of K and of V, d 64 in fp32: 256 bytes, four 64-byte lines a row, 1,024 lines: 85.3 round
        // trips at the fallback's 12 in flight, 107.8 at a measured 9.5.
        assertEquals(86.0, SparqDecode.exactRoundTrips(128, 64, 4, 64, DeviceKind.CPU, 12));
        assertEquals(108.0, SparqDecode.exactRoundTrips(128, 64, 4, 64, DeviceKind.CPU, 9.5));
        // d 40 in fp32: 160 bytes, three lines a row; 64 rows of each: 384 lines, 32 round trips at 12.
        assertEquals(32.0, SparqDecode.exactRoundTrips(64, 40, 4, 64, DeviceKind.CPU, 12));
        // A GPU's items gather four rows at a time: two round trips per four rows of K, and of V.
        assertEquals(2 * 2 * 32.0, SparqDecode.exactRoundTrips(128, 64, 4, 32, DeviceKind.GPU, 12));
    }

    @Test
    void eagerLaunchesFollowThePapersBenchmarkCode() {
        // sparq_attn with gather_matmul "custom": stage 1 is abs, topk(|q|, r) (select, sort), two sums, a
        // multiply, a divide, a sqrt, the Triton gather_inner_bmv and a compiled softmax: 10 launches, one
        // Triton launch (62 us) and one compiled call (35 us). Stage 2 is topk(s_hat, k), sorted: 14 launches.
        // Stage 3 is gather_outer_bmv, a compiled softmax, gather_inner_matrix_only_bmv, a sum and lerp:
        // 5 launches, two Triton launches and one compiled call.
        AttentionDims dims = AttentionDims.of(AttentionShape.of(4096, 32, 32, 32, "t"),
                Workload.of(Phase.DECODE, 4096, 64, true, Dtype.FP16, Algorithm.TILED, "t"));
        List<OpCost> ops = SparqDecode.eager(dims, new SparqConfig(32, 128, 0, KeyLayout.TWICE, true), 108, 32);
        assertEquals(10, ops.get(0).launches());
        assertEquals(62e-6 + 35e-6, ops.get(0).hostSeconds(), 1e-15);
        assertEquals(14, ops.get(1).launches());
        assertEquals(0.0, ops.get(1).hostSeconds());
        assertEquals(5, ops.get(2).launches());
        assertEquals(2 * 62e-6 + 35e-6, ops.get(2).hostSeconds(), 1e-15);
    }

    @Test
    void torchTopKPicksItsAlgorithmAsPyTorchDoes() {
        // TensorTopK.cu, should_use_multiblock: 800-4,000 slices of at least 800 take the multi-block select,
        // so Table 4's 64 x 32 heads of 4,096 scores do; 32 slices need at least 10,000 scores.
        assertTrue(SparqDecode.usesMultiBlockTopK(2048, 4096));
        assertTrue(SparqDecode.usesMultiBlockTopK(32, 16384));
        assertTrue(!SparqDecode.usesMultiBlockTopK(32, 4096));
        assertTrue(!SparqDecode.usesMultiBlockTopK(100, 4999));
        // fp16 in 8-bit digits: two passes of two launches, plus fill, two memsets, the k-th counts, two
        // scans of two kernels and the gather: 13 launches, no waiting inside a kernel; sorting adds one.
        // The slices are read from device memory once and from the cache by both passes and the gather.
        OpCost multi = SparqDecode.torchTopK(2048, 4096, 2048 * 4096 * 2.0, 2048 * 128 * 8.0, 2, false);
        assertEquals(13, multi.launches());
        assertEquals(14, SparqDecode.torchTopK(2048, 4096, 2048 * 4096 * 2.0, 2048 * 128 * 8.0, 2, true).launches());
        assertEquals(0.0, multi.dependentPasses());
        assertEquals(3 * 2048 * 4096 * 2.0 + 2048 * 128 * 8.0, multi.cacheBytes());
        // One block per slice: eight 2-bit digits and two gather passes, each waiting a round trip.
        OpCost single = SparqDecode.torchTopK(32, 4096, 32 * 4096 * 2.0, 32 * 128 * 8.0, 2, false);
        assertEquals(10.0, single.dependentPasses());
        assertEquals(3, single.launches());
    }

    @Test
    void sectorModelMatchesHandWorkedCases() {
        // Every column: the whole 256-byte row.
        assertEquals(256.0, SectorModel.scatteredColumnBytes(128, 128, 2, 32), 1e-9);
        // One column: one 32-byte sector.
        assertEquals(32.0, SectorModel.scatteredColumnBytes(128, 1, 2, 32), 1e-9);
        // d 4, r 2, 2 elements per 4-byte sector: a sector is missed with C(2,2)/C(4,2) = 1/6,
        // so 2 sectors x 5/6 x 4 bytes = 6.667 bytes.
        assertEquals(20.0 / 3.0, SectorModel.scatteredColumnBytes(4, 2, 2, 4), 1e-12);
        assertEquals(256.0, SectorModel.rowBytes(128, 2, 32));
        assertEquals(64.0, SectorModel.rowBytes(24, 2, 32));
    }

    @Test
    void fusedTopKCountsTheColumnMaximaThePoolAndItsPasses() {
        // S = 16384, k = 128, no window: 64 tiles of 16 x 16, 1,024 column maxima. Their loads and maxima at
        // 0.5 ops a score (8,192); 11 ops a column for its store, the range and its count (11,264); the
        // histogram's zeroing, sum and walk, 2 x 16 x 256 / 8 + 3 x 256 (1,792). The pool's scan checks
        // 1,024 columns at 5 ops (5,120) and reads 128 columns of 16 at 7 ops (14,336). The pool holds
        // 128 (1 + 0.75 x 128 / 1024) = 140 scores, read by 2 - e^(-2 x 128 / 256) = 2 - 1/e = 1.632 bucketing
        // and two collecting passes at 7 ops and bucketed by each bucketing pass at 20 (140 x 58.07 = 8,129),
        // plus each bucketing pass's histogram (1,792 x 1.632 = 2,925). Per group 51,758.2.
        OpCost bounded = SparqDecode.fusedTopK(10, 16384, new SparqConfig(16, 128, 0, KeyLayout.TWICE, true), 160);
        double passes = 2 - Math.exp(-1);
        assertEquals(10 * (8_192 + 11_264 + 1_792 + 5_120 + 14_336 + 140 * (7 * (passes + 2) + 20 * passes)
                + 1_792 * passes), bounded.vectorOps(), 1e-6);
        assertEquals(517_581.8, bounded.vectorOps(), 0.1);
        assertEquals(bounded.vectorOps(), bounded.otherVectorOps());
        // The scores come back from the cache, just written by the same work-group: no page runs, and only
        // the chosen rows' indices (10 x 128 x 8 bytes) go to device memory.
        assertEquals(0, bounded.pageRunBytes(), 1e-6);
        assertEquals(10_240, bounded.deviceBytes(), 1e-6);
        // k = 2048: 1,024 columns cannot bound the 2,048th score, so all 16,384 are scanned (114,688) and
        // pooled, and ceil(log_256 8) = 1 bucketing and two collecting passes read them all (671,744).
        // Per group 8,192 + 11,264 + 1,792 + 5,120 + 114,688 + 671,744 + 1,792 = 814,592.
        OpCost unbounded = SparqDecode.fusedTopK(1, 16384, new SparqConfig(16, 2048, 0, KeyLayout.TWICE, true), 16);
        assertEquals(814_592, unbounded.vectorOps(), 1e-6);
        // A window and a tail: S = 4099, window 32 leaves 4,067 candidates, n = 96. 15 whole tiles (3,840)
        // give 240 columns, and 227 candidates follow them. Columns: 1,920 + 2,640 + 1,792; checks 1,200;
        // scan 96 x 16 + 227 = 1,763 scores at 7 ops (12,341); a pool of 96 (1 + 0.75 x 96 / 240) = 124.8
        // over 2 - e^(-0.75) = 1.528 bucketing passes (124.8 x 55.25 = 6,894.7, histograms 2,737.5). In all
        // 29,525.2.
        OpCost windowed = SparqDecode.fusedTopK(1, 4099, new SparqConfig(4, 128, 32, KeyLayout.TWICE, true), 16);
        double windowPasses = 2 - Math.exp(-0.75);
        assertEquals(1_920 + 2_640 + 1_792 + 1_200 + 12_341 + 124.8 * (7 * (windowPasses + 2) + 20 * windowPasses)
                + 1_792 * windowPasses, windowed.vectorOps(), 1e-6);
        assertEquals(29_525.2, windowed.vectorOps(), 0.1);
        // Doubling the groups doubles the work; a larger k (still bounded) pools and scans more.
        SparqConfig k256 = new SparqConfig(16, 256, 0, KeyLayout.TWICE, true);
        assertEquals(2 * SparqDecode.fusedTopK(1, 16384, k256, 16).vectorOps(),
                SparqDecode.fusedTopK(2, 16384, k256, 32).vectorOps(), 1e-6);
        assertTrue(SparqDecode.fusedTopK(1, 16384, k256, 16).vectorOps() > bounded.vectorOps() / 10);
    }
}
