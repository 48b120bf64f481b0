package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import java.util.Random;
import org.attnsim.kernels.attention.AttentionReference;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeAttentionKernel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodeAttentionKernelTest {

    @ParameterizedTest(name = "B{0} Hq{1} Hkv{2} S{3} d{4}")
    @CsvSource({
        "2, 4, 4, 1000, 64",
        "3, 8, 2, 517, 32",
        "1, 4, 1, 15, 128",
        "2, 16, 4, 4099, 16",
    })
    void matchesTheReference(int b, int hq, int hkv, int s, int d) {
        OpenCLDevice device = OpenClTestDevice.get();
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, 1, s, d, false);
        Random r = new Random(11L * s + hq);
        float[] q = FlashAttentionKernelTest.random(r, a.queryElements());
        float[] k = FlashAttentionKernelTest.random(r, a.keyElements());
        float[] v = FlashAttentionKernelTest.random(r, a.keyElements());
        float[] o = new float[a.queryElements()];
        DecodeAttentionKernel kernel = new DecodeAttentionKernel(a, q, k, v, o);
        kernel.setExplicit(true);
        kernel.put(q).put(k).put(v).put(o);
        OpenClTestDevice.runOnce(kernel, Range.create(device, DecodeAttentionKernel.globalSize(a),
                DecodeAttentionKernel.localSize()), device);
        kernel.get(o);
        kernel.dispose();
        double[] ref = AttentionReference.forward(a, q, k, v);
        assertTrue(FlashAttentionKernelTest.relativeError(o, ref) < 1e-4,
                () -> "relative error " + FlashAttentionKernelTest.relativeError(o, ref));
    }
}
