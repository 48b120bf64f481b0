package org.attnsim.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.sim.roofline.Term;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
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
    void theKvCachesTypeIsDtypeUnlessGiven() throws IOException {
        assertEquals(KvDtype.BF16, ScenarioReader.read(write(VALID)).kvDtype());
        Scenario fp8 = ScenarioReader.read(write(VALID.replace("batch: 2", "batch: 2, kvDtype: fp8")));
        assertEquals(KvDtype.FP8, fp8.kvDtype());
        assertEquals("bf16, KV cache fp8", fp8.dtypeText());
        assertTrue(Sweep.run(fp8).stream().allMatch(r -> r.prediction().point().workload().kvDtype() == KvDtype.FP8));
        assertBad(VALID.replace("batch: 2", "batch: 2, kvDtype: fp4"), "workload.kvDtype");
        // The SparQ paper's PyTorch implementation keeps its cache in the compute dtype.
        assertBad(VALID.replace("batch: 2", "batch: 2, kvDtype: int8, framework: eager"), "workload.kvDtype");
        assertBad(VALID.replace("batch: 2", "batch: 2, kvDtype: int8, algorithm: naive"), "workload.kvDtype");
    }

    @Test
    void aVariantMayDecodeFromACacheOfItsOwnType() throws IOException {
        Scenario s = ScenarioReader.read(write(VALID.replace(
                "variants: [mha, gqa, {variant: sqa, queryHeads: [4, 8], kvHeads: [2, 4]}]",
                "variants: [mha, {variant: mha, kvDtype: fp8}, {variant: gqa, kvDtype: [bf16, int8]}, "
                        + "{variant: gqa, kvDtype: fp8, label: GQA-8}]")));
        assertEquals(List.of("MHA", "MHA KV fp8", "GQA KV bf16", "GQA KV int8", "GQA-8"),
                s.variants().stream().map(VariantChoice::label).toList());
        assertEquals(Arrays.asList(null, KvDtype.FP8, KvDtype.BF16, KvDtype.INT8, KvDtype.FP8),
                s.variants().stream().map(VariantChoice::kvDtype).toList());
        List<ResultRow> rows = Sweep.run(s);
        for (ResultRow r : rows) {
            assertEquals(r.variant().kvDtypeOr(KvDtype.BF16), r.prediction().point().workload().kvDtype(),
                    r.variant().label());
        }
        // The first rows are training at S 1024: no KV cache, so MHA's time is MHA KV fp8's. Decoding (dense, at the
        // same S) reads the cache, 2 bytes an element less in fp8: K and V of 2 sequences x 16 heads x 1,024 positions
        // x d 64, and the new token's row appended.
        assertEquals(rows.get(0).prediction().seconds(), rows.get(1).prediction().seconds());
        List<ResultRow> decode = rows.stream().filter(r -> r.prediction().point().workload().phase() == Phase.DECODE
                && r.prediction().point().sparq() == null && r.prediction().point().workload().seqLen() == 1024)
                .toList();
        assertEquals("MHA KV fp8", decode.get(1).variant().label());
        assertEquals(2.0 * 2 * 16 * 1025 * 64, decode.get(0).prediction().deviceBytes()
                - decode.get(1).prediction().deviceBytes());
        assertTrue(decode.get(1).speedup() > 1, "speed-up " + decode.get(1).speedup());
        assertBad(VALID.replace("variants: [mha, gqa,", "variants: [mha, {variant: gqa, kvDtype: fp4},"),
                "variants[1].kvDtype");
        assertBad(VALID.replace("variants: [mha, gqa,", "variants: [mha, {variant: gqa, kvDtype: fp8},")
                .replace("batch: 2", "batch: 2, algorithm: naive"), "variants[1].kvDtype");
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

    @Test
    void shapesFrameworkDropoutAndReference() throws IOException {
        String text = """
                name: t
                model: {dModel: 256, heads: 16}
                variants: [mha, xsqa]
                hardware: a100-40gb-sxm
                workload:
                  phase: forward
                  shapes: [{seqLen: 1024, batch: 128}, {seqLen: 32768, batch: 4}]
                  framework: eager
                  attentionDropout: 0.1
                reference:
                  source: test
                  times:
                    - {variant: xSQA, seqLen: 1024, batch: 128, seconds: 57 ms}
                    - {variant: MHA, seqLen: 1024, batch: 128, seconds: 0.0869}
                tokenBudget: 1e9
                """;
        Scenario s = ScenarioReader.read(write(text));
        assertEquals(List.of(new Shape(1024, 128), new Shape(32768, 4)), s.shapes());
        assertEquals(0.1, s.attentionDropout());
        assertEquals(0.057, s.reference().times().get(0).seconds(), 1e-12);
        List<Comparison> c = Comparisons.of(s, Sweep.run(s));
        assertEquals(2, c.size());
        assertEquals(0.0869 / 0.057, c.get(0).publishedSpeedup(), 1e-12);

        assertBad(text.replace("seqLen: 1024, batch: 128, seconds: 57 ms", "seqLen: 2048, batch: 128, seconds: 57 ms"),
                "reference.times[0]");
        assertBad(text.replace("{variant: xSQA,", "{variant: XSQA,"), "reference.times[0].variant");
        assertBad(text.replace("attentionDropout: 0.1", "attentionDropout: 1.5"), "workload.attentionDropout");
        assertBad(text.replace("framework: eager", "framework: jax"), "workload.framework");
        assertBad(text.replace("  framework: eager", "  framework: eager\n  seqLen: 4096"), "workload.shapes");
        assertBad(text.replace("seconds: 0.0869", "seconds: -1"), "reference.times[1].seconds");
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
