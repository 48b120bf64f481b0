package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attnsim.hwmodels.Dtype;
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
        // and read once (8 S), the r and k indices (8 r + 16 k), the gathered rows (2 k d e) and v_bar (d e).
        double perHead = 3 * 128 * 2 + 4096.0 * 32 * 2 + 8 * 4096 + 8 * 32 + 16 * 128 + 2 * 128 * 128 * 2 + 128 * 2;
        assertEquals(heads * perHead, fused.deviceBytes(), 1e-9 * fused.deviceBytes());
        // One launch per stage, against 29 launches in the paper's implementation.
        int launches = fused.ops().stream().mapToInt(t -> t.op().launches()).sum();
        assertEquals(3, launches);
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
    void fusedTopKCountsTheFirstPassThePoolAndItsPasses() {
        // S = 16384, k = 128, no window, 16 items: chunks of 1024, sorted arrays of m = 8. First pass: 5 ops
        // a score (81,920) and 8 (1 + ln 128) = 46.82 insertions an item, 7 steps of 6 ops each (16 items:
        // 31,460.5). Pooling pass: 7 ops a score (114,688); the pool of 2k = 256 read by one bucketing and
        // two collecting passes at 7 ops (5,376). Per group 233,444.5; ten groups.
        OpCost sorted = SparqDecode.fusedTopK(10, 16384, new SparqConfig(16, 128, 0, KeyLayout.TWICE, true), 160);
        assertEquals(10 * (81_920 + 16 * 8 * (1 + Math.log(128)) * 42 + 114_688 + 5_376), sorted.vectorOps(), 1e-6);
        assertEquals(2_334_445, sorted.vectorOps(), 1);
        assertEquals(sorted.vectorOps(), sorted.otherVectorOps());
        // k = 2048: m = 128 is past the largest array (64), so the first pass takes the range (7 ops a score,
        // 114,688), every score is pooled (114,688), and ceil(log_256 8) = 1 bucketing and two collecting
        // passes read all 16,384 (344,064). Per group 573,440.
        OpCost range = SparqDecode.fusedTopK(1, 16384, new SparqConfig(16, 2048, 0, KeyLayout.TWICE, true), 16);
        assertEquals(573_440, range.vectorOps(), 1e-6);
        // A last chunk too short to fill its array turns the arrays off. S = 1000 in chunks of 63 leaves 55
        // for the last item, enough for m = 8; S = 961 in chunks of 61 leaves 46, short of m = 50 (k = 800),
        // so the range pass, a pool of all 961 and three passes over it: 7 x 961 x 5 = 33,635.
        assertTrue(SparqDecode.fusedTopK(1, 1000, new SparqConfig(16, 128, 0, KeyLayout.TWICE, true), 16).vectorOps()
                < 7.0 * 1000 * 5);
        assertEquals(33_635,
                SparqDecode.fusedTopK(1, 961, new SparqConfig(16, 800, 0, KeyLayout.TWICE, true), 16).vectorOps(), 1e-6);
    }
}
