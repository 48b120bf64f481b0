package org.attnsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.Bound;
import org.attnsim.sim.workload.Phase;

/** Scaling laws that must hold for every configuration, over random ones. */
class ScalingPropertiesTest {

    /** (heads as a power of two, kv-divisor, d_head) triples that form valid layouts. */
    @Provide
    Arbitrary<int[]> layouts() {
        return Combinators.combine(Arbitraries.of(4, 8, 16, 32, 64), Arbitraries.of(1, 2, 4),
                Arbitraries.of(16, 32, 64, 128)).as((h, g, d) -> new int[] {h, Math.max(1, h / g), d});
    }

    @Property(tries = 200)
    void attentionFlopsScaleLinearlyWithQueryHeads(@ForAll("layouts") int[] l,
            @ForAll @IntRange(min = 1, max = 65536) int seq, @ForAll @IntRange(min = 1, max = 64) int batch,
            @ForAll Phase phase, @ForAll boolean causal) {
        int heads = l[0];
        int d = l[2];
        Prediction full = Points.predict(AttentionShape.of(heads * d, heads, heads, l[1], "p"), phase, seq, batch,
                causal, null, Points.H100);
        int halfKv = Math.max(1, Math.min(l[1], heads / 2));
        Prediction half = Points.predict(AttentionShape.of(heads * d, heads, heads / 2, halfKv, "p"), phase, seq,
                batch, causal, null, Points.H100);
        assertEquals(2.0, full.matrixFlops() / half.matrixFlops(), 1e-12);
        assertEquals(2.0, full.exponentials() / half.exponentials(), 1e-12);
    }

    @Property(tries = 200)
    void decodeBytesGrowWithKvHeadsAndCache(@ForAll("layouts") int[] l,
            @ForAll @IntRange(min = 256, max = 200000) int seq, @ForAll @IntRange(min = 1, max = 64) int batch) {
        int heads = l[0];
        int d = l[2];
        Prediction fewer = Points.predict(AttentionShape.of(heads * d, heads, heads, l[1], "p"), Phase.DECODE, seq,
                batch, true, null, Points.A100);
        Prediction more = Points.predict(AttentionShape.of(heads * d, heads, heads, heads, "p"), Phase.DECODE, seq,
                batch, true, null, Points.A100);
        Prediction longer = Points.predict(AttentionShape.of(heads * d, heads, heads, l[1], "p"), Phase.DECODE,
                seq * 2, batch, true, null, Points.A100);
        assertTrue(more.deviceBytes() >= fewer.deviceBytes());
        // KV term is 2 B H_kv S d e; the rest (q, output, partials) is at most a few percent of it here.
        double kvFew = 2.0 * batch * l[1] * seq * d * 2;
        double kvMore = 2.0 * batch * heads * seq * d * 2;
        assertTrue(Math.abs(more.deviceBytes() - fewer.deviceBytes() - (kvMore - kvFew)) <= 0.1 * kvMore + 1e6);
        assertTrue(longer.deviceBytes() > fewer.deviceBytes());
        assertTrue(longer.seconds() >= fewer.seconds());
    }

    @Property(tries = 100)
    void anH200DecodesFasterThanAnH100ByItsBandwidthAndTrainsNoFaster(@ForAll("layouts") int[] l,
            @ForAll @IntRange(min = 16384, max = 200000) int seq, @ForAll @IntRange(min = 8, max = 64) int batch) {
        AttentionShape shape = AttentionShape.of(l[0] * l[2], l[0], l[0], l[1], "p");
        HardwareProfile h200 = HardwareCatalog.resolve("h200-sxm", "test", null);
        Prediction decode100 = Points.predict(shape, Phase.DECODE, seq, batch, true, null, Points.H100);
        Prediction decode200 = Points.predict(shape, Phase.DECODE, seq, batch, true, null, h200);
        // The same GH100 with HBM3e: a decoding step that streams a cache of a gigabyte or more takes its bytes at
        // 4.8 instead of 3.35 TB/s; its launches and the memory's half-rate bytes add a few microseconds on either.
        if (decode100.bound() == Bound.MEMORY && decode100.deviceBytes() >= 1e9) {
            assertEquals(3350.0 / 4800, decode200.seconds() / decode100.seconds(), 0.02);
        }
        Prediction train100 = Points.predict(shape, Phase.TRAIN, 4096, 1, true, null, Points.H100);
        Prediction train200 = Points.predict(shape, Phase.TRAIN, 4096, 1, true, null, h200);
        assertTrue(train200.seconds() <= train100.seconds());
        if (train100.bound() == Bound.MATRIX) {
            assertEquals(train100.seconds(), train200.seconds(), 0.05 * train100.seconds());
        }
    }

    @Example
    void llamaDecodingOnAnH200TakesItsCacheAtNinetyPercentOfHbm3eAndALaunch() {
        // 8 KV heads of 128, a 32k cache at batch 16 in bf16: 2 x 16 x 8 x 32768 x 128 x 2 B = 2.147 GB (the query,
        // output and split partials add 0.06%), plus the profile's 4.8 MB of half-rate bytes, at 0.9 x 4.8 TB/s, and
        // one 4 us launch: 502.5 us, where the H100 SXM5 (3.4 MB at 0.9 x 3.35 TB/s) takes 717.9 us.
        AttentionShape llama = AttentionShape.of(4096, 32, 32, 8, "llama");
        Prediction p = Points.predict(llama, Phase.DECODE, 32768, 16, true, null,
                HardwareCatalog.resolve("h200-sxm", "test", null));
        assertEquals(2147483648.0, p.deviceBytes(), 0.001 * 2147483648.0);
        assertEquals((p.deviceBytes() + 4.8e6) / (0.9 * 4.8e12) + 4e-6, p.seconds(), 1e-9);
        assertEquals(502.5e-6, p.seconds(), 0.1e-6);
        Prediction h100 = Points.predict(llama, Phase.DECODE, 32768, 16, true, null, Points.H100);
        assertEquals((h100.deviceBytes() + 3.4e6) / (0.9 * 3.35e12) + 4e-6, h100.seconds(), 1e-9);
    }

    @Property(tries = 200)
    void sparqBytesGrowWithRAndK(@ForAll @IntRange(min = 1, max = 63) int r, @ForAll @IntRange(min = 1, max = 1023) int k,
            @ForAll @IntRange(min = 1024, max = 100000) int seq, @ForAll KeyLayout layout) {
        AttentionShape s = AttentionShape.of(4096, 32, 32, 32, "p");
        Prediction base = Points.predict(s, Phase.DECODE, seq, 8, true, new SparqConfig(r, k, 0, layout, true), Points.A100);
        Prediction moreR = Points.predict(s, Phase.DECODE, seq, 8, true, new SparqConfig(r + 1, k, 0, layout, true),
                Points.A100);
        Prediction moreK = Points.predict(s, Phase.DECODE, seq, 8, true, new SparqConfig(r, k + 1, 0, layout, true),
                Points.A100);
        assertTrue(moreR.deviceBytes() >= base.deviceBytes());
        assertTrue(moreK.deviceBytes() > base.deviceBytes());
        if (layout == KeyLayout.TWICE) {
            // Each extra r reads one more K column and one more 8-byte index: B x H_kv x (S x 2 + 8) bytes.
            assertEquals(8.0 * 32 * (seq * 2 + 8), moreR.deviceBytes() - base.deviceBytes(), 1e-6 * base.deviceBytes());
        }
    }

    @Property(tries = 200)
    void timeNeverFallsAsWorkGrows(@ForAll("layouts") int[] l, @ForAll @IntRange(min = 1, max = 32768) int seq,
            @ForAll @IntRange(min = 1, max = 32) int batch, @ForAll Phase phase) {
        int heads = l[0];
        AttentionShape s = AttentionShape.of(heads * l[2], heads, heads, l[1], "p");
        Prediction p = Points.predict(s, phase, seq, batch, true, null, Points.H100);
        Prediction longer = Points.predict(s, phase, seq + 1 + seq / 2, batch, true, null, Points.H100);
        Prediction wider = Points.predict(s, phase, seq, batch * 2, true, null, Points.H100);
        assertTrue(longer.seconds() >= p.seconds() * (1 - 1e-9), () -> p.seconds() + " > " + longer.seconds());
        assertTrue(wider.seconds() >= p.seconds() * (1 - 1e-9));
        assertTrue(p.seconds() > 0 && Double.isFinite(p.seconds()));
    }
}
