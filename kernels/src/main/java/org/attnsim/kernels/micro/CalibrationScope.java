package org.attnsim.kernels.micro;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.hwmodels.ScoresArithmetic;

/**
 * What a calibration times beyond the rates and loops every prediction on the device takes: SparQ's step cases (the
 * profile's scores factors), the other head sizes than {@value OverlapKernel#LENGTH} at which, on a CPU, the
 * decoding loop and kernel ({@code decodeTile.rowsN}) and SparQ's K-once step ({@code onceScoresArithmetic}'s
 * {@code dMheadsN}) are timed, and the decoding loop and kernel over quantised rows (int8, fp8). {@code attnsim
 * calibrate} times everything; {@code attnsim validate} what its scenario's points are priced with, so that a
 * cross-check of the forward and dense decoding at d 64 does not wait for SparQ's cases or other head sizes (and a
 * profile it writes holds only those figures).
 *
 * @param sparqSteps     whether SparQ's step cases are timed, K stored once and twice
 * @param decodeLengths  the other rows' lengths the decoding loop and kernel are timed at, ascending
 * @param onceLengths    the other head sizes SparQ's K-once step is timed at, ascending (with {@code sparqSteps})
 * @param quantisedCaches the quantised caches whose rows the decoding loop and kernel are timed over too ({@code
 *                       decodeTile.int8}, {@code decodeTile.fp8}), on a CPU
 */
public record CalibrationScope(boolean sparqSteps, List<Integer> decodeLengths, List<Integer> onceLengths,
        Set<QuantisedCache> quantisedCaches) {

    /**
     * The other head sizes a calibration times where it times any: the d 128 of most LLMs; the d 80 and 96 between,
     * where the decoding kernel's passes of two heads and SparQ's K-once scores cost about as much a row as at 128 on
     * the Zen 5 VM (on the line between 64 and 96, GQA's and SQA's dense decoding at d 80 came out 14% fast); and the d
     * 256 of Gemma's, where neither the line on from 96-128 nor one held at 128 priced dense decoding within 10% for
     * every group (session 53). Beyond 256 a figure's times carry on along 128-256 and its ratios hold.
     */
    public static final List<Integer> OTHER_LENGTHS = List.of(80, 96, 128, 256);

    public CalibrationScope {
        decodeLengths = List.copyOf(decodeLengths);
        onceLengths = List.copyOf(onceLengths);
        quantisedCaches = quantisedCaches.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(quantisedCaches));
        if (!sparqSteps && !onceLengths.isEmpty()) {
            throw new IllegalArgumentException("K-once lengths without SparQ's step cases");
        }
    }

    /** A scope without the quantised caches' kernels. */
    public CalibrationScope(boolean sparqSteps, List<Integer> decodeLengths, List<Integer> onceLengths) {
        this(sparqSteps, decodeLengths, onceLengths, Set.of());
    }

    /** Nothing beyond what every prediction takes: a scope for the overlap benchmark's own loop. */
    public static CalibrationScope none() {
        return new CalibrationScope(false, List.of(), List.of());
    }

    /** Everything: what {@code attnsim calibrate} times. */
    public static CalibrationScope everything() {
        return new CalibrationScope(true, OTHER_LENGTHS, OTHER_LENGTHS, EnumSet.allOf(QuantisedCache.class));
    }

    /**
     * What points at {@code headDims} are priced with: SparQ's step cases where there are SparQ points, and the other
     * lengths where a head size is not {@value OverlapKernel#LENGTH} (all of them, as a figure between two lengths
     * takes both): for the decoding loop where there is decoding, for the K-once step where there are K-once points.
     */
    public static CalibrationScope of(List<Integer> headDims, boolean decode, boolean sparq, boolean keyOnce) {
        return of(headDims, decode, sparq, keyOnce, Set.of());
    }

    /** {@link #of(List, boolean, boolean, boolean)}, and the kernels of the quantised caches points decode from. */
    public static CalibrationScope of(List<Integer> headDims, boolean decode, boolean sparq, boolean keyOnce,
            Set<QuantisedCache> quantisedCaches) {
        boolean other = headDims.stream().anyMatch(d -> d != OverlapKernel.LENGTH);
        return new CalibrationScope(sparq, decode && other ? OTHER_LENGTHS : List.of(),
                sparq && keyOnce && other ? OTHER_LENGTHS : List.of(), decode ? quantisedCaches : Set.of());
    }

    /**
     * What of this scope a calibrated CPU profile {@code p} (one with a measured decoding tile) lacks, in words: a
     * profile a cross-check wrote holds only what its own points used, and another scenario's points priced on it take
     * the counted arithmetic, or the line through d 64, where it has no figure. Empty where it lacks nothing, and for
     * other profiles.
     */
    public Optional<String> missingFrom(HardwareProfile p) {
        if (p.kind() != DeviceKind.CPU || p.decodeTile().isEmpty()) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (sparqSteps && p.onceScoresArithmetic().isEmpty() && p.twiceScoresArithmetic().isEmpty()) {
            missing.add("SparQ scores factors");
        }
        if (!decodeLengths.isEmpty() && p.decodeTile().get().otherRows().isEmpty()) {
            missing.add("decoding-loop figures at other head sizes than " + OverlapKernel.LENGTH);
        }
        // Calibrated before session 62 (int8) or 63 (fp8): a quantised cache's loop takes the fp32 loop's figures.
        for (QuantisedCache type : quantisedCaches) {
            if (p.decodeTile().get().quantised(type).isEmpty()) {
                missing.add("decoding-loop figures over " + type.id() + " rows (decodeTile." + type.id() + ")");
            }
        }
        if (!onceLengths.isEmpty() && p.onceScoresArithmetic().isPresent() && p.onceScoresArithmetic().get().cases()
                .stream().allMatch(c -> c.headDim() == ScoresArithmetic.HEAD_DIM)) {
            missing.add("K-once scores factors at other head sizes than " + ScoresArithmetic.HEAD_DIM);
        }
        // Calibrated before session 57, or where the local memory holds no passes: their K-twice steps read in passes
        // are priced without the fused step's excess.
        if (sparqSteps && p.twiceScoresArithmetic().isPresent() && p.twicePassesStepSecondsPerScore().isEmpty()) {
            missing.add("excess of SparQ's fused K-twice step read in passes (twicePassesStepPerScore)");
        }
        // Calibrated before session 58: their K-twice steps' page runs take the triad's share of one core alone.
        if (sparqSteps && p.unitBytesPerSecond().isPresent() && p.unitPageRunBytesPerSecond().isEmpty()) {
            missing.add("page-run bandwidth of one unit alone (unitPageRunBandwidth)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("the profile has no " + String.join(", no ", missing)
                + ", which these points are priced with (a cross-check's profile holds only what its own points "
                + "used): their prices leave them out; attnsim calibrate times everything");
    }
}
