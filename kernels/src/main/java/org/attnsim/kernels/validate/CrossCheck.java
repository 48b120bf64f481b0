package org.attnsim.kernels.validate;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;
import org.attnsim.sim.Point;
import org.attnsim.sim.Prediction;
import org.attnsim.sim.Simulator;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.Shape;
import org.attnsim.sim.scenario.Sweep;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * Runs a scenario's points as kernels on one OpenCL device and predicts the same points on that
 * device's calibrated profile. The kernels compute the attention core in fp32 with the tiled
 * algorithm, so the scenario must ask for exactly that.
 */
public final class CrossCheck {

    /** A point run and predicted, before the baseline of its cell is known. */
    private record Done(VariantChoice variant, Prediction predicted, KernelRunner.KernelTiming measured) {
    }

    private CrossCheck() {
    }

    /** Rows the cross-check will produce (for progress). */
    public static int size(Scenario s) {
        return Sweep.size(s) / s.hardware().size();
    }

    public static void requireKernelScenario(Scenario s) {
        if (s.scope() != Scope.ATTENTION) {
            throw new InvalidInputException(s.source() + ": scope", "validate runs the attention core only",
                    "use scope: attention");
        }
        if (s.dtype() != Dtype.FP32) {
            throw new InvalidInputException(s.source() + ": workload.dtype", "the kernels compute in fp32",
                    "use dtype: fp32");
        }
        if (s.algorithm() != Algorithm.TILED) {
            throw new InvalidInputException(s.source() + ": workload.algorithm", "the kernels are tiled",
                    "use algorithm: tiled");
        }
        for (Phase p : s.phases()) {
            if (p == Phase.TRAIN) {
                throw new InvalidInputException(s.source() + ": workload.phase", "there are no backward kernels",
                        "allowed: forward, prefill, decode");
            }
        }
    }

    public static List<ValidationRow> run(Scenario s, HardwareProfile profile, OpenCLDevice device,
            Harness.Budget budget, IntConsumer progress) {
        requireKernelScenario(s);
        List<ValidationRow> rows = new ArrayList<>();
        long seed = 1;
        for (Phase phase : s.phases()) {
            for (Shape shape : s.shapes()) {
                if (!shape.runsIn(phase)) {
                    continue;
                }
                Workload w = Sweep.workload(s, phase, shape);
                Prediction basePredicted = null;
                Measurement baseMeasured = null;
                List<Done> cell = new ArrayList<>();
                for (VariantChoice v : s.variants()) {
                    List<SparqConfig> configs = new ArrayList<>();
                    configs.add(null);
                    if (phase == Phase.DECODE) {
                        configs.addAll(s.sparq());
                    }
                    for (SparqConfig c : configs) {
                        Point p = new Point(c == null ? v.label() : v.label() + " + " + c.label(), v.variant().id(),
                                v.shape(), s.model(), s.scope(), w, c, profile, s.terms());
                        Prediction predicted = Simulator.predict(p);
                        KernelRunner.KernelTiming measured = KernelRunner.measure(p, device, budget, seed++);
                        if (v == s.baseline() && c == null) {
                            basePredicted = predicted;
                            baseMeasured = measured.whole();
                        }
                        cell.add(new Done(v, predicted, measured));
                        progress.accept(rows.size() + cell.size());
                    }
                }
                for (Done d : cell) {
                    rows.add(new ValidationRow(d.variant(), d.predicted(), d.measured().whole(),
                            basePredicted.seconds() / d.predicted().seconds(),
                            baseMeasured.medianSeconds() / d.measured().whole().medianSeconds(), d.measured().stages()));
                }
            }
        }
        return rows;
    }
}
