package org.attnsim.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.validate.CrossCheck;
import org.attnsim.kernels.validate.KernelRunner;
import org.attnsim.kernels.validate.RatesBeside;
import org.attnsim.sim.Point;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

class ValidationRoundsTest {

    @Test
    void everyPointAndMicrobenchmarkHasARowARound() {
        HardwareProfile hw = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        double launch = hw.launchLatencySeconds().value();
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        VariantChoice mha = new VariantChoice(Variant.MHA, shape, "MHA");
        Point decode = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION,
                Workload.of(Phase.DECODE, 16384, 8, true, Dtype.FP32, Algorithm.TILED, "test"), null, hw,
                Terms.defaults());
        Point forward = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION,
                Workload.of(Phase.FORWARD, 2048, 1, true, Dtype.FP32, Algorithm.TILED, "test"), null, hw,
                Terms.defaults());
        Measurement any = new Measurement("any", 0.01, 0.01, 0.01, 2, "dev", false);
        // Two rounds: a 1 GB triad in 20 and 40 ms beyond the launch (50 and 25 GB/s), no gather (a GPU's).
        RatesBeside b = new RatesBeside(any, 1_000_000_000L, any, 1e9, any, 1_000_000_000L, any, List.of(1.5, 1.25),
                any, 100, Optional.empty(), 0, List.of(), new RatesBeside.RoundSeconds(
                        List.of(0.020 + launch, 0.040 + launch), List.of(0.01 + launch, 0.01 + launch),
                        List.of(0.05 + launch, 0.05 + launch), List.of(0.001 + launch, 0.001 + launch), List.of()));
        KernelRunner.KernelTiming timing = new KernelRunner.KernelTiming(any, List.of());
        List<List<CrossCheck.Measured>> cells = List.of(
                List.of(new CrossCheck.Measured(mha, forward, true, timing, null, b, List.of(0.05, 0.06),
                        List.of(0.05, 0.06))),
                List.of(new CrossCheck.Measured(mha, decode, true, timing, null, b, List.of(0.012, 0.011),
                        List.of(0.012, 0.011))));
        List<Map<String, Object>> rows = ValidationRounds.fields(cells, hw);
        // A round: the two points, the triad, the row updates, the page runs, the resident rows and the exponent.
        assertEquals(2 * 7, rows.size());
        Map<String, Object> second = rows.get(7);
        assertEquals(1, second.get("set"));
        assertEquals(2, second.get("round"));
        assertEquals("MHA dense forward S 2048 batch 1", second.get("what"));
        assertEquals(0.06, second.get("seconds"));
        assertNull(second.get("rate"));
        Map<String, Object> triad = rows.get(9);
        assertEquals("triad", triad.get("what"));
        assertEquals(25e9, (double) triad.get("rate"), 1);
        assertEquals("B/s", triad.get("rateUnit"));
        Map<String, Object> exponent = rows.get(13);
        assertEquals("overlap exponent", exponent.get("what"));
        assertNull(exponent.get("seconds"));
        assertEquals(1.25, exponent.get("rate"));
    }
}
