package org.attnsim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.attnsim.sim.workload.Phase;
import org.junit.jupiter.api.Test;

/** The FlashAttention FLOP convention (PAPERS.md section 3), checked against numbers worked by hand. */
class AttentionFlopsTest {

    @Test
    void mhaForwardIsFourBSSquaredHd() {
        // B = 2, S = 1024, H = 16, d = 64: 4 x 2 x 1,048,576 x 16 x 64 = 8,589,934,592.
        Prediction p = Points.attention(1024, 16, 16, 16, Phase.FORWARD, 1024, 2, false);
        assertEquals(8_589_934_592.0, p.matrixFlops());
    }

    @Test
    void causalMaskHalvesTheFlops() {
        Prediction p = Points.attention(1024, 16, 16, 16, Phase.FORWARD, 1024, 2, true);
        assertEquals(4_294_967_296.0, p.matrixFlops());
    }

    @Test
    void trainingStepIsThreeAndAHalfTimesForward() {
        // Forward 4 + backward 10 (2.5 x forward) = 14 x d x scores: 3.5 x 8,589,934,592 = 30,064,771,072.
        Prediction p = Points.attention(1024, 16, 16, 16, Phase.TRAIN, 1024, 2, false);
        assertEquals(30_064_771_072.0, p.matrixFlops());
    }

    @Test
    void xsqaCutsAttentionFlopsByHOverHq() {
        Prediction mha = Points.attention(256, 16, 16, 16, Phase.FORWARD, 32768, 4, true);
        Prediction xsqa = Points.attention(256, 16, 4, 4, Phase.FORWARD, 32768, 4, true);
        assertEquals(4.0, mha.matrixFlops() / xsqa.matrixFlops());
        assertEquals(4.0, mha.exponentials() / xsqa.exponentials());
    }

    @Test
    void gqaAndMqaKeepTheFlopsOfMha() {
        Prediction mha = Points.attention(4096, 32, 32, 32, Phase.PREFILL, 8192, 1, true);
        Prediction gqa = Points.attention(4096, 32, 32, 8, Phase.PREFILL, 8192, 1, true);
        Prediction mqa = Points.attention(4096, 32, 32, 1, Phase.PREFILL, 8192, 1, true);
        assertEquals(mha.matrixFlops(), gqa.matrixFlops());
        assertEquals(mha.matrixFlops(), mqa.matrixFlops());
    }

    @Test
    void decodeFlopsAreFourBHqSd() {
        // One query against S = 4096 keys: 4 x B 8 x H_q 32 x 4096 x d 128 = 536,870,912; exps B H_q S = 1,048,576.
        Prediction p = Points.attention(4096, 32, 32, 8, Phase.DECODE, 4096, 8, true);
        assertEquals(536_870_912.0, p.matrixFlops());
        assertEquals(1_048_576.0, p.exponentials());
    }
}
