package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.Random;
import org.attnsim.kernels.attention.AttentionReference;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.ForwardLaunch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tiled kernel against the double-precision reference on fresh random inputs. */
class FlashAttentionKernelTest {

    @ParameterizedTest(name = "B{0} Hq{1} Hkv{2} Sq{3} Sk{4} d{5} causal {6}")
    @CsvSource({
        // MHA, GQA, MQA, SQA, xSQA-like layouts; lengths that are not multiples of the tiles; decode (Sq 1).
        "2, 4, 4, 67, 67, 16, true",
        "1, 8, 2, 100, 100, 32, true",
        "2, 4, 1, 45, 45, 64, false",
        "1, 2, 2, 33, 129, 64, true",
        "3, 6, 3, 1, 257, 32, false",
        "1, 16, 4, 130, 130, 16, true",
        "1, 4, 2, 70, 70, 128, true",
        "1, 2, 2, 65, 65, 256, true",
    })
    void matchesTheReference(int b, int hq, int hkv, int sq, int sk, int d, boolean causal) {
        OpenCLDevice device = OpenClTestDevice.get();
        check(AttentionShapeArgs.of(b, hq, hkv, sq, sk, d, causal).fitting(device.getLocalMemSize()), device);
    }

    /** Smaller key blocks and fewer rows a group, as a GPU's 48 KiB of local memory takes them. */
    @ParameterizedTest(name = "B{0} Hq{1} Hkv{2} Sq{3} Sk{4} d{5} causal {6}, 48 KiB")
    @CsvSource({
        "2, 4, 1, 45, 45, 64, false",
        "1, 4, 1, 100, 100, 128, true",
        "1, 8, 8, 70, 70, 128, false",
    })
    void matchesTheReferenceWithTheTilesOfAGpusLocalMemory(int b, int hq, int hkv, int sq, int sk, int d,
            boolean causal) {
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, sq, sk, d, causal).fitting(48 * 1024);
        assertTrue(a.forwardLocalBytes() <= 48 * 1024);
        check(a, OpenClTestDevice.get());
    }

    private static void check(AttentionShapeArgs a, OpenCLDevice device) {
        check(a, device, ForwardLaunch::rowPerItem);
    }

    /** A forward kernel's launch on the device, over the shape and arrays. */
    interface Launcher {
        ForwardLaunch launch(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o);
    }

    /** The launcher's kernel on fresh random inputs of the shape, against the double-precision reference. */
    static void check(AttentionShapeArgs a, OpenCLDevice device, Launcher launcher) {
        Random r = new Random(31L * a.batch() + 7L * a.queryHeads() + a.keyLength() + a.headDim());
        float[] q = random(r, a.queryElements());
        float[] k = random(r, a.keyElements());
        float[] v = random(r, a.keyElements());
        float[] o = new float[a.queryElements()];
        ForwardLaunch launch = launcher.launch(device, a, q, k, v, o);
        OpenClTestDevice.runOnce(launch.step(launch.kernel().getClass().getSimpleName()), device);
        launch.kernel().get(o);
        launch.kernel().dispose();
        double[] ref = AttentionReference.forward(a, q, k, v);
        assertTrue(relativeError(o, ref) < 1e-4, () -> "relative error " + relativeError(o, ref));
    }

    static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (r.nextGaussian());
        }
        return x;
    }

    /** ||out - ref|| / ||ref|| over the whole output. */
    static double relativeError(float[] out, double[] ref) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < ref.length; i++) {
            num += (out[i] - ref[i]) * (out[i] - ref[i]);
            den += ref[i] * ref[i];
        }
        return Math.sqrt(num / den);
    }
}
