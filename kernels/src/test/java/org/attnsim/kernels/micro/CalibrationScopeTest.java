package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.attnsim.kernels.validate.CrossCheck;
import org.attnsim.sim.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;

class CalibrationScopeTest {

    private static final CalibrationScope NOTHING = new CalibrationScope(false, List.of(), List.of());
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
        assertEquals(CalibrationScope.everything(), CalibrationScope.of(List.of(128), true, true, true));
        // The forward alone is priced with neither.
        assertEquals(NOTHING, CalibrationScope.of(List.of(128), false, false, false));
        assertThrows(IllegalArgumentException.class, () -> new CalibrationScope(false, List.of(), OTHER));
    }

    @Test
    void theBundledCrossChecksAskForWhatTheirPointsNeed() {
        assertEquals(NOTHING, scopeOf("validate-quick.yaml"));
        assertEquals(new CalibrationScope(true, List.of(), List.of()), scopeOf("validate-local.yaml"));
        assertEquals(CalibrationScope.everything(), scopeOf("validate-heads128.yaml"));
    }

    private static CalibrationScope scopeOf(String scenario) {
        return CrossCheck.calibrationScope(ScenarioReader.read(Path.of("..", "scenarios", scenario)));
    }
}
