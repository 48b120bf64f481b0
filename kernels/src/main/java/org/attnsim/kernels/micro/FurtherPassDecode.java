package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeLaunch;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * The CPU's decoding kernel ({@link DecodeLaunch#chunked}) over the overlap benchmark's own streamed rows at
 * {@value DecodeTile#CPU_HEADS_A_PASS} and at {@value DecodeTile#FURTHER_PASS_QUERIES} queries a row (one KV head,
 * {@value OneQueryDecode#SEQUENCES_PER_UNIT} sequences a compute unit, d 64): the second walks each tile once for
 * every {@value DecodeTile#CPU_HEADS_A_PASS} queries (PairedDecodeAttentionKernel), its passes after the first over
 * rows left in the core's L2. Timed in the same rounds, their difference is what a further pass costs the kernel
 * itself, which the tile line, measured on a benchmark's copy of the loop, prices short: GQA's dense step less SQA's
 * came out 1.07-1.20 times its price in 21 saved runs on the Zen 5 VM (session 41).
 *
 * @param two          the kernel at {@value DecodeTile#CPU_HEADS_A_PASS} queries a row
 * @param four         the kernel at {@value DecodeTile#FURTHER_PASS_QUERIES} queries a row, over the same rows
 * @param tilesPerUnit tiles of {@link DecodeTile#ROWS} rows a compute unit walks a step
 */
public record FurtherPassDecode(Run two, Run four, double tilesPerUnit) implements AutoCloseable {

    /**
     * One of the two kernels.
     *
     * @param shape   its decoding step: the sequences, its queries a row over one KV head, the cache's length, d
     * @param queries the step's queries, random, [batch][queries][d]
     * @param outputs its outputs, [batch][queries][d]
     */
    public record Run(DecodeLaunch launch, AttentionShapeArgs shape, float[] queries, float[] outputs) {

        Harness.Step step() {
            return launch.step(launch.kernel().getClass().getSimpleName() + ", " + shape.queryHeads()
                    + " queries a row, batch " + shape.batch() + ", S " + shape.keyLength() + ", rows streamed");
        }
    }

    /** The two kernels over the first {@code rows} rows of {@code keys} and {@code values}. */
    public static FurtherPassDecode over(OpenCLDevice device, float[] keys, float[] values, int rows, int headDim) {
        int units = device.getMaxComputeUnits();
        int batch = OneQueryDecode.SEQUENCES_PER_UNIT * units;
        int length = rows / batch;
        if (length < 1 || (long) rows * headDim > Math.min(keys.length, values.length)) {
            throw new IllegalArgumentException(rows + " rows of " + headDim + " floats do not give " + batch
                    + " sequences a cache from arrays of " + keys.length + " and " + values.length + " floats");
        }
        return new FurtherPassDecode(run(device, keys, values, batch, DecodeTile.CPU_HEADS_A_PASS, length, headDim),
                run(device, keys, values, batch, DecodeTile.FURTHER_PASS_QUERIES, length, headDim),
                (double) batch * length / units / DecodeTile.ROWS);
    }

    private static Run run(OpenCLDevice device, float[] keys, float[] values, int batch, int queries, int length,
            int headDim) {
        AttentionShapeArgs a = AttentionShapeArgs.of(batch, queries, 1, 1, length, headDim, false);
        float[] q = Microbenchmarks.randomRows(batch * queries * headDim, 29 + queries);
        float[] o = new float[batch * queries * headDim];
        return new Run(DecodeLaunch.chunked(device, a, q, keys, values, o), a, q, o);
    }

    /** The two steps to time, in the same rounds. */
    public List<Harness.Step> steps() {
        return List.of(two.step(), four.step());
    }

    /** The two kernels' times, as measured. */
    public Times times(Measurement two, Measurement four, double launchSeconds) {
        return new Times(two, four, two.medianSeconds() - this.two.launch().passes() * launchSeconds,
                four.medianSeconds() - this.four.launch().passes() * launchSeconds, tilesPerUnit);
    }

    @Override
    public void close() {
        two.launch().kernel().dispose();
        four.launch().kernel().dispose();
    }

    /**
     * The kernels' times less their launches, and what they give.
     *
     * @param twoSeconds  the kernel at {@value DecodeTile#CPU_HEADS_A_PASS} queries a row, less its launch
     * @param fourSeconds the kernel at {@value DecodeTile#FURTHER_PASS_QUERIES} queries a row, less its launch
     */
    public record Times(Measurement two, Measurement four, double twoSeconds, double fourSeconds,
            double tilesPerUnit) {

        /** Seconds a tile of the passes after the first took a compute unit. */
        public double furtherPassTileSeconds() {
            return (fourSeconds - twoSeconds) / tilesPerUnit;
        }

        /**
         * The further passes' measured cost over the price the tile line of {@code line} gives them (its tile at
         * {@value DecodeTile#FURTHER_PASS_QUERIES} queries less its first pass, whatever factor {@code line} has);
         * empty where either is not positive, as contention can leave the measured difference.
         */
        public Optional<Double> factor(DecodeTile line) {
            double priced = line.linePriceOfFurtherPasses(DecodeTile.FURTHER_PASS_QUERIES,
                    DecodeTile.CPU_HEADS_A_PASS);
            double measured = furtherPassTileSeconds();
            return priced > 0 && measured > 0 ? Optional.of(measured / priced) : Optional.empty();
        }
    }
}
