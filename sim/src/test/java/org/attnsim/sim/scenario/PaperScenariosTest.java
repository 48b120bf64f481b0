package org.attnsim.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnsim.sim.cost.OpGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled paper scenarios against the papers' published times (PAPERS.md). Each assertion uses the
 * tolerance the reproduction goal sets: a time within 25%, a speed-up over MHA within 10% (SQA) and
 * SparQ's dense time within 25% and its K-stored-twice speed-up within 20%. The rows the model misses
 * (SparQ with K stored once) are printed in every report of these scenarios and explained in the README.
 */
class PaperScenariosTest {

    static final Path SCENARIOS = Path.of("..", "scenarios");

    static List<Comparison> compare(String file) {
        Scenario s = ScenarioReader.read(SCENARIOS.resolve(file));
        return Comparisons.of(s, Sweep.run(s));
    }

    @Test
    void sqaTable3WithinToleranceOnEveryRow() {
        // SQA paper (Filipek 2025), Table 3, forward pass on an A100 40GB: e.g. MHA 0.0869 s and xSQA 0.0570 s
        // at 1,024 x 128; MHA 0.3727 s and xSQA 0.1348 s at 32,768 x 4; MHA 2.8734 s and xSQA 0.8194 s at
        // 200,000 x 1. The 4,096 x 32 and 131,072 x 1 rows (MHA 0.1114 s and 1.2648 s, xSQA 0.0637 s and
        // 0.3759 s) come from the author's note in RxAI-dev/RxNN, docs/research/sparse_query_attention.md.
        List<Comparison> all = compare("sqa-paper.yaml");
        assertEquals(30, all.size());
        for (Comparison c : all) {
            String at = c.published().variant() + " at " + c.published().seqLen();
            assertTrue(Math.abs(c.error()) <= 0.25, () -> at + ": time error " + c.error());
            assertTrue(Math.abs(c.speedupError()) <= 0.10, () -> at + ": speed-up error " + c.speedupError());
        }
    }

    @Test
    void sqaOnAnH100WithinTolerance() {
        // The SQA author's note (RxAI-dev/RxNN, docs/research/sparse_query_attention.md, "Bonus Flex vs xSQA"):
        // xSQA's forward pass at 500,000 tokens, batch 1, on an H100: 2.5752 s per step.
        List<Comparison> h100 = compare("sqa-h100.yaml");
        assertEquals(1, h100.size());
        assertEquals(2.5752, h100.get(0).published().seconds(), 1e-12);
        assertTrue(Math.abs(h100.get(0).error()) <= 0.25, () -> "error " + h100.get(0).error());
    }

    @Test
    void sqaTable3RanksTheVariantsAsPublished() {
        // At every published shape the predicted order of the six variants is the published one:
        // xSQA < SQA < sSQA < MQA <= GQA <= MHA in time.
        List<Comparison> all = compare("sqa-paper.yaml");
        for (int row = 0; row < 5; row++) {
            List<Comparison> shape = all.subList(row * 6, row * 6 + 6);
            for (int i = 0; i + 1 < 3; i++) {
                assertTrue(shape.get(i).predictedSeconds() < shape.get(i + 1).predictedSeconds(),
                        shape.get(i).published().variant() + " before " + shape.get(i + 1).published().variant());
            }
            assertTrue(shape.get(2).predictedSeconds() < shape.get(3).predictedSeconds());
            assertTrue(shape.get(3).predictedSeconds() <= shape.get(5).predictedSeconds());
        }
    }

    @Test
    void sparqTable4DenseTimeWithinTolerance() {
        // SparQ paper (Ribar et al. 2024), Table 4: dense attention 49 us per sequence at batch 64, S 4096.
        Comparison dense = compare("sparq-paper.yaml").get(0);
        assertEquals("dense", dense.published().attention());
        assertEquals(49e-6, dense.published().seconds(), 1e-12);
        assertTrue(Math.abs(dense.error()) <= 0.25, () -> "dense error " + dense.error());
    }

    @Test
    void sparqTable4KStoredTwiceWithinTolerance() {
        // SparQ paper, Table 4: SparQ (Triton, K stored twice) 16 us per sequence, 3.02x over dense's 49 us
        // (3.06x from the rounded times). Goals: the time within 25%, the speed-up within 20%.
        Comparison twice = compare("sparq-paper.yaml").get(1);
        assertEquals("sparq twice", twice.published().attention());
        assertEquals(16e-6, twice.published().seconds(), 1e-12);
        assertTrue(Math.abs(twice.error()) <= 0.25, () -> "time error " + twice.error());
        assertTrue(Math.abs(twice.predictedSpeedup() / 3.02 - 1) <= 0.20, () -> "speed-up " + twice.predictedSpeedup());
    }

    @Test
    void sparqAtBatchOneLosesToDenseUpTo16k(@TempDir Path dir) throws IOException {
        // SparQ paper (Ribar et al. 2024), benchmarks: at batch 1 on the A100, SparQ was slower than dense
        // attention up to S = 16k. The bundled scenario's setup at batch 1, K stored twice, no published times:
        // slower at 4k and 16k, and (its gains growing with S) faster by 64k.
        String yaml = Files.readString(SCENARIOS.resolve("sparq-paper.yaml"))
                .replace("batch: 64", "batch: 1")
                .replace("seqLen: [2048, 4096, 8192, 16384]", "seqLen: [4096, 16384, 65536]")
                .replace("keyLayout: [twice, once]", "keyLayout: twice");
        Path file = dir.resolve("sparq-batch-1.yaml");
        Files.writeString(file, yaml.substring(0, yaml.indexOf("reference:")));
        List<ResultRow> rows = Sweep.run(ScenarioReader.read(file));
        assertEquals(6, rows.size());
        for (int i = 0; i < rows.size(); i += 2) {
            int s = rows.get(i).prediction().point().workload().seqLen();
            double dense = rows.get(i).prediction().seconds();
            double sparq = rows.get(i + 1).prediction().seconds();
            assertEquals("dense", rows.get(i).attentionKind());
            if (s <= 16384) {
                assertTrue(sparq > dense, () -> "SparQ faster than dense at " + s);
            } else {
                assertTrue(sparq < dense, () -> "SparQ slower than dense at " + s);
            }
        }
    }

    @Test
    void llamaPredictionReportsTheBudget() {
        Scenario s = ScenarioReader.read(SCENARIOS.resolve("predict-llama8b-h100.yaml"));
        assertEquals(1e12, s.tokenBudget());
        List<ResultRow> rows = Sweep.run(s);
        assertEquals(15, rows.size());
        for (ResultRow r : rows) {
            double share = r.prediction().seconds(OpGroup.ATTENTION) / r.prediction().seconds();
            assertTrue(share > 0 && share < 1);
        }
        // Attention's share of an MHA step grows with the sequence: 8k, 32k, 128k.
        double[] share = rows.stream().filter(r -> r.variant().label().equals("MHA"))
                .mapToDouble(r -> r.prediction().seconds(OpGroup.ATTENTION) / r.prediction().seconds()).toArray();
        assertTrue(share[0] < share[1] && share[1] < share[2]);
    }

    @Test
    void comparisonArithmetic() {
        ReferenceTime t = new ReferenceTime("xSQA", 1024, 128, null, 0.05);
        Comparison c = new Comparison(t, null, 0.04, 2.0, 1.8);
        assertEquals(-0.2, c.error(), 1e-12);
        assertEquals(-0.1, c.speedupError(), 1e-12);
    }
}
