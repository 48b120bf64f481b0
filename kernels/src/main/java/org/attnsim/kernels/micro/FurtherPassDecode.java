package org.attnsim.kernels.micro;

import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.kernels.attention.AttentionShapeArgs;
import org.attnsim.kernels.attention.DecodeLaunch;
import org.attnsim.kernels.attention.QuantisedTensor;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * The CPU's decoding kernel ({@link DecodeLaunch#chunked}) over the overlap benchmark's own streamed rows at
 * {@value DecodeTile#CPU_HEADS_A_PASS}, {@value DecodeTile#FURTHER_PASS_QUERIES} and {@value
 * DecodeTile#LATER_PASS_QUERIES} queries a row (one KV head, caches of {@value #LENGTH} rows as a decoding step at S
 * 16k has them, d 64): the second and third walk each tile once for every {@value DecodeTile#CPU_HEADS_A_PASS} queries
 * (DecodeAttentionKernel's passes), their passes after the first over rows left in the core's L2. Timed in the same
 * rounds, the third less the second is what a further pass costs the kernel itself, which the tile line, measured on
 * a benchmark's copy of the loop, prices differently; the second less the first, less one such pass, is what the
 * kernel adds a tile beyond its passes where it makes more than one (its "paired start"). On the Zen 5 VM with the
 * memory slow (session 48, S 16k): four less two 1.55-1.56 us a tile, eight less four 1.29 a pass, so the paired
 * kernel's start 0.26 us; four less two, the factor's measure until then, came out 1.71 at caches of 64k rows, as
 * the calibration timed it, and 1.56 at 4k.
 *
 * @param two          the kernel at {@value DecodeTile#CPU_HEADS_A_PASS} queries a row
 * @param four         the kernel at {@value DecodeTile#FURTHER_PASS_QUERIES} queries a row, over the same rows
 * @param eight        the kernel at {@value DecodeTile#LATER_PASS_QUERIES} queries a row, over the same rows
 * @param tilesPerUnit tiles of {@link DecodeTile#ROWS} rows a compute unit walks a step
 */
public record FurtherPassDecode(Run two, Run four, Run eight, double tilesPerUnit) implements AutoCloseable {

    /** Rows of each sequence's cache, as a decoding step at S 16k has them, where the rows given hold that many. */
    public static final int LENGTH = 16384;

    /**
     * One of the kernels.
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

    /**
     * The three kernels over the first {@code rows} rows of {@code keys} and {@code values}, cut into caches of
     * {@value #LENGTH} rows, or where that leaves fewer than one a compute unit into one a unit of at least a tile.
     */
    public static FurtherPassDecode over(OpenCLDevice device, float[] keys, float[] values, int rows, int headDim) {
        return over(device, rows, headDim, Math.min(keys.length, values.length),
                (a, q, o) -> DecodeLaunch.chunked(device, a, q, keys, values, o));
    }

    /** The same over the rows quantised, on the CPU's kernel for their type ({@link DecodeLaunch#chunkedQuantised}). */
    public static FurtherPassDecode overQuantised(OpenCLDevice device, QuantisedTensor keys, QuantisedTensor values,
            int rows, int headDim) {
        return over(device, rows, headDim, Math.min(keys.values().length, values.values().length),
                (a, q, o) -> DecodeLaunch.chunkedQuantised(device, a, q, keys, values, o));
    }

    /** A launch of the kernel over the rows for a step's shape, queries and outputs. */
    private interface Launcher {
        DecodeLaunch launch(AttentionShapeArgs a, float[] q, float[] o);
    }

    private static FurtherPassDecode over(OpenCLDevice device, int rows, int headDim, int elements,
            Launcher launcher) {
        int units = device.getMaxComputeUnits();
        int length = Math.min(LENGTH, rows / units);
        if (length < DecodeTile.ROWS || (long) rows * headDim > elements) {
            throw new IllegalArgumentException(rows + " rows of " + headDim + " elements do not give " + units
                    + " sequences a cache of a tile (" + DecodeTile.ROWS + " rows) from arrays of " + elements
                    + " elements");
        }
        int batch = rows / length;
        return new FurtherPassDecode(run(launcher, batch, DecodeTile.CPU_HEADS_A_PASS, length, headDim),
                run(launcher, batch, DecodeTile.FURTHER_PASS_QUERIES, length, headDim),
                run(launcher, batch, DecodeTile.LATER_PASS_QUERIES, length, headDim),
                (double) batch * length / units / DecodeTile.ROWS);
    }

    private static Run run(Launcher launcher, int batch, int queries, int length, int headDim) {
        AttentionShapeArgs a = AttentionShapeArgs.of(batch, queries, 1, 1, length, headDim, false);
        float[] q = Microbenchmarks.randomRows(batch * queries * headDim, 29 + queries);
        float[] o = new float[batch * queries * headDim];
        return new Run(launcher.launch(a, q, o), a, q, o);
    }

    /** The three steps to time, in the same rounds. */
    public List<Harness.Step> steps() {
        return List.of(two.step(), four.step(), eight.step());
    }

    /** The kernels' times, as measured. */
    public Times times(Measurement two, Measurement four, Measurement eight, double launchSeconds) {
        return new Times(two, four, eight, two.medianSeconds() - this.two.launch().passes() * launchSeconds,
                four.medianSeconds() - this.four.launch().passes() * launchSeconds,
                eight.medianSeconds() - this.eight.launch().passes() * launchSeconds, this.two.shape().keyLength(),
                tilesPerUnit);
    }

    @Override
    public void close() {
        two.launch().kernel().dispose();
        four.launch().kernel().dispose();
        eight.launch().kernel().dispose();
    }

    /**
     * The kernels' times less their launches, and what they give.
     *
     * @param twoSeconds   the kernel at {@value DecodeTile#CPU_HEADS_A_PASS} queries a row, less its launch
     * @param fourSeconds  the kernel at {@value DecodeTile#FURTHER_PASS_QUERIES} queries a row, less its launch
     * @param eightSeconds the kernel at {@value DecodeTile#LATER_PASS_QUERIES} queries a row, less its launch
     * @param keyLength    rows of each sequence's cache
     */
    public record Times(Measurement two, Measurement four, Measurement eight, double twoSeconds, double fourSeconds,
            double eightSeconds, int keyLength, double tilesPerUnit) {

        /** Seconds a tile a compute unit of the passes the kernel at eight queries walks beyond the one at four. */
        public double laterPassesTileSeconds() {
            return (eightSeconds - fourSeconds) / tilesPerUnit;
        }

        /**
         * What a further pass costs over the price the tile line of {@code line} gives it (whatever factor {@code
         * line} has): the kernel at {@value DecodeTile#LATER_PASS_QUERIES} queries less the one at {@value
         * DecodeTile#FURTHER_PASS_QUERIES}, against the line's price of those passes; empty where either is not
         * positive, as contention can leave the measured difference.
         */
        public Optional<Double> factor(DecodeTile line) {
            double priced = laterPassesLinePrice(line);
            double measured = laterPassesTileSeconds();
            return priced > 0 && measured > 0 ? Optional.of(measured / priced) : Optional.empty();
        }

        /**
         * What the paired kernel adds a tile beyond its passes: the kernel at {@value DecodeTile#FURTHER_PASS_QUERIES}
         * queries less the one at {@value DecodeTile#CPU_HEADS_A_PASS}, less its one further pass at {@code factor}'s
         * cost; below nothing where that pass cost less than the later ones, at least minus its cost (the pass takes
         * no time, not less); empty where there is no factor.
         */
        public Optional<Double> pairedStart(DecodeTile line) {
            return factor(line).map(f -> {
                double pass = f * line.linePriceOfFurtherPasses(DecodeTile.FURTHER_PASS_QUERIES,
                        DecodeTile.CPU_HEADS_A_PASS);
                return Math.max(-pass, (fourSeconds - twoSeconds) / tilesPerUnit - pass);
            });
        }

        /** The line's price of the passes the kernel at eight queries walks beyond the one at four. */
        double laterPassesLinePrice(DecodeTile line) {
            return line.linePriceOfFurtherPasses(DecodeTile.LATER_PASS_QUERIES, DecodeTile.CPU_HEADS_A_PASS)
                    - line.linePriceOfFurtherPasses(DecodeTile.FURTHER_PASS_QUERIES, DecodeTile.CPU_HEADS_A_PASS);
        }
    }
}
