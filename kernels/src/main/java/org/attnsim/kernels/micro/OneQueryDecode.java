package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeLaunch;
import org.attnsim.kernels.attention.QuantisedTensor;
import org.attnsim.kernels.measure.Harness;

/**
 * The decoding kernel attnsim runs on the device ({@link DecodeLaunch#on}) with one query a row, over the overlap
 * benchmark's own streamed rows: {@value #SEQUENCES_PER_UNIT} sequences a compute unit of one head each, d 64,
 * their caches the benchmark's keys and values cut into equal lengths. Timed beside that benchmark's one-query
 * case on resident rows and a triad, it gives the overlap exponent of the kernel's one-query passes (MHA's,
 * xSQA's). On the Zen 5 VM the benchmark's own one-query rows gave p 1.09 while the kernel's streamed at the
 * triad's bandwidth: the same instructions in other registers and stack slots ran 22-32% slower (session 38).
 * {@link #oneUnit} is the same kernel over the same rows in one work-group: what one unit draws alone.
 *
 * @param shape        the decoding step: batch, one query and one KV head, the cache's length, d 64
 * @param queries      the step's queries, random, [batch][d]
 * @param outputs      its outputs, [batch][d]
 * @param bytes        the keys and values the step reads
 * @param tilesPerUnit tiles of {@link DecodeTile#ROWS} rows a compute unit walks a step
 */
public record OneQueryDecode(DecodeLaunch launch, AttentionShapeArgs shape, float[] queries, float[] outputs,
        double bytes, double tilesPerUnit)
        implements AutoCloseable {

    /** Sequences a compute unit: each (sequence, head) is one work-group of the CPU kernel. */
    public static final int SEQUENCES_PER_UNIT = 8;

    /**
     * The kernel over the first {@code rows} rows of {@code keys} and {@code values} (rows of {@code headDim}
     * floats), as long a cache for each sequence as they give.
     */
    public static OneQueryDecode over(OpenCLDevice device, float[] keys, float[] values, int rows, int headDim) {
        AttentionShapeArgs shape = sequences(device, rows, headDim, Math.min(keys.length, values.length));
        float[] q = Microbenchmarks.randomRows(shape.batch() * headDim, 19);
        float[] o = new float[shape.batch() * headDim];
        DecodeLaunch launch = DecodeLaunch.on(device, shape, q, keys, values, o);
        double stepRows = (double) shape.batch() * shape.keyLength();
        return new OneQueryDecode(launch, shape, q, o, 2 * stepRows * headDim * Float.BYTES,
                stepRows / device.getMaxComputeUnits() / DecodeTile.ROWS);
    }

    /**
     * {@value #SEQUENCES_PER_UNIT} sequences a compute unit, one head each, as long a cache each as {@code rows} rows
     * give from arrays of at least {@code elements} elements.
     */
    private static AttentionShapeArgs sequences(OpenCLDevice device, int rows, int headDim, int elements) {
        int batch = SEQUENCES_PER_UNIT * device.getMaxComputeUnits();
        int length = rows / batch;
        if (length < 1 || (long) rows * headDim > elements) {
            throw new IllegalArgumentException(rows + " rows of " + headDim + " elements do not give " + batch
                    + " sequences a cache from arrays of " + elements + " elements");
        }
        return AttentionShapeArgs.of(batch, 1, 1, 1, length, headDim, false);
    }

    /**
     * {@link #over}'s step over the same rows quantised ({@link QuantisedTensor}: int8 or fp8, one scale for the keys,
     * one for the values), on the device's kernel for their type ({@link DecodeLaunch#onQuantised}): a quarter of the
     * bytes behind the same arithmetic and the elements' conversions.
     */
    public static OneQueryDecode overQuantised(OpenCLDevice device, QuantisedTensor keys, QuantisedTensor values,
            int rows, int headDim) {
        AttentionShapeArgs shape = sequences(device, rows, headDim, Math.min(keys.values().length,
                values.values().length));
        float[] q = Microbenchmarks.randomRows(shape.batch() * headDim, 19);
        float[] o = new float[shape.batch() * headDim];
        DecodeLaunch launch = DecodeLaunch.onQuantised(device, shape, q, keys, values, o);
        double stepRows = (double) shape.batch() * shape.keyLength();
        return new OneQueryDecode(launch, shape, q, o, 2 * stepRows * headDim,
                stepRows / device.getMaxComputeUnits() / DecodeTile.ROWS);
    }

    /**
     * The kernel over the first {@code rows} rows as one sequence of one head: one work-group, which one compute
     * unit runs while the others are idle (on a CPU).
     */
    public static OneQueryDecode oneUnit(OpenCLDevice device, float[] keys, float[] values, int rows, int headDim) {
        if (rows < 1 || (long) rows * headDim > Math.min(keys.length, values.length)) {
            throw new IllegalArgumentException(rows + " rows of " + headDim + " floats from arrays of " + keys.length
                    + " and " + values.length + " floats");
        }
        AttentionShapeArgs shape = AttentionShapeArgs.of(1, 1, 1, 1, rows, headDim, false);
        float[] q = Microbenchmarks.randomRows(headDim, 23);
        float[] o = new float[headDim];
        return new OneQueryDecode(DecodeLaunch.on(device, shape, q, keys, values, o), shape, q, o,
                2.0 * rows * headDim * Float.BYTES, (double) rows / DecodeTile.ROWS);
    }

    /** The step to time. */
    public Harness.Step step() {
        return launch.step(launch.kernel().getClass().getSimpleName() + ", one query a row, batch " + shape.batch()
                + ", S " + shape.keyLength() + ", rows streamed");
    }

    @Override
    public void close() {
        launch.kernel().dispose();
    }
}
