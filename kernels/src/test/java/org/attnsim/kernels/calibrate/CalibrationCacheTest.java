package org.attnsim.kernels.calibrate;

import static org.attnsim.kernels.calibrate.RecalibrationTest.M;
import static org.attnsim.kernels.calibrate.RecalibrationTest.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.device.DeviceInfo;
import org.attnsim.kernels.micro.MicroResults;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OverlapExponent;
import org.attnsim.kernels.micro.UnitBandwidth;
import org.junit.jupiter.api.Test;

class CalibrationCacheTest {

    private static final DeviceInfo CPU = new DeviceInfo(0, "Portable Computing Language", "cpu", "cpu", 2, 2600,
            24L << 30, 1 << 20, 4096, 32L << 20, 64);

    /** A calibration's results with a triad of 30 GB/s beyond the cache and {@code cache} B/s within it. */
    private static HardwareProfile calibrated(double cache) {
        Microbenchmarks.ComputeRates rates = new Microbenchmarks.ComputeRates(rate(100e9), rate(20e9), rate(60e9),
                rate(3e9), rate(1.2e9), rate(0.4e9), rate(8e9), rate(0.3e9));
        MicroResults r = new MicroResults(List.of(), 30e9, cache, 0,
                Optional.of(new UnitBandwidth(M, M, 192L << 20, 26.1e9, 30e9)), rates, M, 28e9,
                new OverlapExponent(3, List.of()), M, M, 1.6e-7, Optional.empty(), Optional.empty());
        return Calibration.profile(CPU, r, Instant.parse("2026-11-23T01:00:00Z"), "measured-cpu");
    }

    @Test
    void oneUnitsBandwidthSaysWhatShareOfEveryUnitsItIs() {
        Figure unit = calibrated(90e9).unitBytesPerSecond().orElseThrow();
        assertEquals(26.1e9, unit.value());
        assertTrue(unit.source().contains("drew 30.0 GB/s: one unit alone draws 0.87 of it"), unit.source());
    }

    @Test
    void aCacheMeasuredFasterThanTheStreamSaysItWasMeasured() {
        Figure cache = calibrated(90e9).lastLevelCache().bandwidthBytesPerSecond();
        assertEquals(90e9, cache.value());
        assertTrue(cache.source().contains("best launch-corrected bandwidth at working sets of at most half the cache"),
                cache.source());
    }

    @Test
    void aCacheNoFasterThanTheStreamSaysItIsTheStreamsAndIsRaisedWithIt() {
        HardwareProfile p = calibrated(30e9);
        Figure cache = p.lastLevelCache().bandwidthBytesPerSecond();
        assertEquals(30e9, cache.value());
        assertTrue(cache.source().contains("no cache-resident triad ran at least 3 launches long and faster than the "
                + "triad beyond the cache"), cache.source());
        // The run's faster stream takes the cache with it (HardwareProfile.withDeviceMemory).
        HardwareProfile run = RunRates.medians(p, List.of(30e9, 35e9, 36e9), List.of(60e9), List.of(28e9), List.of(1.2),
                "in the run");
        assertEquals(35e9, run.lastLevelCache().bandwidthBytesPerSecond().value());
    }
}
