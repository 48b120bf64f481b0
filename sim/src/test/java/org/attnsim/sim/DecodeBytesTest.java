package org.attnsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.workload.Phase;
import org.junit.jupiter.api.Test;

class DecodeBytesTest {

    @Test
    void decodeReadsTheWholeKvCache() {
        // Llama-3-8B attention: H_kv 8, d 128, bf16, S 65,536, B 1: KV = 2 x 8 x 65,536 x 128 x 2 = 268,435,456 B.
        Prediction p = Points.attention(4096, 32, 32, 8, Phase.DECODE, 65536, 1, true);
        double kv = 268_435_456.0;
        assertTrue(p.deviceBytes() >= kv, "reads at least the cache");
        // Beyond the cache: q, output, the appended token and the split partials (each well under 1%).
        assertTrue(p.deviceBytes() < kv * 1.01, () -> "bytes " + p.deviceBytes());
    }

    @Test
    void decodeBytesScaleWithKvHeadsNotQueryHeads() {
        Prediction mha = Points.attention(4096, 32, 32, 32, Phase.DECODE, 32768, 4, true);
        Prediction gqa = Points.attention(4096, 32, 32, 8, Phase.DECODE, 32768, 4, true);
        Prediction sqa = Points.attention(4096, 32, 16, 8, Phase.DECODE, 32768, 4, true);
        assertEquals(4.0, mha.deviceBytes() / gqa.deviceBytes(), 0.02);
        assertEquals(1.0, gqa.deviceBytes() / sqa.deviceBytes(), 0.01);
        // sSQA (H/2 KV heads) has a larger cache than GQA (H/4): SQA paper, section 3.
        Prediction ssqa = Points.attention(4096, 32, 16, 16, Phase.DECODE, 32768, 4, true);
        assertTrue(ssqa.deviceBytes() > 1.9 * gqa.deviceBytes());
        assertTrue(ssqa.seconds() > gqa.seconds());
    }

    @Test
    void longDecodeIsMemoryBound() {
        Prediction p = Points.attention(4096, 32, 32, 8, Phase.DECODE, 131072, 16, true);
        assertEquals("memory", p.bound().id());
    }

    @Test
    void paperModelAtDHead16IsExponentialBoundOnA100() {
        // d_head 16: per score 4 x 16 = 64 matrix FLOPs at 312 TFLOP/s against 1 exponential at 2.4 Texp/s.
        Prediction p = Points.predict(AttentionShape.of(256, 16, 16, 16, "t"), Phase.FORWARD, 32768, 4, true, null,
                Points.A100);
        assertEquals("exp", p.bound().id());
    }
}
