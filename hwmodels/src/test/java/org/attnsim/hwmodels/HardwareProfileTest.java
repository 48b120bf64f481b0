package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HardwareProfileTest {

    /** A profile whose cache is as slow as its memory, 30 GB/s: a calibration whose resident triads ran no faster. */
    private static HardwareProfile flatCache() {
        HardwareProfile p = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        return new HardwareProfile(p.id(), p.name(), p.kind(), p.origin(), p.parallelUnits(), p.clockHertz(),
                p.matrixFlopsPerSecond(), p.vectorFlopsPerSecond(), p.otherVectorOpsPerSecond(),
                p.exponentialsPerSecond(), p.dependentFlopsPerSecond(), p.scalarOpsPerSecond(),
                p.scalarExponentialsPerSecond(),
                new MemoryLevel("dram", new Figure(30e9, "calibrated stream"), p.deviceMemory().capacityBytes()),
                p.pageRunBytesPerSecond(), p.unitBytesPerSecond(), p.overlapExponent(),
                new MemoryLevel("cache", new Figure(30e9, "calibrated: the stream's"),
                        p.lastLevelCache().capacityBytes()),
                p.sramBytesPerUnit(), p.sectorBytes(), p.launchLatencySeconds(), p.launchAfterWorkSeconds(),
                p.opStartAfterWorkSeconds(), p.stageStartAfterWorkSeconds(), p.memoryLatencySeconds(),
                p.gatherLinesInFlight(), p.decodeTile(), p.onceScoresArithmetic(), p.twiceScoresArithmetic(),
                p.twicePassesScoresArithmetic(), p.twicePassesBytesPerSecond(), p.forwardArithmetic(),
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
}
