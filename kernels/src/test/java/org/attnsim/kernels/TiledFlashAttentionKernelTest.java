package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.FlashAttentionKernel;
import org.attnsim.kernels.attention.ForwardLaunch;
import org.attnsim.kernels.attention.TiledFlashAttentionKernel;
import org.attnsim.kernels.device.LocalMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The GPU-shaped forward kernel against the double-precision reference on fresh random inputs. */
class TiledFlashAttentionKernelTest {

    @ParameterizedTest(name = "B{0} Hq{1} Hkv{2} Sq{3} Sk{4} d{5} causal {6}")
    @CsvSource({
        // MHA, GQA, MQA and SQA-like groups; lengths that are not multiples of the 64 rows or 32 keys;
        // d of 16 to 128 (two chunks of output elements); decode (Sq 1) and queries shorter than the keys.
        "2, 4, 4, 67, 67, 16, true",
        "1, 8, 2, 100, 100, 32, true",
        "2, 4, 1, 45, 45, 64, false",
        "1, 2, 2, 33, 129, 64, true",
        "3, 6, 3, 1, 257, 32, false",
        "1, 16, 4, 130, 130, 48, true",
        "1, 4, 4, 70, 70, 128, true",
        "1, 2, 1, 65, 97, 80, false",
        "1, 96, 1, 3, 40, 16, true",
    })
    void matchesTheReference(int b, int hq, int hkv, int sq, int sk, int d, boolean causal) {
        FlashAttentionKernelTest.check(AttentionShapeArgs.of(b, hq, hkv, sq, sk, d, causal), OpenClTestDevice.get(),
                ForwardLaunch::tiled);
    }

    @ParameterizedTest(name = "B{0} Hq{1} Hkv{2} Sq{3} Sk{4} d{5} causal {6}, {7} runs of keys")
    @CsvSource({
        // Runs that do not divide the key tiles, causal runs past some rows' last keys (and past every key of
        // the first query tiles), two chunks of d, queries shorter than the keys, more runs than key tiles.
        "1, 8, 2, 100, 100, 32, true, 2",
        "2, 4, 4, 67, 200, 16, true, 3",
        "1, 4, 4, 130, 130, 128, true, 4",
        "2, 4, 1, 45, 300, 64, false, 4",
        "1, 2, 2, 33, 40, 64, true, 5",
    })
    void matchesTheReferenceWithEachQueryTilesKeysSplitIntoRuns(int b, int hq, int hkv, int sq, int sk, int d,
            boolean causal, int splits) {
        FlashAttentionKernelTest.check(AttentionShapeArgs.of(b, hq, hkv, sq, sk, d, causal), OpenClTestDevice.get(),
                (device, a, q, k, v, o) -> {
                    ForwardLaunch launch = ForwardLaunch.tiled(device, a, splits, q, k, v, o);
                    assertEquals(Math.min(splits, (sk + 31) / 32),
                            ((TiledFlashAttentionKernel) launch.kernel()).splits());
                    assertEquals(2, launch.passes());
                    return launch;
                });
    }

    /**
     * Q (64 rows) and K (32 keys) tiles padded to 65 floats, V 32 x 64, scores 64 x 33, two partial
     * floats per item and three per row: 4 x 11,104 bytes whatever d is, inside a GPU's 48 KiB.
     */
    @Test
    void itsLocalTilesTakeTheSameBytesForEveryHeadDimension() {
        for (int d : new int[] {16, 64, 128, 256}) {
            float[] none = new float[1];
            TiledFlashAttentionKernel kernel = new TiledFlashAttentionKernel(AttentionShapeArgs.of(1, 8, 2, 100, 100, d,
                    true), none, none, none, none);
            assertEquals(4 * (64 * 65 + 32 * 65 + 32 * 64 + 64 * 33 + 2 * 256 + 3 * 64), LocalMemory.bytes(kernel));
            kernel.dispose();
        }
        assertTrue(4 * 11_104 <= 48 * 1024);
    }

    @Test
    void aCpuRunsTheRowPerItemKernel() {
        OpenCLDevice device = OpenClTestDevice.get();
        assumeTrue(device.getType() == Device.TYPE.CPU, "the device is not a CPU");
        AttentionShapeArgs a = AttentionShapeArgs.of(1, 4, 4, 8, 8, 16, true);
        float[] x = new float[a.queryElements()];
        ForwardLaunch launch = ForwardLaunch.on(device, a, x, x.clone(), x.clone(), x.clone());
        assertInstanceOf(FlashAttentionKernel.class, launch.kernel());
        launch.kernel().dispose();
    }
}
