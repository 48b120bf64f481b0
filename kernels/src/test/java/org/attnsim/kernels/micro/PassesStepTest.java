package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.attnsim.kernels.measure.Rounds;
import org.junit.jupiter.api.Test;

class PassesStepTest {

    private static Rounds rounds(double[][] samples) {
        return new Rounds(List.of("passes scores", "passes step", "one-pass scores", "one-pass step"), samples, "test");
    }

    @Test
    void theExcessIsTheDifferenceOfTheTwoKernelsLaterStagesRoundByRound() {
        // Round 1: (1.9 - 1.2) - (1.0 - 0.6) = 0.3 ms; round 2, all slower: (2.3 - 1.5) - (1.3 - 0.9) = 0.4 ms; round
        // 3: (2.0 - 1.3) - (1.1 - 0.6) = 0.2 ms. The median is round 1's, though no cut's median comes from round 1.
        PassesStep.Times t = PassesStep.Times.of(rounds(new double[][] {{1.2e-3, 1.5e-3, 1.3e-3},
            {1.9e-3, 2.3e-3, 2.0e-3}, {0.6e-3, 0.9e-3, 0.6e-3}, {1.0e-3, 1.3e-3, 1.1e-3}}), 16, 4, 16368, 64, 2);
        assertEquals(0.3e-3, t.excess().median(), 1e-12);
        assertEquals(3, t.excess().n());
        // 16 groups of 4 heads over 16368 positions: 1,047,552 scores; 0.3 ms of both units, 5.73e-10 s a score.
        assertEquals(1047552, t.scores());
        assertEquals(0.3e-3 * 2 / 1047552, t.secondsPerScore(), 1e-22);
    }

    @Test
    void aPassesStepNoLongerThanTheOnePassKernelsAddsNothing() {
        PassesStep.Times t = PassesStep.Times.of(rounds(new double[][] {{1.2e-3}, {1.5e-3}, {0.6e-3}, {1.0e-3}}),
                16, 4, 16368, 64, 2);
        assertEquals(-0.1e-3, t.excess().median(), 1e-12);
        assertEquals(0, t.secondsPerScore());
    }
}
