package org.attnsim.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.attnsim.kernels.device.HostLoad;
import org.attnsim.kernels.device.OpenClDevices;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnsim devices}, {@code calibrate} and {@code validate} end to end on the real OpenCL device. */
class ValidateCommandTest {

    @TempDir
    Path tmp;

    static void requireOpenCl() {
        if (OpenClDevices.all().isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but no OpenCL device: .ci/run must install PoCL");
            }
            Assumptions.abort("no OpenCL device");
        }
    }

    @Test
    void devicesListsTheOpenClDevice() {
        requireOpenCl();
        CliRun r = CliRun.of("devices");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(OpenClDevices.all().get(0).getName().trim()), r.out());
    }

    @Test
    void calibrateThenValidateQuick() throws IOException {
        requireOpenCl();
        Path profile = tmp.resolve("me.yaml");
        CliRun cal = CliRun.of("calibrate", "--quick", "-o", profile.toString());
        assertEquals(0, cal.code(), cal.err());
        String yaml = Files.readString(profile);
        assertTrue(yaml.contains("measured on"), "figures say they were measured");
        // Every device's calibration times its decoding loop a tile at a time, one head and each further head.
        assertTrue(yaml.contains("decodeTile:") && yaml.contains("furtherHead:"), yaml);
        assertTrue(cal.out().contains("decoding loop ") && cal.out().contains(" for each further head"), cal.out());
        // Where /proc/stat is read (Linux), the profile and the summary say how busy other processes kept the host.
        boolean procStat = HostLoad.now().isPresent();
        assertEquals(procStat, cal.out().contains("while calibrating, other processes kept "), cal.out());
        assertEquals(procStat, yaml.contains("by attnsim calibrate (while it ran, other processes kept "), yaml);
        // A CPU's calibration times SparQ's scores at 1, 2, 4 and 8 heads a KV head, K stored once and twice.
        boolean cpu = OpenClDevices.all().get(0).getType() == Device.TYPE.CPU;
        assertEquals(cpu, yaml.contains("onceScoresArithmetic:\n  heads1: ") && yaml.contains("  heads8: "), yaml);
        assertEquals(cpu, yaml.contains("twiceScoresArithmetic:\n  heads1: "), yaml);
        assertEquals(cpu, cal.out().contains("SparQ's K-once scores' arithmetic over the model's count: "), cal.out());
        assertEquals(cpu, cal.out().contains("SparQ's K-twice scores' arithmetic over the model's count: "), cal.out());
        // And on a CPU the decoding loop and the K-once step at the other head sizes (CalibrationScope.OTHER_LENGTHS).
        assertEquals(cpu, yaml.contains("  rows96:\n    oneHead: ") && yaml.contains("  rows256:\n"), yaml);
        assertEquals(cpu, yaml.contains("  d96heads4: "), yaml);
        assertEquals(cpu, cal.out().contains(" heads a KV head, d 96"), cal.out());

        CliRun v = CliRun.of("validate", "../scenarios/validate-quick.yaml", "--quick", "--profile", profile.toString(),
                "-o", tmp.resolve("v").toString(), "--format", "json");
        assertEquals(0, v.code(), v.err());
        // calibrate's profile holds everything a cross-check's points are priced with.
        assertFalse(v.err().contains("the profile has no"), v.err());
        JsonNode rows = new ObjectMapper().readTree(v.out());
        assertEquals(8, rows.size());
        for (JsonNode row : rows) {
            for (String key : List.of("variant", "phase", "seqLen", "batch", "predictedSeconds", "measuredSeconds",
                    "device")) {
                assertTrue(row.has(key), key);
            }
            assertTrue(row.get("measuredSeconds").asDouble() > 0);
            assertEquals(OpenClDevices.all().get(0).getName().trim(), row.get("device").asText());
        }
        // The baseline has no interval of its own; every other point's speed-up lies inside its interval.
        int intervals = 0;
        for (JsonNode row : rows) {
            if (!row.get("measuredSpeedupLow").isNull()) {
                double speedup = row.get("measuredSpeedup").asDouble();
                assertTrue(row.get("measuredSpeedupLow").asDouble() <= speedup, row.toString());
                assertTrue(speedup <= row.get("measuredSpeedupHigh").asDouble(), row.toString());
                intervals++;
            }
        }
        assertEquals(6, intervals, "8 points, a baseline in each of the 2 cells");
        // Each phase ran in a set of rounds of its own: its points have the same repeats and the same triad beside
        // them, and rounds.csv a row for each of its points and microbenchmarks in each of its rounds (a gather too on
        // a CPU), the forward cell's set first, as the scenario lists the phases.
        List<String> rounds = Files.readAllLines(tmp.resolve("v").resolve("rounds.csv"));
        assertEquals("set,round,what,seconds,rate,rateUnit", rounds.get(0));
        List<String> phases = List.of("forward", "decode");
        for (int set = 1; set <= phases.size(); set++) {
            String phase = phases.get(set - 1);
            List<JsonNode> ofPhase = new ArrayList<>();
            rows.forEach(r -> {
                if (r.get("phase").asText().equals(phase)) {
                    ofPhase.add(r);
                }
            });
            assertEquals(4, ofPhase.size(), phase);
            for (JsonNode row : ofPhase) {
                assertEquals(ofPhase.get(0).get("repeats").asInt(), row.get("repeats").asInt(), row.toString());
                assertEquals(ofPhase.get(0).get("triadBesideBytesPerSecond").asDouble(),
                        row.get("triadBesideBytesPerSecond").asDouble(), row.toString());
            }
            int repeats = ofPhase.get(0).get("repeats").asInt();
            String prefix = set + ",";
            String point = phase.equals("forward") ? ",MHA dense forward S 1024 batch 1,"
                    : ",xSQA dense decode S 16384 batch 4,";
            for (String what : List.of(point, ",triad,", ",row updates,", ",overlap exponent,")) {
                assertEquals(repeats, rounds.stream().filter(r -> r.startsWith(prefix) && r.contains(what)).count(),
                        phase + what);
            }
            assertEquals(cpu ? repeats : 0, rounds.stream().filter(r -> r.startsWith(prefix)
                    && r.contains(",gather,")).count());
        }
        assertEquals(0, rounds.stream().filter(r -> r.startsWith("3,")).count(), "two phases, two sets");
        for (String f : List.of("validation.csv", "validation.json", "validation.md", "report.pdf",
                "measured-vs-predicted.png", "speedups-measured.png", "measured-vs-predicted.svg",
                "speedups-measured.svg")) {
            assertTrue(Files.isRegularFile(tmp.resolve("v").resolve(f)), f);
        }
        assertTrue(Files.notExists(tmp.resolve("v").resolve("stages.csv")), "one-kernel points have no stages");

        // SparQ runs in three stages: what each adds to the step is set against the op that predicts it.
        Path sparq = tmp.resolve("sparq.yaml");
        Files.writeString(sparq, String.join("\n", "name: sparq-stages", "model: {dModel: 256, heads: 4}",
                "variants: [mha]", "hardware: cpu-server-64c",
                "workload: {phase: decode, seqLen: 2048, batch: 2, dtype: fp32}", "scope: attention",
                "sparq: {r: 16, k: 64, keyLayout: [twice]}", ""));
        CliRun sv = CliRun.of("validate", sparq.toString(), "--quick", "--profile", profile.toString(), "-o",
                tmp.resolve("s").toString(), "--format", "json");
        assertEquals(0, sv.code(), sv.err());
        JsonNode sparqRows = new ObjectMapper().readTree(sv.out());
        assertEquals(2, sparqRows.size());
        assertTrue(!sparqRows.get(0).has("stages"), "the dense point is one kernel");
        JsonNode stages = sparqRows.get(1).get("stages");
        assertEquals(3, stages.size());
        List<String> names = List.of("sparq approx scores", "sparq top-k", "sparq exact attention");
        double sum = 0;
        double predicted = 0;
        for (int i = 0; i < 3; i++) {
            assertEquals(names.get(i), stages.get(i).get("stage").asText());
            // A later stage's time is a difference of two cuts' times: where it is small beside their noise
            // (the top-k at this size: 20-100 us, each cut timed cold) its median can come out at or below 0.
            assertTrue(Double.isFinite(stages.get(i).get("measuredSeconds").asDouble()));
            sum += stages.get(i).get("measuredSeconds").asDouble();
            assertTrue(stages.get(i).get("predictedSeconds").asDouble() > 0);
            predicted += stages.get(i).get("predictedSeconds").asDouble();
        }
        // What the stages add to the predicted step is the step.
        assertEquals(sparqRows.get(1).get("predictedSeconds").asDouble(), predicted, 1e-9 * predicted);
        assertTrue(stages.get(0).get("measuredSeconds").asDouble() > 0, "the first cut is the scores stage itself");
        assertTrue(sum > 0, "the stages add up to a step");
        List<String> csv = Files.readAllLines(tmp.resolve("s").resolve("stages.csv"));
        assertEquals(4, csv.size(), "header and three stages");
        assertTrue(Files.readString(tmp.resolve("s").resolve("validation.md")).contains("## Stage by stage"));
        assertEquals(procStat, Files.readString(tmp.resolve("s").resolve("validation.md"))
                .contains("While the cross-check ran, other processes kept "));
        try (PDDocument pdf = Loader.loadPDF(tmp.resolve("s").resolve("report.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertEquals(procStat, text.contains("While the cross-check ran, other processes kept "), text);
        }

        // Two runs: each its own folder, and side by side each point's errors in run order and their median.
        Path twice = tmp.resolve("r");
        CliRun rv = CliRun.of("validate", sparq.toString(), "--quick", "--profile", profile.toString(), "--repeat", "2",
                "-o", twice.toString());
        assertEquals(0, rv.code(), rv.err());
        assertTrue(rv.out().contains("run 2: prediction error: median |error|"), rv.out());
        assertEquals(procStat, rv.out().contains("run 2: While the cross-check ran, other processes kept "), rv.out());
        assertTrue(rv.out().contains("2 runs: median |error| within 15% in "), rv.out());
        JsonNode repeated = new ObjectMapper().readTree(twice.resolve("repeats.json").toFile());
        assertEquals(2, repeated.size());
        JsonNode first = new ObjectMapper().readTree(twice.resolve("run-1/validation.json").toFile()).get(1);
        JsonNode second = new ObjectMapper().readTree(twice.resolve("run-2/validation.json").toFile()).get(1);
        JsonNode both = repeated.get(1);
        assertEquals(2, both.get("runs").asInt());
        double e1 = first.get("speedupError").asDouble();
        double e2 = second.get("speedupError").asDouble();
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f %.4f", e1, e2), both.get("speedupErrorByRun").asText());
        assertEquals((e1 + e2) / 2, both.get("speedupErrorMedian").asDouble(), 1e-12);
        assertEquals(Math.min(e1, e2), both.get("speedupErrorMin").asDouble(), 1e-12);
        assertTrue(repeated.get(0).get("speedupErrorMedian").isNull(), "the baseline has no speed-up error");
        for (String f : List.of("repeats.md", "repeats.csv", "repeats.json", "repeats.pdf", "speedup-errors-by-run.png",
                "speedup-errors-by-run.svg", "run-1/report.pdf", "run-1/speedups-measured.svg", "run-2/report.pdf",
                "run-2/stages.csv")) {
            assertTrue(Files.isRegularFile(twice.resolve(f)), f);
        }
        assertTrue(Files.notExists(twice.resolve("run-1/calibrated-profile.yaml")), "a given profile is not rewritten");
        assertTrue(Files.readString(twice.resolve("repeats.md")).contains("## Point by point, over the runs"));

        // A variant of its own with an int8 cache: its points run the device's int8 kernel, and the rows say the cache.
        Path int8 = tmp.resolve("int8.yaml");
        Files.writeString(int8, String.join("\n", "name: kv-int8", "model: {dModel: 256, heads: 4}",
                "variants: [mha, {variant: mha, kvDtype: int8}]", "hardware: cpu-server-64c",
                "workload: {phase: decode, seqLen: 4096, batch: 2, dtype: fp32}", "scope: attention", ""));
        CliRun iv = CliRun.of("validate", int8.toString(), "--quick", "--profile", profile.toString(), "-o",
                tmp.resolve("i").toString(), "--format", "json");
        assertEquals(0, iv.code(), iv.err());
        JsonNode int8Rows = new ObjectMapper().readTree(iv.out());
        assertEquals(List.of("MHA fp32", "MHA KV int8 int8"), List.of(
                int8Rows.get(0).get("label").asText() + " " + int8Rows.get(0).get("kvDtype").asText(),
                int8Rows.get(1).get("label").asText() + " " + int8Rows.get(1).get("kvDtype").asText()));
        assertTrue(int8Rows.get(1).get("measuredSeconds").asDouble() > 0);
        // A quarter of the cache's bytes: the model predicts the int8 step the faster.
        assertTrue(int8Rows.get(1).get("predictedSpeedup").asDouble() > 1, int8Rows.toString());

        CliRun bench = CliRun.of("kernel-bench", "--quick", "--profile", profile.toString(), "--forward-seq", "256",
                "--decode-seq", "2048", "--decode-batch", "2");
        assertEquals(0, bench.code(), bench.err());
        for (String line : List.of("forward MHA S 256 d 64 causal", "dense decode MHA S 2048 B 2", "triad beside them",
                "SparQ K twice r 16 k 128", "SparQ decode, the same step", "sparq top-k")) {
            assertTrue(bench.out().contains(line), line + " in\n" + bench.out());
        }
        assertTrue(bench.out().contains(OpenClDevices.all().get(0).getName().trim()), "names the device that ran");
        assertEquals(procStat, bench.out().contains("while the kernels ran, other processes kept "), bench.out());
        assertTrue(bench.out().contains("; the kernels below timed by the host's wall clock")
                || bench.out().contains("; the kernels below timed by the device's"), bench.out());
        assertTrue(Pattern.compile("\\d+\\.\\d\\dx dense \\(\\d+\\.\\d\\dx \\.\\. \\d+\\.\\d\\dx\\)")
                .matcher(bench.out()).find(), "the speed-up with its interval in\n" + bench.out());
        // At d_head 128 (Llama's): the wide-row decoding kernel and r 32, the columns read in passes.
        CliRun wide = CliRun.of("kernel-bench", "--quick", "--profile", profile.toString(), "--forward-seq", "256",
                "--decode-seq", "2048", "--decode-batch", "1", "--head-dim", "128");
        assertEquals(0, wide.code(), wide.err());
        // The paper's ratio by hand: (2 S d + 2 d) / (S r + 2 k d + 4 d) = 524,544 / 98,816 at S 2048, d 128, r 32.
        for (String line : List.of("forward MHA S 256 d 128 causal", "dense decode MHA S 2048 B 1",
                "SparQ K twice r 32 k 128", "transfer ratio 5.31x")) {
            assertTrue(wide.out().contains(line), line + " in\n" + wide.out());
        }
    }

    @Test
    void aHeadDimensionThatIsNotAMultipleOfFourIsAUserErrorBeforeAnythingRuns() {
        CliRun r = CliRun.of("kernel-bench", "--head-dim", "30");
        assertEquals(2, r.code());
        assertEquals("attnsim: error: --head-dim: value 30 is not allowed, must be a multiple of 4 from 4 to 256 "
                + "(SparQ's r is a quarter of it)", r.err().strip());
        assertTrue(r.out().isEmpty(), r.out());
    }

    @Test
    void nonKernelScenarioIsAUserError() {
        CliRun r = CliRun.of("validate", "../scenarios/quickstart.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("attnsim: error: ../scenarios/quickstart.yaml: scope: validate runs the attention "
                + "core only"), r.err());
    }

    @Test
    void aKvCacheTypeWithoutAKernelIsAUserErrorBeforeAnythingRuns() throws IOException {
        Path scenario = tmp.resolve("fp8.yaml");
        Files.writeString(scenario, Files.readString(Path.of("../scenarios/validate-quick.yaml"))
                .replace("dtype: fp32", "dtype: fp32\n  kvDtype: bf16"));
        Path dir = tmp.resolve("never");
        CliRun r = CliRun.of("validate", scenario.toString(), "-o", dir.toString());
        assertEquals(2, r.code());
        assertEquals("attnsim: error: " + scenario + ": workload.kvDtype: the kernels keep the KV cache in fp32, "
                + "int8 or fp8, not bf16, allowed: fp32, int8, fp8", r.err().strip());
        assertTrue(Files.notExists(dir));
    }

    @Test
    void aTimeBudgetThatIsNotPositiveIsAUserErrorBeforeAnythingRuns() {
        Path dir = tmp.resolve("never");
        CliRun r = CliRun.of("validate", "../scenarios/validate-quick.yaml", "--seconds", "0", "-o", dir.toString());
        assertEquals(2, r.code());
        assertEquals("attnsim: error: --seconds: value 0.0 is out of range, must be above 0 and at most 3600.0",
                r.err().strip());
        assertTrue(Files.notExists(dir));
    }

    @Test
    void aRepeatOutsideItsRangeIsAUserErrorBeforeAnythingRuns() {
        Path dir = tmp.resolve("never");
        CliRun r = CliRun.of("validate", "../scenarios/validate-quick.yaml", "--repeat", "0", "-o", dir.toString());
        assertEquals(2, r.code());
        assertEquals("attnsim: error: --repeat: value 0 is out of range, must be from 1 to 100", r.err().strip());
        assertTrue(Files.notExists(dir));
    }

    @Test
    void anOutputFolderThatCannotBeWrittenIsAUserErrorBeforeAnythingIsMeasured() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "where the output folder would go");
        Path dir = file.resolve("out");
        CliRun v = CliRun.of("validate", "../scenarios/validate-quick.yaml", "-o", dir.toString());
        assertEquals(2, v.code());
        assertEquals("attnsim: error: " + dir + ": cannot create the output folder (" + file + " is not a folder), "
                + "choose a writable folder with -o", v.err().strip());
        CliRun c = CliRun.of("calibrate", "-o", dir.resolve("profile.yaml").toString());
        assertEquals(2, c.code());
        assertEquals("attnsim: error: " + dir + ": cannot create the output folder (" + file + " is not a folder), "
                + "choose a writable folder with -o", c.err().strip());
        assertTrue(c.out().isEmpty(), "nothing calibrated: " + c.out());
    }
}
