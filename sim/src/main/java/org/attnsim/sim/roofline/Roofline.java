package org.attnsim.sim.roofline;

import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Efficiency;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.cost.OpCost;

/**
 * The roofline timing model: for each unit, work / (peak x efficiency); the compute units combine by
 * sum when {@link Term#SOFTMAX_SERIALISATION} is on (one warp does matmul, then softmax) and by max
 * otherwise; memory levels overlap with compute; each launch adds the fixed latency.
 *
 * <pre>
 * t_unit    = work x padding / (peak x fraction x wave) + n_half / (peak x fraction)   per unit, one repeat
 * t_compute = t_matrix + t_vector + t_exp   (or their max)
 * t_op      = repeats x (max(t_compute, t_memory, t_cache) + launches x latency)
 * </pre>
 */
public final class Roofline {

    private Roofline() {
    }

    public static OpTiming time(OpCost op, HardwareProfile hw, Dtype dtype, Terms terms) {
        Efficiency eff = hw.efficiency();
        boolean achievable = terms.has(Term.ACHIEVABLE_PEAK);
        boolean size = terms.has(Term.SIZE_EFFICIENCY);

        double wave = 1.0;
        if (terms.has(Term.WAVE_QUANTISATION) && op.tiles() > 0) {
            double units = hw.parallelUnits().value();
            wave = op.tiles() / (Math.ceil(op.tiles() / units) * units);
        }

        double matrix = 0;
        if (op.matrixFlops() > 0) {
            double rate = hw.matrixPeak(dtype) * (achievable ? eff.matrixFraction().value() : 1.0);
            // The n-half start-up is paid once per op; only the work itself is spread over the waves.
            matrix = op.matrixFlops() * op.padding() / (rate * wave) + (size ? eff.matrixHalfRateFlops().value() / rate : 0);
        }
        double vector = op.vectorFlops() <= 0 ? 0
                : op.vectorFlops() * op.padding() / (hw.vectorFlopsPerSecond().value()
                        * (achievable ? eff.vectorFraction().value() : 1.0) * wave);
        double exp = op.exponentials() <= 0 || !terms.has(Term.SPECIAL_FUNCTION_UNIT) ? 0
                : op.exponentials() * op.padding() / (hw.exponentialsPerSecond().value()
                        * (achievable ? eff.exponentialFraction().value() : 1.0) * wave);
        double memory = 0;
        if (op.deviceBytes() > 0) {
            double bw = hw.deviceMemory().bandwidthBytesPerSecond().value()
                    * (achievable ? eff.memoryFraction().value() : 1.0);
            memory = (op.deviceBytes() + (size ? eff.memoryHalfRateBytes().value() : 0)) / bw;
        }
        double cache = op.cacheBytes() <= 0 ? 0
                : op.cacheBytes() / hw.lastLevelCache().bandwidthBytesPerSecond().value();

        double compute = terms.has(Term.SOFTMAX_SERIALISATION)
                ? matrix + vector + exp
                : Math.max(matrix, Math.max(vector, exp));
        double busy = Math.max(compute, Math.max(memory, cache));
        double launch = terms.has(Term.LAUNCH_LATENCY) ? op.launches() * hw.launchLatencySeconds().value() : 0;

        Bound bound;
        if (launch > busy) {
            bound = Bound.LAUNCH;
        } else if (compute >= memory && compute >= cache) {
            bound = matrix >= vector && matrix >= exp ? Bound.MATRIX : (exp >= vector ? Bound.EXPONENTIAL : Bound.VECTOR);
        } else {
            bound = memory >= cache ? Bound.MEMORY : Bound.CACHE;
        }
        return new OpTiming(op, op.repeats() * (busy + launch), bound, matrix, vector, exp, memory, cache, launch, wave);
    }
}
