package org.attnsim.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnsim.sim.scenario.ScenarioReader;
import org.attnsim.sim.scenario.Sweep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code attnsim run} end to end on the bundled scenario files. */
class RunCommandTest {

    static final Path SCENARIOS = Path.of("..", "scenarios");

    @TempDir
    Path tmp;

    @Test
    void quickstartWritesEveryFormatDeterministically() throws IOException {
        Path quickstart = SCENARIOS.resolve("quickstart.yaml");
        CliRun first = CliRun.of("run", quickstart.toString(), "-o", tmp.resolve("a").toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().contains("speed-up"), first.out());
        for (String f : List.of("report.pdf", "results.csv", "ops.csv", "results.json", "report.md",
                "speedup-h100-sxm.png", "breakdown-a100-80gb-sxm-decode.png", "roofline-h100-sxm.png",
                "memory-a100-80gb-sxm.png", "sparq-h100-sxm.png", "speedup-h100-sxm.svg",
                "breakdown-a100-80gb-sxm-decode.svg", "roofline-h100-sxm.svg", "memory-a100-80gb-sxm.svg",
                "sparq-h100-sxm.svg")) {
            assertTrue(Files.isRegularFile(tmp.resolve("a").resolve(f)), f);
        }
        assertTrue(Files.readString(tmp.resolve("a/report.pdf"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .startsWith("%PDF-"));
        int rows = Sweep.size(ScenarioReader.read(quickstart));
        List<String> csv = Files.readAllLines(tmp.resolve("a/results.csv"));
        assertEquals(rows + 1, csv.size());
        assertTrue(csv.get(0).startsWith("variant,label,attention,queryHeads,kvHeads"), csv.get(0));

        JsonNode json = new ObjectMapper().readTree(tmp.resolve("a/results.json").toFile());
        assertEquals("quickstart", json.get("scenario").asText());
        assertEquals(rows, json.get("rows").size());
        JsonNode row0 = json.get("rows").get(0);
        assertEquals(1.0, row0.get("speedup").asDouble());
        assertTrue(row0.get("ops").size() > 0);
        // The CSV's seconds are the JSON's seconds.
        String csvSeconds = csv.get(1).split(",")[headerIndex(csv.get(0), "seconds")];
        assertEquals(row0.get("seconds").asDouble(), Double.parseDouble(csvSeconds));

        String md = Files.readString(tmp.resolve("a/report.md"));
        assertTrue(md.contains("## Hardware profiles") && md.contains("NVIDIA A100 datasheet"), "sources in report");

        CliRun second = CliRun.of("run", quickstart.toString(), "-o", tmp.resolve("b").toString(), "-q");
        assertEquals(0, second.code());
        for (String f : List.of("results.csv", "ops.csv", "results.json", "report.md")) {
            assertEquals(Files.readString(tmp.resolve("a").resolve(f)), Files.readString(tmp.resolve("b").resolve(f)),
                    f + " is deterministic");
        }
    }

    @Test
    void everyBundledScenarioRuns() throws IOException {
        try (Stream<Path> files = Files.list(SCENARIOS)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                CliRun r = CliRun.of("run", f.toString(), "-o", tmp.resolve(f.getFileName().toString()).toString(), "-q");
                assertEquals(0, r.code(), f + ": " + r.err());
            }
        }
    }

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"png", "svg"})
    void aChartFormatWritesOneFileAChartAndNothingElse(String format) throws IOException {
        CliRun r = CliRun.of("run", SCENARIOS.resolve("quickstart.yaml").toString(), "-o", tmp.toString(), "-q",
                "--format", format);
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> files = Files.list(tmp)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(14, names.size(), names.toString());
            assertTrue(names.stream().allMatch(n -> n.endsWith("." + format)), names.toString());
        }
        String roofline = Files.readString(tmp.resolve("roofline-h100-sxm." + format),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(format.equals("png") ? roofline.startsWith("\u0089PNG")
                : roofline.contains("Roofline of h100-sxm (bf16)"), format);
    }

    @Test
    void aQuantisedKvCacheRunsEndToEndAndIsNamedInEveryOutput() throws IOException {
        Path yaml = tmp.resolve("fp8.yaml");
        Files.writeString(yaml, String.join("\n", "name: fp8-cache", "model: {dModel: 4096, heads: 32}",
                "variants: [mha, gqa]", "hardware: h100-sxm", "workload: {phase: decode, seqLen: 32768, batch: 8, "
                        + "kvDtype: fp8}", "scope: attention", "sparq: {r: 32, k: 128}", ""));
        CliRun r = CliRun.of("run", yaml.toString(), "-o", tmp.resolve("o").toString(), "-q", "--format", "csv,md,pdf");
        assertEquals(0, r.code(), r.err());
        List<String> csv = Files.readAllLines(tmp.resolve("o/results.csv"));
        int dtype = headerIndex(csv.get(0), "dtype");
        int kv = headerIndex(csv.get(0), "kvDtype");
        assertEquals(5, csv.size(), "MHA and GQA, dense and SparQ");
        for (String line : csv.subList(1, csv.size())) {
            assertEquals("bf16", line.split(",")[dtype]);
            assertEquals("fp8", line.split(",")[kv]);
        }
        assertTrue(Files.readString(tmp.resolve("o/report.md")).contains("dtype bf16, KV cache fp8"));
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(tmp.resolve("o/report.pdf").toFile())) {
            assertTrue(new org.apache.pdfbox.text.PDFTextStripper().getText(pdf).contains("bf16, KV cache fp8"));
        }
    }

    @Test
    void formatOptionLimitsTheFiles() {
        CliRun r = CliRun.of("run", SCENARIOS.resolve("quickstart.yaml").toString(), "-o", tmp.toString(), "-q",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(tmp.resolve("results.json")));
        assertFalse(Files.exists(tmp.resolve("results.csv")));
    }

    @Test
    void badScenarioIsOneLineExitTwoAndLeavesOutputAlone() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("results.csv"), "earlier results\n");
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(SCENARIOS.resolve("quickstart.yaml")).replace("batch: 8", "batch: -8"));
        CliRun r = CliRun.of("run", bad.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("attnsim: error: " + bad + ": workload.batch: value -8 is too small, expected a whole number >= 1",
                r.err().strip());
        assertEquals("earlier results\n", Files.readString(out.resolve("results.csv")));
        try (Stream<Path> left = Files.list(out)) {
            assertEquals(List.of(out.resolve("results.csv")), left.toList(), "no temporary files left behind");
        }
    }

    @Test
    void missingFileIsAUserError() {
        CliRun r = CliRun.of("run", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("attnsim: error: " + tmp.resolve("nope.yaml") + ": cannot read file"), r.err());
    }

    private static int headerIndex(String header, String name) {
        return List.of(header.split(",")).indexOf(name);
    }
}
