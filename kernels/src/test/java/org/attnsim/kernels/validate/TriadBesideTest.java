package org.attnsim.kernels.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.sim.Point;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.OpTiming;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

class TriadBesideTest {

    @Test
    void aPointIsAlsoPredictedAtTheBandwidthOfTheTriadBesideIt() {
        HardwareProfile hw = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        Workload w = Workload.of(Phase.DECODE, 16384, 8, true, Dtype.FP32, Algorithm.TILED, "test");
        var shape = Variant.MHA.shape(512, 8, null, null, "test");
        Point p = new Point("MHA", Variant.MHA.id(), shape, null, Scope.ATTENTION, w, null, hw, Terms.defaults());
        double launch = hw.launchLatencySeconds().value();
        double bandwidth = hw.deviceMemory().bandwidthBytesPerSecond().value();
        long bytes = 201_326_592L;
        // A triad that moved its bytes at 40% of the profile's bandwidth, its launch on top.
        double t = bytes / (0.4 * bandwidth) + launch;
        Measurement triad = new Measurement("triad", t, t * 0.95, t * 1.05, 9, "dev", false);
        Measurement step = new Measurement("step", 0.05, 0.049, 0.051, 9, "dev", false);
        CrossCheck.Measured m = new CrossCheck.Measured(new VariantChoice(Variant.MHA, shape, "MHA"), p, true,
                new KernelRunner.KernelTiming(step, List.of()), null, triad, bytes);

        ValidationRow row = CrossCheck.compare(List.of(List.of(m)), hw).get(0);

        assertEquals(0.4 * bandwidth, row.triadBesideBytesPerSecond(), 1e-6 * bandwidth);
        assertEquals(0.4, row.triadBesideFraction(), 1e-9);
        for (int i = 0; i < row.prediction().ops().size(); i++) {
            OpTiming profile = row.prediction().ops().get(i);
            OpTiming beside = row.atTriadBeside().ops().get(i);
            assertEquals(profile.memorySeconds() / 0.4, beside.memorySeconds(), 1e-9 * beside.memorySeconds());
            assertEquals(profile.matrixSeconds(), beside.matrixSeconds(), 0);
        }
        assertEquals(row.atTriadBeside().seconds() / 0.05 - 1, row.errorAtTriadBeside(), 1e-12);
        // The profile's own prediction and error do not move.
        assertEquals(row.prediction().seconds() / 0.05 - 1, row.error(), 1e-12);
    }
}
