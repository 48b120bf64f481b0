package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DecodeTileQuantised;
import org.attnsim.hwmodels.DecodeTileRows;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.attnsim.kernels.validate.CrossCheck;
import org.attnsim.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

class CalibrationScopeTest {

    private static final CalibrationScope NOTHING = CalibrationScope.none();
    private static final List<Integer> OTHER = CalibrationScope.OTHER_LENGTHS;

    @Test
    void pointsAskForSparqsCasesAndOtherHeadSizesOnlyWhereTheyArePricedWithThem() {
        assertEquals(NOTHING, CalibrationScope.of(List.of(64), true, false, false));
        assertEquals(new CalibrationScope(false, OTHER, List.of()), CalibrationScope.of(List.of(64, 96), true, false,
                false));
        assertEquals(new CalibrationScope(true, List.of(), List.of()), CalibrationScope.of(List.of(64), true, true,
                true));
        assertEquals(new CalibrationScope(true, OTHER, List.of()), CalibrationScope.of(List.of(128), true, true,
                false));
        assertEquals(new CalibrationScope(true, OTHER, OTHER), CalibrationScope.of(List.of(128), true, true, true));
        assertEquals(CalibrationScope.everything(), CalibrationScope.of(List.of(128), true, true, true,
                EnumSet.allOf(QuantisedCache.class)));
        // A quantised cache's kernel where the points decode from one, and not for the forward alone.
        assertEquals(new CalibrationScope(false, List.of(), List.of(), Set.of(QuantisedCache.FP8)),
                CalibrationScope.of(List.of(64), true, false, false, Set.of(QuantisedCache.FP8)));
        assertEquals(NOTHING, CalibrationScope.of(List.of(64), false, false, false, Set.of(QuantisedCache.INT8)));
        // The forward alone is priced with neither.
        assertEquals(NOTHING, CalibrationScope.of(List.of(128), false, false, false));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationScope(false, List.of(), OTHER));
    }

    @Test
    void theBundledCrossChecksAskForWhatTheirPointsNeed() {
        assertEquals(NOTHING, scopeOf("validate-quick.yaml"));
        assertEquals(new CalibrationScope(true, List.of(), List.of()), scopeOf("validate-local.yaml"));
        assertEquals(new CalibrationScope(true, OTHER, OTHER), scopeOf("validate-heads128.yaml"));
        assertEquals(new CalibrationScope(false, List.of(), List.of(), Set.of(QuantisedCache.INT8)),
                scopeOf("validate-kv-int8.yaml"));
        assertEquals(new CalibrationScope(false, List.of(), List.of(), Set.of(QuantisedCache.FP8)),
                scopeOf("validate-kv-fp8.yaml"));
        assertEquals(new CalibrationScope(false, OTHER, List.of(), EnumSet.allOf(QuantisedCache.class)),
                scopeOf("validate-kv-heads128.yaml"));
    }

    private static CalibrationScope scopeOf(String scenario) {
        return CrossCheck.calibrationScope(ScenarioReader.read(Path.of("..", "scenarios", scenario)));
    }

    @Test
    void aCalibratedProfileSaysWhatOfTheScopeItLacks() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        DecodeTile tile = new DecodeTile(new Figure(8e-7, "one"), new Figure(7e-7, "further"));
        HardwareProfile measured = bundled.withDecodeTile(Optional.of(tile));
        assertEquals(Optional.empty(), NOTHING.missingFrom(measured));
        assertEquals(Optional.empty(), CalibrationScope.everything().missingFrom(bundled), "a datasheet's profile");
        String all = CalibrationScope.everything().missingFrom(measured).orElseThrow();
        assertTrue(all.startsWith("the profile has no SparQ scores factors, no decoding-loop figures at other head "
                + "sizes than 64, no decoding-loop figures over int8 rows (decodeTile.int8), no decoding-loop figures "
                + "over fp8 rows (decodeTile.fp8), which these points are priced with"), all);
        HardwareProfile d64 = measured.withOnceScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(4, new Figure(1.3, "four"))))));
        assertEquals("the profile has no K-once scores factors at other head sizes than 64, which these points are "
                + "priced with (a cross-check's profile holds only what its own points used): their prices leave them "
                + "out; attnsim calibrate times everything", new CalibrationScope(true, List.of(), OTHER)
                .missingFrom(d64).orElseThrow());
        HardwareProfile byDim = d64.withOnceScoresArithmetic(Optional.of(d64.onceScoresArithmetic().get().plus(
                new ScoresArithmetic(List.of(new ScoresArithmetic.Case(96, 4, new Figure(2.4, "four at 96")))))))
                .withDecodeTile(Optional.of(tile.withRows(new DecodeTileRows(96, new Figure(1e-6, "one"),
                        new Figure(1e-6, "further"))).withInt8(Optional.of(new DecodeTileQuantised(
                                new Figure(0.9, "one"), new Figure(1.1, "further"), Optional.empty())))));
        assertTrue(CalibrationScope.everything().missingFrom(byDim).orElseThrow().startsWith("the profile has no "
                + "decoding-loop figures over fp8 rows (decodeTile.fp8), which"), "calibrated in session 62");
        byDim = byDim.withDecodeTile(Optional.of(byDim.decodeTile().orElseThrow().withFp8(Optional.of(
                new DecodeTileQuantised(new Figure(1.9, "one"), new Figure(2.2, "further"), Optional.empty())))));
        assertEquals(Optional.empty(), CalibrationScope.everything().missingFrom(byDim));
        HardwareProfile twice = byDim.withTwiceScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(1, new Figure(1, "one"))))));
        assertTrue(CalibrationScope.everything().missingFrom(twice).orElseThrow().startsWith("the profile has no "
                + "excess of SparQ's fused K-twice step read in passes (twicePassesStepPerScore), which these points"));
        assertEquals(Optional.empty(), CalibrationScope.everything().missingFrom(twice.withTwicePassesStep(
                Optional.of(new Figure(2e-10, "measured")))));
        assertEquals(Optional.empty(), NOTHING.missingFrom(twice), "no SparQ points");
        // One unit's triad measured, but not its page runs (calibrated before session 58).
        HardwareProfile unit = twice.withTwicePassesStep(Optional.of(new Figure(2e-10, "measured")))
                .withUnitBandwidth(Optional.of(new Figure(38e9, "measured")));
        assertTrue(CalibrationScope.everything().missingFrom(unit).orElseThrow().startsWith("the profile has no "
                + "page-run bandwidth of one unit alone (unitPageRunBandwidth), which these points"));
        assertEquals(Optional.empty(), CalibrationScope.everything().missingFrom(unit.withUnitPageRunBandwidth(
                Optional.of(new Figure(29e9, "measured")))));
        assertEquals(Optional.empty(), NOTHING.missingFrom(unit), "no SparQ points");
    }
}
