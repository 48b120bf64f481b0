package org.attnsim.kernels.calibrate;

import static org.attnsim.kernels.calibrate.RecalibrationTest.M;
import static org.attnsim.kernels.calibrate.RecalibrationTest.rate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.device.DeviceInfo;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.kernels.measure.MedianInterval;
import org.attnsim.kernels.micro.DecodeTileTimes;
import org.attnsim.kernels.micro.LaunchAfterWork;
import org.attnsim.kernels.micro.MicroResults;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OverlapExponent;
import org.junit.jupiter.api.Test;

/**
 * A GPU's calibration, from made-up results: the branches a CPU's calibration does not take (no lab GPU runs the
 * tests), each figure hand-worked.
 */
class GpuCalibrationTest {

    private static final DeviceInfo H100 = new DeviceInfo(0, "NVIDIA CUDA", "NVIDIA H100 80GB HBM3", "gpu", 132, 1980,
            80L << 30, 48 << 10, 1024, 4L << 20, 128);

    private static final Measurement LAUNCH = new Measurement("empty kernel", 8e-6, 7e-6, 9e-6, 200, "gpu", true);

    /** The empty kernel 20 us after a cache-evicting read, 8 back to back; the small decoding step 30 against 25. */
    private static final LaunchAfterWork AFTER_WORK = new LaunchAfterWork(
            new Measurement("empty after", 20e-6, 19e-6, 21e-6, 80, "gpu", true),
            new Measurement("empty", 8e-6, 7e-6, 9e-6, 80, "gpu", true),
            new Measurement("step after", 30e-6, 29e-6, 31e-6, 80, "gpu", true),
            new Measurement("step", 25e-6, 24e-6, 26e-6, 80, "gpu", true),
            new MedianInterval(12e-6, 11e-6, 13e-6, 80), new MedianInterval(5e-6, 4e-6, 6e-6, 80),
            Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * DecodeTileKernel's cases over 128 tiles a compute unit: resident, 179.2, 281.6 and 486.4 us are 1.4, 2.2 and
     * 3.8 us a tile for 1, 2 and 4 heads, a line of 0.6 us and 0.8 us a head.
     */
    private static final List<OverlapExponent.Case> CASES = List.of(
            new OverlapExponent.Case(1, 250e-6, 179.2e-6, 200e-6, 4),
            new OverlapExponent.Case(2, 330e-6, 281.6e-6, 200e-6, 5),
            new OverlapExponent.Case(4, 520e-6, 486.4e-6, 200e-6, 6));
    private static final DecodeTileTimes TILES = DecodeTileTimes.of(128, CASES);

    static HardwareProfile calibrated() {
        Microbenchmarks.ComputeRates rates = new Microbenchmarks.ComputeRates(rate(50e12), rate(30e12), rate(45e12),
                rate(20e12), rate(25e12), rate(3e12), rate(2e12), rate(10e12), rate(1e12));
        // A triad of 2.8 TB/s beyond the cache, 6 TB/s within it, reaching half its rate at 40 MB.
        MicroResults r = new MicroResults(List.of(), 2.8e12, 6e12, 40e6, Optional.empty(), Optional.empty(), rates, M,
                2.5e12,
                new OverlapExponent(5, CASES), LAUNCH, AFTER_WORK, M, 6e-7, Optional.empty(), TILES,
                Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        return Calibration.profile(H100, r, Instant.parse("2026-11-23T01:00:00Z"), "measured-h100", Optional.empty());
    }

    @Test
    void aGpuProfileIsAGpusWithItsTileLoopAndItsMemoryRampMeasured() {
        HardwareProfile p = calibrated();
        assertEquals(DeviceKind.GPU, p.kind());
        assertEquals(132, p.units());
        assertEquals(1.98e9, p.clockHertz().value(), 0);
        DecodeTile tile = p.decodeTile().orElseThrow();
        assertEquals(1.4e-6, tile.oneHead().value(), 1e-12);
        assertEquals(0.8e-6, tile.furtherHead().value(), 1e-12);
        assertTrue(tile.oneHead().source().contains("DecodeTileKernel (a GPU decoding step's tile loop")
                && tile.oneHead().source().contains("128 tiles a compute unit in work-groups of 256 items")
                && tile.oneHead().source().contains("1 heads 1.40e-06 s, 2 heads 2.20e-06 s, 4 heads 3.80e-06 s"),
                tile.oneHead().source());
        Figure overlap = p.overlapExponent().orElseThrow();
        assertEquals(5, overlap.value(), 0);
        assertTrue(overlap.source().contains("DecodeTileKernel (a GPU decoding step's tile loop"), overlap.source());
        Figure ramp = p.efficiency().memoryHalfRateBytes();
        assertEquals(40e6, ramp.value(), 0);
        assertTrue(ramp.source().contains("OLS fit of time on bytes"), ramp.source());
    }

    @Test
    void aGpuProfileLeavesOutWhatOnlyACpusCoresShow() {
        HardwareProfile p = calibrated();
        // No one-core bandwidth, gather or fused stage start was measured: a GPU's SMs hide them.
        assertTrue(p.unitBytesPerSecond().isEmpty());
        assertTrue(p.unitPageRunBytesPerSecond().isEmpty());
        assertTrue(p.gatherLinesInFlight().isEmpty());
        assertTrue(p.stageStartAfterWorkSeconds().isEmpty());
        // The launch after other work: 8 us back to back and 12 us of waking; each op's start 5 us.
        assertEquals(20e-6, p.launchAfterWorkSeconds().orElseThrow().value(), 1e-12);
        assertEquals(5e-6, p.opStartAfterWorkSeconds().orElseThrow().value(), 1e-12);
        assertEquals(2.8e12, p.deviceMemory().bandwidthBytesPerSecond().value(), 0);
        assertEquals(6e12, p.lastLevelCache().bandwidthBytesPerSecond().value(), 0);
    }
}
