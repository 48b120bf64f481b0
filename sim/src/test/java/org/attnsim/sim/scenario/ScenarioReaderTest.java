package org.attnsim.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.sim.roofline.Term;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioReaderTest {

    static final String VALID = """
            name: t
            model: {dModel: 1024, heads: 16}
            variants: [mha, gqa, {variant: sqa, queryHeads: [4, 8], kvHeads: [2, 4]}]
            hardware: a100-40gb-sxm
            workload: {phase: [train, decode], seqLen: [1024, 4096], batch: 2}
            sparq: {r: 16, k: 256, keyLayout: [twice, once]}
            terms: {wave-quantisation: false}
            """;

    @TempDir
    Path tmp;

    @Test
    void readsAndExpandsSweeps() throws IOException {
        Scenario s = ScenarioReader.read(write(VALID));
        // sqa sweeps 4/2, 4/4, 8/2, 8/4.
        assertEquals(List.of("MHA", "GQA", "SQA 4/2", "SQA 4/4", "SQA 8/2", "SQA 8/4"),
                s.variants().stream().map(VariantChoice::label).toList());
        assertEquals(2, s.sparq().size());
        assertTrue(!s.terms().has(Term.WAVE_QUANTISATION) && s.terms().has(Term.LAUNCH_LATENCY));
        // train: 6 variants; decode: 6 x (1 dense + 2 SparQ); x 2 sequence lengths.
        assertEquals(2 * (6 + 18), Sweep.size(s));
        List<ResultRow> rows = Sweep.run(s);
        assertEquals(Sweep.size(s), rows.size());
        assertEquals(1.0, rows.get(0).speedup());
    }

    @Test
    void unknownFieldNamesFileAndPath() throws IOException {
        Path f = write(VALID.replace("batch: 2", "batch: 2, batchSize: 4"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioReader.read(f));
        assertEquals(f + ": workload.batchSize", e.where());
        assertTrue(e.allowed().contains("seqLen"));
    }

    @Test
    void wrongTypeIsRejected() throws IOException {
        Path f = write(VALID.replace("seqLen: [1024, 4096]", "seqLen: [1024, long]"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioReader.read(f));
        assertEquals(f + ": workload.seqLen[1]: 'long' is not a whole number, expected a whole number >= 1",
                e.getMessage());
    }

    @Test
    void sparqKBeyondTheCacheIsRejected() throws IOException {
        Path f = write(VALID.replace("k: 256", "k: 2048"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioReader.read(f));
        assertTrue(e.getMessage().contains("sparq k = 2048 with a KV cache of 1024"), e.getMessage());
    }

    @Test
    void otherBadInput() throws IOException {
        assertBad(VALID.replace("hardware: a100-40gb-sxm", "hardware: tpu-v9"), "hardware[0]");
        assertBad(VALID.replace("heads: 16}", "heads: 15}"), "model.heads");
        assertBad(VALID.replace("variants: [mha,", "variants: [mla,"), "variants[0]");
        assertBad(VALID.replace("seqLen: [1024, 4096]", "seqLen: [0]"), "workload.seqLen");
        assertBad(VALID + "scope: model\n", "scope");
        assertBad(VALID.replace("{wave-quantisation: false}", "{warp-speed: false}"), "terms.warp-speed");
        assertBad("name: t\nmodel: [unclosed\n", null);
    }

    private void assertBad(String text, String field) throws IOException {
        Path f = write(text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ScenarioReader.read(f));
        assertTrue(e.where().startsWith(f.toString()), e.getMessage());
        if (field != null) {
            assertEquals(f + ": " + field, e.where());
        }
    }

    private Path write(String text) throws IOException {
        Path f = tmp.resolve("scenario.yaml");
        Files.writeString(f, text);
        return f;
    }
}
