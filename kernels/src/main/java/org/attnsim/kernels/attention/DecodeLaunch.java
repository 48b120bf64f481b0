package org.attnsim.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.measure.Harness;

/**
 * The decode-attention kernel for a device, with its range and passes: {@link TiledDecodeAttentionKernel}
 * on a GPU, {@link DecodeAttentionKernel} (a chunk of the cache per work item) elsewhere. Its arrays are put on the
 * device once.
 */
public record DecodeLaunch(Kernel kernel, Range range, int passes) {

    /** Work-groups per compute unit the tiled kernel's splits aim at, so that loads overlap the arithmetic. */
    static final int GROUPS_PER_UNIT = 8;

    /** The launch as a step to time. */
    public Harness.Step step(String what) {
        return new Harness.Step(what, kernel, range, passes);
    }

    public static DecodeLaunch on(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k, float[] v,
            float[] o) {
        return device.getType() == Device.TYPE.GPU ? tiled(device, a, q, k, v, o) : chunked(device, a, q, k, v, o);
    }

    /** {@link DecodeAttentionKernel}, whatever the device. */
    public static DecodeLaunch chunked(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k, float[] v,
            float[] o) {
        DecodeAttentionKernel kernel = new DecodeAttentionKernel(a, q, k, v, o);
        kernel.setExplicit(true);
        kernel.put(k).put(v);
        return chunked(device, a, kernel);
    }

    /** A chunked kernel whose cache is on the device: its range, and its query and output put there once. */
    private static DecodeLaunch chunked(OpenCLDevice device, AttentionShapeArgs a, ChunkedDecodeKernel kernel) {
        return put(kernel, Range.create(device, ChunkedDecodeKernel.globalSize(a), ChunkedDecodeKernel.localSize()), 1,
                kernel.q, kernel.o);
    }

    /**
     * {@link TiledDecodeAttentionKernel}, whatever the device: tiles as large as its local memory holds,
     * splits of each (batch, KV head)'s cache for {@value #GROUPS_PER_UNIT} work-groups per compute unit,
     * and work-groups of up to {@link TiledDecodeAttentionKernel#MAX_LOCAL} items, a power of two within the
     * kernel's own limit on the device.
     */
    public static DecodeLaunch tiled(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k, float[] v,
            float[] o) {
        return tiled(device, a, tileRows(a, device.getLocalMemSize()), splits(device, a), q, k, v, o);
    }

    /** Splits of each (batch, KV head)'s cache for {@value #GROUPS_PER_UNIT} work-groups a compute unit. */
    static int splits(OpenCLDevice device, AttentionShapeArgs a) {
        int pairs = a.batch() * a.kvHeads();
        return (GROUPS_PER_UNIT * device.getMaxComputeUnits() + pairs - 1) / pairs;
    }

    /** {@link TiledDecodeAttentionKernel} with the tiles and splits given (at most one split per tile). */
    public static DecodeLaunch tiled(OpenCLDevice device, AttentionShapeArgs a, int tileRows, int splits, float[] q,
            float[] k, float[] v, float[] o) {
        TiledDecodeAttentionKernel kernel = new TiledDecodeAttentionKernel(a, tileRows, splits, q, k, v, o);
        kernel.setExplicit(true);
        kernel.put(k).put(v);
        return tiled(device, kernel);
    }

    /**
     * The decoding kernel over a quantised cache for a device: on a GPU the tiled kernel of its type ({@link
     * #tiledQuantised}), sized as {@link #tiled(OpenCLDevice, AttentionShapeArgs, float[], float[], float[], float[])}
     * sizes the fp32 one (its tiles hold floats); elsewhere the chunked one ({@link #chunkedQuantised}).
     */
    public static DecodeLaunch onQuantised(OpenCLDevice device, AttentionShapeArgs a, float[] q, QuantisedTensor k,
            QuantisedTensor v, float[] o) {
        return device.getType() != Device.TYPE.GPU ? chunkedQuantised(device, a, q, k, v, o)
                : tiledQuantised(device, a, tileRows(a, device.getLocalMemSize()), splits(device, a), q, k, v, o);
    }

    /**
     * The chunked kernel over a quantised cache of its type ({@link Int8DecodeAttentionKernel}, {@link
     * Fp8DecodeAttentionKernel}), a chunk a work item, whatever the device.
     */
    public static DecodeLaunch chunkedQuantised(OpenCLDevice device, AttentionShapeArgs a, float[] q,
            QuantisedTensor k, QuantisedTensor v, float[] o) {
        ChunkedDecodeKernel kernel = switch (sameType(k, v)) {
            case INT8 -> new Int8DecodeAttentionKernel(a, q, (Int8Cache) k, (Int8Cache) v, o);
            case FP8 -> new Fp8DecodeAttentionKernel(a, q, (Fp8Cache) k, (Fp8Cache) v, o);
        };
        kernel.setExplicit(true);
        kernel.put(k.values()).put(v.values());
        return chunked(device, a, kernel);
    }

    /**
     * The tiled kernel over a quantised cache of its type ({@link Int8TiledDecodeAttentionKernel}, {@link
     * Fp8TiledDecodeAttentionKernel}) with the tiles and splits given, whatever the device.
     */
    public static DecodeLaunch tiledQuantised(OpenCLDevice device, AttentionShapeArgs a, int tileRows, int splits,
            float[] q, QuantisedTensor k, QuantisedTensor v, float[] o) {
        TiledDecodeKernel kernel = switch (sameType(k, v)) {
            case INT8 -> new Int8TiledDecodeAttentionKernel(a, tileRows, splits, q, (Int8Cache) k, (Int8Cache) v, o);
            case FP8 -> new Fp8TiledDecodeAttentionKernel(a, tileRows, splits, q, (Fp8Cache) k, (Fp8Cache) v, o);
        };
        kernel.setExplicit(true);
        kernel.put(k.values()).put(v.values());
        return tiled(device, kernel);
    }

    private static QuantisedCache sameType(QuantisedTensor k, QuantisedTensor v) {
        if (k.type() != v.type()) {
            throw new IllegalArgumentException("keys in " + k.type().id() + ", values in " + v.type().id());
        }
        return k.type();
    }

    /** A tiled kernel whose cache is on the device: its range, and the rest of its arrays put there once. */
    private static DecodeLaunch tiled(OpenCLDevice device, TiledDecodeKernel kernel) {
        int local = Integer.highestOneBit(Math.min(TiledDecodeKernel.MAX_LOCAL,
                WorkGroups.kernelLimit(kernel, device)));
        return put(kernel, Range.create(device, kernel.globalSize(local), local), 2, kernel.q, kernel.o,
                kernel.partialAcc, kernel.partialMax, kernel.partialSum);
    }

    /**
     * The most rows a tile may hold (64, halved down to 8) for the work-group's local arrays to fit in
     * {@code localBytes}: the K tile (padded), the V tile, and per query head of the group its query, scores,
     * weights and accumulator.
     */
    public static int tileRows(AttentionShapeArgs a, long localBytes) {
        int rows = TiledDecodeAttentionKernel.MAX_TILE_ROWS;
        while (rows > 8 && localBytes(a, rows) > localBytes) {
            rows /= 2;
        }
        return rows;
    }

    /**
     * Bytes of the work-group's local arrays with tiles of {@code rows} rows. (Here, not in the kernel: a long
     * constant in a kernel class breaks Aparapi's class reader.)
     */
    public static long localBytes(AttentionShapeArgs a, int rows) {
        long group = a.queryHeads() / a.kvHeads();
        long d = a.headDim();
        return Float.BYTES * (rows * (d + 1) + rows * d + group * (2 * d + 2L * rows + 3));
    }

    /** The launch with every array the kernel reads or writes put on the device once. */
    private static DecodeLaunch put(Kernel kernel, Range range, int passes, float[]... arrays) {
        kernel.setExplicit(true);
        for (float[] array : arrays) {
            kernel.put(array);
        }
        return new DecodeLaunch(kernel, range, passes);
    }
}
