package org.attnsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Framework;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

/** A decoding step whose KV cache is stored in another element type than it computes in. */
class KvCacheDtypeTest {

    static final AttentionShape LLAMA3_8B = AttentionShape.of(4096, 32, 32, 8, "t");

    static OpTiming op(Prediction p, String name) {
        return p.ops().stream().filter(t -> t.op().name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anFp8CacheReadsOneByteAnElementOfTheCacheAndAppendsOne() {
        // Llama-3-8B attention, S 65,536, B 1, on the A100 profile (FlashDecoding's kernel): the cache and the appended
        // token, 2 x 8 x (65,536 + 1) x 128 elements, cost a byte less each in fp8 than in bf16: 134,219,776 bytes.
        Prediction bf16 = Points.decode(LLAMA3_8B, 65536, 1, null, Points.A100, KvDtype.BF16);
        Prediction fp8 = Points.decode(LLAMA3_8B, 65536, 1, null, Points.A100, KvDtype.FP8);
        assertEquals(134_219_776.0, bf16.deviceBytes() - fp8.deviceBytes(), 1e-3);
        assertTrue(fp8.deviceBytes() >= 134_217_728.0 && fp8.deviceBytes() < 134_217_728.0 * 1.01);
        // Each of the 134,217,728 elements read is converted and scaled: two vector ops.
        assertEquals(2 * 134_217_728.0, fp8.vectorOps() - bf16.vectorOps(), 1e-3);
        // Decoding is memory-bound here, so the step takes about half as long.
        assertEquals(0.5, fp8.seconds() / bf16.seconds(), 0.03);
    }

    @Test
    void anFp16CacheUnderBf16ComputeReadsTheSameBytesButConvertsThem() {
        Prediction bf16 = Points.decode(LLAMA3_8B, 65536, 1, null, Points.A100, KvDtype.BF16);
        Prediction fp16 = Points.decode(LLAMA3_8B, 65536, 1, null, Points.A100, KvDtype.FP16);
        assertEquals(bf16.deviceBytes(), fp16.deviceBytes(), 1e-3);
        assertEquals(2 * 134_217_728.0, fp16.vectorOps() - bf16.vectorOps(), 1e-3);
    }

    @Test
    void sparqReadsItsColumnsAndRowsInTheCachesType() {
        // MHA, d 128, r 32, k 256, K stored twice, S 65,536, B 1 on the H100 profile: one head a group, so no rereads.
        // The scores read 32 x 65,536 columns of 32 elements, a byte less each in fp8: 67,108,864 bytes; the exact
        // stage 2 x 32 x 256 rows of K and V, each 256 bytes (8 sectors) in bf16 and 128 (4) in fp8: 2,097,152.
        AttentionShape mha = AttentionShape.of(4096, 32, 32, 32, "t");
        SparqConfig c = new SparqConfig(32, 256, 0, KeyLayout.TWICE, true);
        Prediction bf16 = Points.decode(mha, 65536, 1, c, Points.H100, KvDtype.BF16);
        Prediction fp8 = Points.decode(mha, 65536, 1, c, Points.H100, KvDtype.FP8);
        assertEquals(67_108_864.0, op(bf16, "sparq approx scores").op().deviceBytes()
                - op(fp8, "sparq approx scores").op().deviceBytes(), 1e-3);
        assertEquals(2_097_152.0, op(bf16, "sparq exact attention").op().deviceBytes()
                - op(fp8, "sparq exact attention").op().deviceBytes(), 1e-3);
        assertEquals(op(bf16, "sparq top-k").op().deviceBytes(), op(fp8, "sparq top-k").op().deviceBytes(), 0);
    }

    @Test
    void theFootprintsKvCacheIsInTheCachesType() {
        Prediction bf16 = Points.decode(LLAMA3_8B, 65536, 4, null, Points.A100, KvDtype.BF16);
        Prediction fp8 = Points.decode(LLAMA3_8B, 65536, 4, null, Points.A100, KvDtype.FP8);
        // 2 x 4 x 65,536 x 8 x 128 elements.
        assertEquals(2.0 * 4 * 65536 * 8 * 128 * 2, bf16.footprint().kvCacheBytes(), 0);
        assertEquals(2.0 * 4 * 65536 * 8 * 128, fp8.footprint().kvCacheBytes(), 0);
    }

    @Test
    void aQuantisedCacheNeedsATiledKernelAndSparqsFusedOne() {
        Workload naive = Workload.of(Phase.DECODE, 1024, 1, true, Dtype.BF16, Algorithm.NAIVE, Framework.FUSED, 0, "t");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> naive.withKvDtype(KvDtype.FP8, false, "workload.kvDtype"));
        assertEquals("workload.kvDtype", e.where());
        assertTrue(e.getMessage().contains("needs algorithm tiled"), e.getMessage());
        Workload eager = Workload.of(Phase.DECODE, 1024, 1, true, Dtype.BF16, Algorithm.TILED, Framework.EAGER, 0, "t");
        assertThrows(InvalidInputException.class, () -> eager.withKvDtype(KvDtype.INT8, true, "w"));
        // Dense decoding under the eager framework reads the cache in FlashDecoding's kernel, as fused does.
        assertEquals(KvDtype.INT8, eager.withKvDtype(KvDtype.INT8, false, "w").kvDtype());
        // A cache in the compute dtype is no quantisation: allowed everywhere.
        assertEquals(KvDtype.BF16, naive.withKvDtype(KvDtype.BF16, true, "w").kvDtype());
    }

    @Provide
    Arbitrary<int[]> layouts() {
        return Combinators.combine(Arbitraries.of(4, 8, 16, 32), Arbitraries.of(1, 2, 4), Arbitraries.of(32, 64, 128))
                .as((h, g, d) -> new int[] {h, Math.max(1, h / g), d});
    }

    /** The cache's share of a step's bytes is linear in its element size: fp32 less fp8 is 3 x (bf16 less fp8). */
    @Property(tries = 100)
    void cacheBytesScaleWithTheCachesElementSize(@ForAll("layouts") int[] l,
            @ForAll @IntRange(min = 1, max = 65536) int seq, @ForAll @IntRange(min = 1, max = 32) int batch,
            @ForAll boolean onH100) {
        AttentionShape shape = AttentionShape.of(l[0] * l[2], l[0], l[0], l[1], "p");
        var hw = onH100 ? Points.H100 : Points.A100;
        double fp8 = Points.decode(shape, seq, batch, null, hw, KvDtype.FP8).deviceBytes();
        double bf16 = Points.decode(shape, seq, batch, null, hw, KvDtype.BF16).deviceBytes();
        double fp32 = Points.decode(shape, seq, batch, null, hw, KvDtype.FP32).deviceBytes();
        assertEquals(2.0 * batch * l[1] * (seq + 1.0) * l[2], bf16 - fp8, 1e-6 * bf16);
        assertEquals(3 * (bf16 - fp8), fp32 - fp8, 1e-6 * fp32);
    }
}
