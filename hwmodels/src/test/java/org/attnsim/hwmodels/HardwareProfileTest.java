package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class HardwareProfileTest {

    /** A profile whose cache is as slow as its memory, 30 GB/s: a calibration whose resident triads ran no faster. */
    private static HardwareProfile flatCache() {
        HardwareProfile p = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        return new HardwareProfile(p.id(), p.name(), p.kind(), p.origin(), p.parallelUnits(), p.clockHertz(),
                p.matrixFlopsPerSecond(), p.vectorFlopsPerSecond(), p.otherVectorOpsPerSecond(),
                p.exponentialsPerSecond(), p.dependentFlopsPerSecond(), p.dependentFlopsPerSecond128(),
                p.scalarOpsPerSecond(),
                p.scalarExponentialsPerSecond(),
                new MemoryLevel("dram", new Figure(30e9, "calibrated stream"), p.deviceMemory().capacityBytes()),
                p.pageRunBytesPerSecond(), p.unitBytesPerSecond(), p.unitPageRunBytesPerSecond(), p.overlapExponent(),
                new MemoryLevel("cache", new Figure(30e9, "calibrated: the stream's"),
                        p.lastLevelCache().capacityBytes()),
                p.sramBytesPerUnit(), p.sectorBytes(), p.launchLatencySeconds(), p.launchAfterWorkSeconds(),
                p.opStartAfterWorkSeconds(), p.stageStartAfterWorkSeconds(), p.memoryLatencySeconds(),
                p.gatherLinesInFlight(), p.decodeTile(), p.onceScoresArithmetic(), p.twiceScoresArithmetic(),
                p.twicePassesScoresArithmetic(), p.twicePassesBytesPerSecond(), p.twicePassesStepSecondsPerScore(),
                p.forwardArithmetic(),
                p.efficiency());
    }

    @Test
    void aFasterDeviceMemoryRaisesACacheThatWouldFallBelowIt() {
        HardwareProfile raised = flatCache().withDeviceBandwidth(new Figure(35e9, "median of the run"));
        assertEquals(35e9, raised.deviceMemory().bandwidthBytesPerSecond().value());
        assertEquals(35e9, raised.lastLevelCache().bandwidthBytesPerSecond().value());
        String source = raised.lastLevelCache().bandwidthBytesPerSecond().source();
        assertTrue(source.contains("median of the run") && source.contains("30.0 GB/s")
                && source.contains("calibrated: the stream's"), source);
        assertEquals(flatCache().lastLevelCache().capacityBytes(), raised.lastLevelCache().capacityBytes());
    }

    @Test
    void aCacheAlreadyFasterThanTheNewMemoryStaysAsItWas() {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        HardwareProfile slower = bundled.withDeviceBandwidth(new Figure(400e9, "measured"));
        assertSame(bundled.lastLevelCache(), slower.lastLevelCache());
        HardwareProfile lower = flatCache().withDeviceBandwidth(new Figure(25e9, "a slower run"));
        assertEquals(30e9, lower.lastLevelCache().bandwidthBytesPerSecond().value());
        assertEquals("calibrated: the stream's", lower.lastLevelCache().bandwidthBytesPerSecond().source());
    }

    @Test
    void aDotsRateByLengthRunsThroughTheTwoMeasuredLengths() {
        // Dots of 64 at 16 GFLOP/s (8 ns a dot) and of 128 at 20 GFLOP/s (12.8 ns): 3.2 ns a dot and 0.075 ns a float.
        HardwareProfile p = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        p = p.withRates(p.matrixFlopsPerSecond(), p.vectorFlopsPerSecond(), p.exponentialsPerSecond(),
                Optional.of(new Figure(16e9, "64")), p.scalarOpsPerSecond(), p.scalarExponentialsPerSecond(),
                p.deviceMemory(), p.pageRunBytesPerSecond());
        assertEquals(16e9, p.dependentFlopsPerSecondAt(96).orElseThrow(), 1, "no rate at 128: the one at 64");
        HardwareProfile both = p.withDependentFmaRate128(Optional.of(new Figure(20e9, "128")));
        assertEquals(16e9, both.dependentFlopsPerSecondAt(64).orElseThrow(), 1e-3);
        assertEquals(20e9, both.dependentFlopsPerSecondAt(128).orElseThrow(), 1e-3);
        assertEquals(2 * 96 / (3.2e-9 + 96 * 0.075e-9), both.dependentFlopsPerSecondAt(96).orElseThrow(), 1e-3);
        assertEquals(2 * 32 / (3.2e-9 + 32 * 0.075e-9), both.dependentFlopsPerSecondAt(32).orElseThrow(), 1e-3);
        assertEquals(16e9, both.dependentFlopsPerSecondAt(0).orElseThrow(), 1e-3, "length not known");
        // A long dot no faster a float than a short one: no start, every float at the short one's cost.
        HardwareProfile flat = p.withDependentFmaRate128(Optional.of(new Figure(16e9, "128")));
        assertEquals(16e9, flat.dependentFlopsPerSecondAt(128).orElseThrow(), 1e-3);
        assertTrue(HardwareCatalog.resolve("a100-40gb-sxm", "test", null).dependentFlopsPerSecondAt(64).isEmpty());
    }
}
