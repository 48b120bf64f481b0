package org.attnsim.kernels.micro;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import org.attnsim.kernels.measure.Harness;

/**
 * The overlap benchmark's middle case ({@value #HEADS} queries a row, whose exponent is the calibration's: see
 * {@link OverlapExponent}) as two steps to time beside other kernels: its rows
 * streamed, and the same instructions on cache-resident rows; and as a third the decoding kernel itself over the
 * same streamed rows at one query a row ({@link OneQueryDecode}). With a triad in the same rounds they give the
 * overlap exponents under the load those kernels ran under. On the 2-core VM the calibration's exponent
 * followed the memory's speed at the moment it ran: 1.00 and 2.16 in two calibrations of one session, while
 * the dense decoding step both runs predicted took 23.0 and 23.4 ms.
 */
public final class OverlapStep implements AutoCloseable {

    public static final int HEADS = Microbenchmarks.OVERLAP_HEADS[1];

    private final Kernel streamed;
    private final Kernel resident;
    private final OneQueryDecode oneQueryDecode;
    private final List<Harness.Step> steps;
    private final double streamedBytes;
    private final double tilesPerUnit;

    private OverlapStep(Microbenchmarks.OverlapLoop loop) {
        streamed = loop.kernels().of(HEADS, false);
        resident = loop.kernels().of(HEADS, true);
        oneQueryDecode = loop.oneQueryDecode().get();
        String name = streamed.getClass().getSimpleName() + ", " + HEADS + " queries a row, rows ";
        steps = List.of(new Harness.Step(name + "streamed", streamed, loop.range()),
                new Harness.Step(name + "cache-resident", resident, loop.range()), oneQueryDecode.step());
        streamedBytes = loop.streamedBytes();
        tilesPerUnit = loop.tilesPerUnit();
    }

    /** The calibration's overlap benchmark for this device, its streamed rows beyond {@code cacheBytes}. */
    public static OverlapStep beyondCache(OpenCLDevice device, double cacheBytes) {
        return new OverlapStep(Microbenchmarks.overlapLoop(device, (long) cacheBytes, CalibrationScope.none()));
    }

    /** The streamed run, the resident run, then the decoding kernel's. */
    public List<Harness.Step> steps() {
        return steps;
    }

    /** Tiles of {@link org.attnsim.hwmodels.DecodeTile#ROWS} rows each run walks per compute unit. */
    public double tilesPerUnit() {
        return tilesPerUnit;
    }

    /** Bytes of keys and values the streamed run reads. */
    public double streamedBytes() {
        return streamedBytes;
    }

    /** The decoding kernel at one query a row over the streamed rows, the third step. */
    public OneQueryDecode oneQueryDecode() {
        return oneQueryDecode;
    }

    @Override
    public void close() {
        streamed.dispose();
        resident.dispose();
        oneQueryDecode.close();
    }
}
