package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import java.util.Random;
import org.attnsim.kernels.attention.AttentionReference;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeAttentionKernel;
import org.attnsim.kernels.attention.DecodeLaunch;
import org.attnsim.kernels.attention.Fp8Cache;
import org.attnsim.kernels.attention.Int8Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecodeAttentionKernelTest {

    /**
     * The CPU's kernel: groups of 1, 2, 3, 4 and 8 query heads (one pass a tile, two, and a pass for an odd head out);
     * chunks of 63 rows, the last three after the fours; chunks of 1,250 rows in tiles of 512, 512 and 226, the last
     * not a multiple of four rows; chunks shorter than four rows; tiles of 256 rows at d 128 over chunks of 63, 126
     * and 1,251 rows, 204 rows at d 160; d 16 to 256, and rows of 72 floats, not whole cache lines.
     */
    @ParameterizedTest(name = "B{0} Hq{1} Hkv{2} S{3} d{4}")
    @CsvSource({
        "2, 4, 4, 1000, 64",
        "2, 8, 4, 1000, 64",
        "2, 4, 4, 999, 48",
        "2, 4, 2, 1000, 32",
        "1, 2, 1, 777, 72",
        "3, 8, 2, 517, 32",
        "1, 4, 1, 15, 128",
        "2, 16, 4, 4099, 16",
        "2, 6, 2, 2000, 64",
        "1, 8, 1, 20000, 64",
        "2, 4, 4, 1000, 128",
        "1, 6, 3, 2001, 96",
        "2, 6, 2, 20003, 128",
        "1, 8, 1, 3000, 160",
        "1, 2, 2, 517, 256",
    })
    void matchesTheReference(int b, int hq, int hkv, int s, int d) {
        OpenCLDevice device = OpenClTestDevice.get();
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, 1, s, d, false);
        Input in = new Input(a, new Random(11L * s + hq));
        check(in, DecodeLaunch.chunked(device, a, in.q, in.k, in.v, in.o), device);
    }

    /**
     * The GPU's kernel, run here on whatever device there is: tiles of 64 rows and fewer (the last one
     * partial; none larger than the device's local memory holds), one split to more splits than tiles (some
     * then empty), groups of 1-8 query heads, d 16-128.
     */
    @ParameterizedTest(name = "B{0} Hq{1} Hkv{2} S{3} d{4}, tiles of {5} rows, {6} splits")
    @CsvSource({
        "2, 4, 4, 1000, 64, 64, 1",
        "2, 4, 4, 1000, 64, 64, 5",
        "3, 8, 2, 517, 32, 64, 3",
        "1, 4, 1, 15, 128, 64, 4",
        "2, 16, 4, 4099, 16, 16, 7",
        "1, 8, 1, 300, 64, 8, 38",
        "2, 2, 2, 64, 32, 32, 2",
    })
    void theTiledKernelMatchesTheReference(int b, int hq, int hkv, int s, int d, int tileRows, int splits) {
        OpenCLDevice device = OpenClTestDevice.get();
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, 1, s, d, false);
        Input in = new Input(a, new Random(13L * s + hq + splits));
        int fitting = Math.min(tileRows, DecodeLaunch.tileRows(a, device.getLocalMemSize()));
        check(in, DecodeLaunch.tiled(device, a, fitting, splits, in.q, in.k, in.v, in.o), device);
    }

    /**
     * The CPU's kernel over an int8 cache, against the reference over the cache's dequantised elements: groups of 1 to
     * 8 query heads, chunks with rows after the fours and shorter than four rows, tiles of 512 and 256 rows, rows of
     * 72 bytes (not whole cache lines) and d 16 to 256.
     */
    @ParameterizedTest(name = "int8 B{0} Hq{1} Hkv{2} S{3} d{4}")
    @CsvSource({
        "2, 4, 4, 1000, 64",
        "2, 8, 4, 1000, 64",
        "1, 2, 1, 777, 72",
        "3, 8, 2, 517, 32",
        "1, 4, 1, 15, 128",
        "2, 16, 4, 4099, 16",
        "1, 8, 1, 20000, 64",
        "2, 6, 2, 20003, 128",
        "1, 2, 2, 517, 256",
    })
    void theInt8KernelMatchesTheReferenceOverItsCache(int b, int hq, int hkv, int s, int d) {
        OpenCLDevice device = OpenClTestDevice.get();
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, 1, s, d, false);
        Input in = new Input(a, new Random(17L * s + hq));
        Int8Cache k = Int8Cache.of(in.k);
        Int8Cache v = Int8Cache.of(in.v);
        check(in, DecodeLaunch.chunkedQuantised(device, a, in.q, k, v, in.o), device, k.dequantised(), v.dequantised());
    }

    /** The GPU's kernel over an int8 cache, run here on whatever device there is: tiles, splits and groups as above. */
    @ParameterizedTest(name = "int8 B{0} Hq{1} Hkv{2} S{3} d{4}, tiles of {5} rows, {6} splits")
    @CsvSource({
        "2, 4, 4, 1000, 64, 64, 5",
        "3, 8, 2, 517, 32, 64, 3",
        "1, 4, 1, 15, 128, 64, 4",
        "2, 16, 4, 4099, 16, 16, 7",
        "1, 8, 1, 300, 64, 8, 38",
    })
    void theTiledInt8KernelMatchesTheReferenceOverItsCache(int b, int hq, int hkv, int s, int d, int tileRows,
            int splits) {
        OpenCLDevice device = OpenClTestDevice.get();
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, 1, s, d, false);
        Input in = new Input(a, new Random(23L * s + hq + splits));
        int fitting = Math.min(tileRows, DecodeLaunch.tileRows(a, device.getLocalMemSize()));
        Int8Cache k = Int8Cache.of(in.k);
        Int8Cache v = Int8Cache.of(in.v);
        check(in, DecodeLaunch.tiledQuantised(device, a, fitting, splits, in.q, k, v, in.o), device, k.dequantised(),
                v.dequantised());
    }

    /**
     * The CPU's kernel over an fp8 E4M3 cache, each element built from its bits, against the reference over the
     * cache's dequantised elements (Fp8Cache's own decoding, checked by hand in Fp8CacheTest): groups of 1 to 8, rows
     * after the fours, rows that are not whole cache lines, d 16 to 256.
     */
    @ParameterizedTest(name = "fp8 B{0} Hq{1} Hkv{2} S{3} d{4}")
    @CsvSource({
        "2, 8, 4, 1000, 64",
        "1, 2, 1, 777, 72",
        "1, 4, 1, 15, 128",
        "2, 16, 4, 4099, 16",
        "2, 6, 2, 20003, 128",
        "1, 2, 2, 517, 256",
    })
    void theFp8KernelMatchesTheReferenceOverItsCache(int b, int hq, int hkv, int s, int d) {
        OpenCLDevice device = OpenClTestDevice.get();
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, 1, s, d, false);
        Input in = new Input(a, new Random(29L * s + hq));
        Fp8Cache k = Fp8Cache.of(in.k);
        Fp8Cache v = Fp8Cache.of(in.v);
        check(in, DecodeLaunch.chunkedQuantised(device, a, in.q, k, v, in.o), device, k.dequantised(), v.dequantised());
    }

    /** The GPU's kernel over an fp8 cache, run here on whatever device there is. */
    @ParameterizedTest(name = "fp8 B{0} Hq{1} Hkv{2} S{3} d{4}, tiles of {5} rows, {6} splits")
    @CsvSource({
        "3, 8, 2, 517, 32, 64, 3",
        "1, 4, 1, 15, 128, 64, 4",
        "1, 8, 1, 300, 64, 8, 38",
    })
    void theTiledFp8KernelMatchesTheReferenceOverItsCache(int b, int hq, int hkv, int s, int d, int tileRows,
            int splits) {
        OpenCLDevice device = OpenClTestDevice.get();
        AttentionShapeArgs a = AttentionShapeArgs.of(b, hq, hkv, 1, s, d, false);
        Input in = new Input(a, new Random(31L * s + hq + splits));
        int fitting = Math.min(tileRows, DecodeLaunch.tileRows(a, device.getLocalMemSize()));
        Fp8Cache k = Fp8Cache.of(in.k);
        Fp8Cache v = Fp8Cache.of(in.v);
        check(in, DecodeLaunch.tiledQuantised(device, a, fitting, splits, in.q, k, v, in.o), device, k.dequantised(),
                v.dequantised());
    }

    @Test
    void theTiledKernelsTilesShrinkUntilTheyFitTheLocalMemory() {
        // d 64, one head a group: K tile 64 x 65 + V tile 64 x 64 floats, and 2 x 64 + 2 x 64 + 3 per head.
        AttentionShapeArgs mha = AttentionShapeArgs.of(8, 32, 32, 1, 16384, 64, false);
        assertEquals(4 * (64 * 65 + 64 * 64 + 2 * 64 + 2 * 64 + 3), DecodeLaunch.localBytes(mha, 64));
        assertEquals(64, DecodeLaunch.tileRows(mha, 48 << 10));
        // d 128, eight heads a group: 64 rows take 78,176 bytes, 32 rows 43,232.
        AttentionShapeArgs gqa = AttentionShapeArgs.of(1, 32, 4, 1, 4096, 128, false);
        assertEquals(4 * (32 * 129 + 32 * 128 + 8 * (2 * 128 + 2 * 32 + 3)),
                DecodeLaunch.localBytes(gqa, 32));
        assertEquals(32, DecodeLaunch.tileRows(gqa, 48 << 10));
        assertEquals(16, DecodeLaunch.tileRows(gqa, 43_231));
        assertEquals(64, DecodeLaunch.tileRows(gqa, 1 << 20));
    }

    private record Input(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        Input(AttentionShapeArgs a, Random r) {
            this(a, FlashAttentionKernelTest.random(r, a.queryElements()), FlashAttentionKernelTest.random(r,
                    a.keyElements()), FlashAttentionKernelTest.random(r, a.keyElements()), new float[a.queryElements()]);
        }
    }

    private static void check(Input in, DecodeLaunch launch, OpenCLDevice device) {
        check(in, launch, device, in.k, in.v);
    }

    /** The launch's output against the reference over the cache's elements as {@code k} and {@code v} give them. */
    private static void check(Input in, DecodeLaunch launch, OpenCLDevice device, float[] k, float[] v) {
        OpenClTestDevice.runOnce(launch.step("decode"), device);
        launch.kernel().get(in.o);
        launch.kernel().dispose();
        double[] ref = AttentionReference.forward(in.a, in.q, k, v);
        assertTrue(FlashAttentionKernelTest.relativeError(in.o, ref) < 1e-4,
                () -> "relative error " + FlashAttentionKernelTest.relativeError(in.o, ref));
    }
}
