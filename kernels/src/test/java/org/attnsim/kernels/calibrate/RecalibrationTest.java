package org.attnsim.kernels.calibrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.MemoryLevel;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.junit.jupiter.api.Test;

class RecalibrationTest {

    static final Measurement M = new Measurement("t", 1, 1, 1, 1, "d", false);

    /** The bundled CPU profile as a calibration would leave it: fma 20 GFLOP/s, one chain 3, exp 0.4 G, triad 30 GB/s. */
    static HardwareProfile calibrated() {
        HardwareProfile p = HardwareCatalog.resolve("cpu-server-64c", "t", null);
        Figure fma = new Figure(20e9, "measured: fma");
        Map<Dtype, Figure> matrix = new EnumMap<>(Dtype.class);
        for (Dtype d : Dtype.values()) {
            matrix.put(d, fma);
        }
        return p.withRates(matrix, fma, new Figure(0.4e9, "measured: exp"), Optional.of(new Figure(3e9, "measured: chain")),
                new MemoryLevel("dram", new Figure(30e9, "measured: triad"), p.deviceMemory().capacityBytes()),
                Optional.empty());
    }

    @Test
    void theFasterOfTwoMeasurementsIsTheDevicesRate() {
        // After the run: fma 27 GFLOP/s (faster), one chain 2.5 (slower), exp 0.4 (same), triad 45 GB/s (faster).
        Microbenchmarks.Recheck later = new Microbenchmarks.Recheck(
                new Microbenchmarks.ComputeRates(M, 27e9, M, 2.5e9, M, 0.4e9), 45e9);
        Recalibration.Result r = Recalibration.reconcile(calibrated(), later, Instant.parse("2026-11-22T09:00:00Z"));
        HardwareProfile p = r.profile();
        assertEquals(27e9, p.vectorFlopsPerSecond().value());
        for (Dtype d : Dtype.values()) {
            assertEquals(27e9, p.matrixPeak(d));
        }
        assertEquals(3e9, p.dependentFlopsPerSecond().orElseThrow().value());
        assertEquals(0.4e9, p.exponentialsPerSecond().value());
        assertEquals(45e9, p.deviceMemory().bandwidthBytesPerSecond().value());
        // Both measurements stay in the source.
        String source = p.vectorFlopsPerSecond().source();
        assertTrue(source.startsWith("measured: fma;") && source.contains("2026-11-22T09:00:00Z")
                && source.contains("27.0 GFLOP/s"), source);
        // The drift: fma +35%, one chain -17%, exp 0%, triad +50%; the largest is the triad's.
        assertEquals(4, r.drift().size());
        assertEquals(0.35, r.drift().get(0).change(), 1e-12);
        assertEquals(-1.0 / 6, r.drift().get(1).change(), 1e-12);
        assertEquals(0.5, r.largestChange(), 1e-12);
        assertEquals("FMA 20.0 GFLOP/s -> 27.0 GFLOP/s (+35%)", r.drift().get(0).toString());
    }
}
