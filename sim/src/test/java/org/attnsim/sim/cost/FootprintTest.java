package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.attnsim.hwmodels.Dtype;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.FfnKind;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import org.junit.jupiter.api.Test;

class FootprintTest {

    static final AttentionShape LLAMA3_8B = AttentionShape.of(4096, 32, 32, 8, "t");
    static final ModelSpec LLAMA3_8B_MODEL = ModelSpec.of(32, FfnKind.SWIGLU, 14336, 128256, "t");

    @Test
    void llama3EightBillionParameters() {
        // Per layer: attention 4096 x 128 x (2 x 32 + 2 x 8) = 41,943,040; SwiGLU 3 x 4096 x 14336 =
        // 176,160,768; norms 8,192: 218,112,000. x 32 = 6,979,584,000; embedding + LM head
        // 2 x 128,256 x 4096 = 1,050,673,152; final norm 4096: 8,030,261,248 (Llama 3 8B: 8.03B).
        assertEquals(8_030_261_248.0, ParameterCount.model(LLAMA3_8B, LLAMA3_8B_MODEL));
    }

    @Test
    void kvCacheOfLlama3At8kIsOneGibibyte() {
        // 2 x 8,192 x 8 heads x 128 x 2 B x 32 layers = 1,073,741,824 B.
        Workload w = Workload.of(Phase.DECODE, 8192, 1, true, Dtype.BF16, Algorithm.TILED, "t");
        Footprint f = FootprintModel.footprint(LLAMA3_8B, LLAMA3_8B_MODEL, Scope.MODEL, w, null, 80e9);
        assertEquals(1_073_741_824.0, f.kvCacheBytes());
        assertTrue(f.fits());
    }

    @Test
    void trainingAdds14BytesPerParameterOfState() {
        Workload w = Workload.of(Phase.TRAIN, 8192, 1, true, Dtype.BF16, Algorithm.TILED, "t");
        Footprint f = FootprintModel.footprint(LLAMA3_8B, LLAMA3_8B_MODEL, Scope.MODEL, w, null, 80e9);
        double params = 8_030_261_248.0;
        assertEquals(2 * params, f.weightBytes());
        assertEquals(14 * params, f.trainingStateBytes());
        // 16 bytes per parameter (ZeRO, section 3.1) alone is 128 GB: full training does not fit one 80 GB GPU.
        assertFalse(f.fits());
    }

    @Test
    void naiveAttentionMaterialisesTheScores() {
        // B 1, H_q 32, S 8192: 32 x 8192^2 x 2 B = 4,294,967,296 B for one layer.
        Workload w = Workload.of(Phase.FORWARD, 8192, 1, true, Dtype.BF16, Algorithm.NAIVE, "t");
        Footprint f = FootprintModel.footprint(LLAMA3_8B, LLAMA3_8B_MODEL, Scope.ATTENTION, w, null, 80e9);
        assertEquals(4_294_967_296.0, f.scoreBytes());
    }
}
