package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileReaderTest {

    @TempDir
    Path tmp;

    @Test
    void everyBundledProfileLoadsWithSourcesAndDatasheetFigures() {
        assertEquals(HardwareCatalog.BUNDLED_IDS.size(), HardwareCatalog.bundled().size());
        HardwareProfile a100 = HardwareCatalog.resolve("a100-40gb-sxm", "test", null);
        // NVIDIA A100 datasheet: 108 SMs, 312 TFLOP/s dense bf16, 1,555 GB/s (HARDWARE.md).
        assertEquals(108, a100.units());
        assertEquals(312e12, a100.matrixPeak(Dtype.BF16), 1);
        assertEquals(1555e9, a100.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        // 16 exponentials per SM per clock x 108 x 1.41 GHz = 2.436e12 /s.
        assertEquals(16 * 108 * 1.41e9, a100.exponentialsPerSecond().value(), 0.001e12);
        HardwareProfile h100 = HardwareCatalog.resolve("h100-sxm", "test", null);
        assertEquals(132, h100.units());
        assertEquals(989.4e12, h100.matrixPeak(Dtype.BF16), 1);
        assertEquals(3350e9, h100.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        // NVIDIA H200 datasheet: the H100 SXM5's GH100 with 141 GB of HBM3e at 4.8 TB/s; FP32 67 TFLOP/s is
        // 132 SMs x 128 lanes x 2 FLOPs x 1.98 GHz.
        HardwareProfile h200 = HardwareCatalog.resolve("h200-sxm", "test", null);
        assertEquals(h100.units(), h200.units());
        assertEquals(h100.matrixPeak(Dtype.BF16), h200.matrixPeak(Dtype.BF16));
        assertEquals(132 * 128 * 2 * 1.98e9, h200.vectorFlopsPerSecond().value(), 0.01e12);
        assertEquals(4800e9, h200.deviceMemory().bandwidthBytesPerSecond().value(), 1);
        assertEquals(141e9, h200.deviceMemory().capacityBytes().value(), 1);
        for (HardwareProfile p : HardwareCatalog.bundled()) {
            assertFalse(p.parallelUnits().source().isBlank());
            assertEquals("bundled", p.origin());
        }
    }

    @Test
    void userFileLoadsByPath() throws IOException {
        Path file = tmp.resolve("mine.yaml");
        Files.writeString(file, bundledText("h100-pcie").replace("id: h100-pcie", "id: my-gpu"));
        HardwareProfile p = HardwareCatalog.resolve(file.toString(), "--hardware", null);
        assertEquals("my-gpu", p.id());
        assertEquals(file.toString(), p.origin());
    }

    @Test
    void missingFigureNamesFileAndField() throws IOException {
        String text = bundledText("a100-40gb-sxm").replaceAll("(?m)^vectorRate:.*\\n", "");
        InvalidInputException e = read(text);
        assertEquals("bad.yaml: vectorRate: missing field, this field is required", e.getMessage());
    }

    @Test
    void negativeFigureIsRejected() throws IOException {
        String text = bundledText("a100-40gb-sxm").replace("value: 1555 GB/s", "value: -1555 GB/s");
        InvalidInputException e = read(text);
        assertTrue(e.getMessage().startsWith("bad.yaml: deviceMemory.bandwidth.value:"), e.getMessage());
        assertTrue(e.getMessage().contains("positive"), e.getMessage());
    }

    @Test
    void figureWithoutSourceIsRejected() throws IOException {
        String text = bundledText("a100-40gb-sxm").replaceFirst(
                "clock: \\{value: 1.41 GHz, source: \"[^\"]*\"\\}", "clock: {value: 1.41 GHz}");
        InvalidInputException e = read(text);
        assertEquals("bad.yaml: clock.source", e.where());
    }

    @Test
    void unknownFieldListsKnownOnes() throws IOException {
        InvalidInputException e = read(bundledText("a100-40gb-sxm") + "turbo: true\n");
        assertEquals("bad.yaml: turbo", e.where());
        assertTrue(e.allowed().contains("deviceMemory"), e.allowed());
    }

    @Test
    void efficiencyAboveOneIsRejected() throws IOException {
        String text = bundledText("a100-40gb-sxm").replace("matrix: {value: 0.80", "matrix: {value: 1.7");
        assertEquals("bad.yaml: efficiency.matrix.value", read(text).where());
    }

    @Test
    void measuredCpuRatesAreOptionalAndRoundTrip() throws IOException {
        HardwareProfile bundled = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        assertTrue(bundled.dependentFlopsPerSecond().isEmpty());
        assertTrue(bundled.pageRunBytesPerSecond().isEmpty());
        assertTrue(bundled.unitBytesPerSecond().isEmpty());
        assertTrue(bundled.unitPageRunBytesPerSecond().isEmpty());
        assertTrue(bundled.launchAfterWorkSeconds().isEmpty());
        assertTrue(bundled.opStartAfterWorkSeconds().isEmpty());
        assertTrue(bundled.scalarOpsPerSecond().isEmpty());
        assertTrue(bundled.scalarExponentialsPerSecond().isEmpty());
        assertTrue(bundled.overlapExponent().isEmpty());
        assertTrue(bundled.gatherLinesInFlight().isEmpty());
        assertTrue(bundled.stageStartAfterWorkSeconds().isEmpty());
        String text = bundledText("cpu-server-64c") + "dependentFmaRate: {value: 3.5 GFLOP/s, source: \"measured\"}\n"
                + "overlapExponent: {value: 3.25, source: \"measured\"}\n"
                + "gatherLinesInFlight: {value: 9.5, source: \"measured\"}\n"
                + "pageRunBandwidth: {value: 12 GB/s, source: \"measured\"}\n"
                + "unitBandwidth: {value: 27 GB/s, source: \"measured\"}\n"
                + "unitPageRunBandwidth: {value: 8.8 GB/s, source: \"measured\"}\n"
                + "launchLatencyAfterWork: {value: 70 us, source: \"measured\"}\n"
                + "opStartAfterWork: {value: 25 us, source: \"measured\"}\n"
                + "stageStartAfterWork: {value: 12 us, source: \"measured\"}\n"
                + "scalarRate: {value: 6.2 Gop/s, source: \"measured\"}\n"
                + "scalarExpRate: {value: 0.3 Gexp/s, source: \"measured\"}\n";
        HardwareProfile p = ProfileReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "cpu.yaml",
                "cpu.yaml");
        assertEquals(3.5e9, p.dependentFlopsPerSecond().orElseThrow().value(), 1);
        assertEquals(12e9, p.pageRunBytesPerSecond().orElseThrow().value(), 1);
        assertEquals(27e9, p.unitBytesPerSecond().orElseThrow().value(), 1);
        assertEquals(8.8e9, p.unitPageRunBytesPerSecond().orElseThrow().value(), 1);
        assertEquals(70e-6, p.launchAfterWorkSeconds().orElseThrow().value(), 1e-12);
        assertEquals(25e-6, p.opStartAfterWorkSeconds().orElseThrow().value(), 1e-12);
        assertEquals(12e-6, p.stageStartAfterWorkSeconds().orElseThrow().value(), 1e-12);
        assertEquals(6.2e9, p.scalarOpsPerSecond().orElseThrow().value(), 1);
        assertEquals(0.3e9, p.scalarExponentialsPerSecond().orElseThrow().value(), 1);
        assertEquals(3.25, p.overlapExponent().orElseThrow().value(), 0);
        assertEquals(9.5, p.gatherLinesInFlight().orElseThrow().value(), 0);
        String written = ProfileWriter.yaml(p, "round trip");
        assertEquals(p, ProfileReader.read(new ByteArrayInputStream(written.getBytes(StandardCharsets.UTF_8)), "w",
                "cpu.yaml"));
        // A calibration that found no op start beyond the waking writes 0, and reads it back.
        String none = bundledText("cpu-server-64c") + "opStartAfterWork: {value: 0.0 s, source: x}\n";
        assertEquals(0, ProfileReader.read(new ByteArrayInputStream(none.getBytes(StandardCharsets.UTF_8)), "cpu.yaml",
                "cpu.yaml").opStartAfterWorkSeconds().orElseThrow().value());
        String zero = bundledText("cpu-server-64c") + "dependentFmaRate: {value: 0 FLOP/s, source: \"x\"}\n";
        assertEquals("bad.yaml: dependentFmaRate.value", read(zero).where());
        // Below 1 the two times add and the memory runs at that fraction of its bandwidth; 0 or less means nothing.
        String half = bundledText("cpu-server-64c") + "overlapExponent: {value: 0.5, source: x}\n";
        assertEquals(0.5, ProfileReader.read(new ByteArrayInputStream(half.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml").overlapExponent().orElseThrow().value());
        InvalidInputException zeroExponent = read(bundledText("cpu-server-64c")
                + "overlapExponent: {value: 0, source: x}\n");
        assertEquals("bad.yaml: overlapExponent.value", zeroExponent.where());
        assertTrue(zeroExponent.allowed().contains("positive"), zeroExponent.allowed());
    }

    @Test
    void onceScoresCasesAreNamedByTheirHeads() throws IOException {
        String two = bundledText("cpu-server-64c") + "onceScoresArithmetic:\n  heads4: {value: 1.0, source: x}\n"
                + "  heads2: {value: 1.5, source: y}\n";
        ScoresArithmetic once = ProfileReader.read(new ByteArrayInputStream(two.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml").onceScoresArithmetic().orElseThrow();
        assertEquals(List.of(2, 4), once.cases().stream().map(ScoresArithmetic.Case::heads).toList());
        InvalidInputException named = read(bundledText("cpu-server-64c")
                + "onceScoresArithmetic:\n  four: {value: 1.0, source: x}\n");
        assertEquals("bad.yaml: onceScoresArithmetic.four", named.where());
        assertTrue(named.allowed().contains("headsN"), named.allowed());
        InvalidInputException none = read(bundledText("cpu-server-64c")
                + "onceScoresArithmetic:\n  heads0: {value: 1.0, source: x}\n");
        assertEquals("bad.yaml: onceScoresArithmetic.heads0", none.where());
        InvalidInputException zero = read(bundledText("cpu-server-64c")
                + "onceScoresArithmetic:\n  heads1: {value: 0, source: x}\n");
        assertEquals("bad.yaml: onceScoresArithmetic.heads1.value", zero.where());
        // Other head sizes name theirs; headsN is d 64's, so d64heads4 beside heads4 is the same case twice.
        String byDim = bundledText("cpu-server-64c") + "onceScoresArithmetic:\n  d128heads4: {value: 1.6, source: z}\n"
                + "  heads4: {value: 1.0, source: x}\n  d96heads4: {value: 2.4, source: y}\n";
        ScoresArithmetic read = ProfileReader.read(new ByteArrayInputStream(byDim.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml").onceScoresArithmetic().orElseThrow();
        assertEquals(List.of(64, 96, 128), read.cases().stream().map(ScoresArithmetic.Case::headDim).toList());
        assertEquals(2.4, read.factor(4, 96), 1e-12);
        InvalidInputException twice = read(bundledText("cpu-server-64c")
                + "onceScoresArithmetic:\n  heads4: {value: 1.0, source: x}\n  d64heads4: {value: 1.1, source: y}\n");
        assertEquals("bad.yaml: onceScoresArithmetic.d64heads4", twice.where());
        InvalidInputException noDim = read(bundledText("cpu-server-64c")
                + "onceScoresArithmetic:\n  d0heads4: {value: 1.0, source: x}\n");
        assertEquals("bad.yaml: onceScoresArithmetic.d0heads4", noDim.where());
    }

    @Test
    void forwardCasesAreNamedByTheirHeadDimension() throws IOException {
        String two = bundledText("cpu-server-64c") + "forwardArithmetic:\n  headDim128: {value: 0.95, source: x}\n"
                + "  headDim32: {value: 1.12, source: y}\n";
        ForwardArithmetic forward = ProfileReader.read(new ByteArrayInputStream(two.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml").forwardArithmetic().orElseThrow();
        assertEquals(List.of(32, 128), forward.cases().stream().map(ForwardArithmetic.Case::headDim).toList());
        InvalidInputException named = read(bundledText("cpu-server-64c")
                + "forwardArithmetic:\n  heads4: {value: 1.0, source: x}\n");
        assertEquals("bad.yaml: forwardArithmetic.heads4", named.where());
        assertTrue(named.allowed().contains("headDimN"), named.allowed());
        InvalidInputException negative = read(bundledText("cpu-server-64c")
                + "forwardArithmetic:\n  headDim64: {value: -1, source: x}\n");
        assertEquals("bad.yaml: forwardArithmetic.headDim64.value", negative.where());
        InvalidInputException twice = read(bundledText("cpu-server-64c")
                + "forwardArithmetic:\n  headDim64: {value: 1, source: x}\n  headDim064: {value: 1, source: y}\n");
        assertEquals("bad.yaml: forwardArithmetic.headDim064", twice.where());
        assertTrue(HardwareCatalog.resolve("cpu-server-64c", "t", null).forwardArithmetic().isEmpty());
    }

    @Test
    void aDecodingTilesOtherRowsAreNamedByTheirLength() throws IOException {
        String tile = bundledText("cpu-server-64c") + "decodeTile:\n  oneHead: {value: 8e-7 s, source: x}\n"
                + "  furtherHead: {value: 7e-7 s, source: x}\n";
        String two = tile + "  rows128:\n    oneHead: {value: 1.4e-6 s, source: y}\n"
                + "    furtherHead: {value: 1.1e-6 s, source: y}\n    overlapExponent: {value: 3.2, source: y}\n"
                + "  rows96:\n    oneHead: {value: 1.0e-6 s, source: z}\n"
                + "    furtherHead: {value: 1.2e-6 s, source: z}\n";
        DecodeTile read = ProfileReader.read(new ByteArrayInputStream(two.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml").decodeTile().orElseThrow();
        assertEquals(List.of(96, 128), read.otherRows().stream().map(DecodeTileRows::rowFloats).toList());
        assertEquals(3.2, read.otherRows().get(1).overlapExponent().orElseThrow().value(), 1e-12);
        assertTrue(read.otherRows().get(0).overlapExponent().isEmpty());
        InvalidInputException alone = read(tile + "  rows128:\n    oneHead: {value: 1.4e-6 s, source: x}\n");
        assertEquals("bad.yaml: decodeTile.rows128.furtherHead", alone.where());
        InvalidInputException own = read(tile + "  rows64:\n    oneHead: {value: 1.4e-6 s, source: x}\n"
                + "    furtherHead: {value: 1.1e-6 s, source: x}\n");
        assertEquals("bad.yaml: decodeTile.rows64", own.where());
        assertTrue(own.allowed().contains("rowsN"), own.allowed());
        InvalidInputException twice = read(two + "  rows096:\n    oneHead: {value: 1.0e-6 s, source: z}\n"
                + "    furtherHead: {value: 1.2e-6 s, source: z}\n");
        assertEquals("bad.yaml: decodeTile.rows096", twice.where());
        InvalidInputException unknown = read(tile + "  wideOneHead: {value: 1.4e-6 s, source: x}\n");
        assertEquals("bad.yaml: decodeTile.wideOneHead", unknown.where());
        InvalidInputException field = read(tile + "  rows96:\n    oneHead: {value: 1.0e-6 s, source: z}\n"
                + "    furtherHead: {value: 1.2e-6 s, source: z}\n    start: {value: 1e-7 s, source: z}\n");
        assertEquals("bad.yaml: decodeTile.rows96.start", field.where());
    }

    @Test
    void aDecodingKernelsStartMayBeBelowNothingAndOtherFiguresMayNot() throws IOException {
        String tile = bundledText("cpu-server-64c") + "decodeTile:\n  oneHead: {value: 8e-7 s, source: x}\n"
                + "  furtherHead: {value: 7e-7 s, source: x}\n";
        String signed = tile + "  pairedStart: {value: -1e-7 s, source: y}\n  rows128:\n"
                + "    oneHead: {value: 1.4e-6 s, source: y}\n    furtherHead: {value: 1.1e-6 s, source: y}\n"
                + "    pairedStart: {value: -5.8e-7 s, source: y}\n";
        DecodeTile read = ProfileReader.read(new ByteArrayInputStream(signed.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml").decodeTile().orElseThrow();
        assertEquals(-1e-7, read.pairedStart().orElseThrow().value(), 1e-20);
        assertEquals(-5.8e-7, read.otherRows().get(0).pairedStart().orElseThrow().value(), 1e-20);
        InvalidInputException negative = read(tile.replace("furtherHead: {value: 7e-7 s",
                "furtherHead: {value: -7e-7 s"));
        assertEquals("bad.yaml: decodeTile.furtherHead.value", negative.where());
        assertEquals("must be zero or more", negative.allowed());
    }

    @Test
    void aQuantisedCachesFiguresAtOtherRowsAreNamedByTheirLength() throws IOException {
        String tile = bundledText("cpu-server-64c") + "decodeTile:\n  oneHead: {value: 8e-7 s, source: x}\n"
                + "  furtherHead: {value: 7e-7 s, source: x}\n  fp8:\n    oneHeadFactor: {value: 2.0, source: f}\n"
                + "    furtherHeadFactor: {value: 2.2, source: f}\n";
        String at128 = tile + "    rows128:\n      oneHeadFactor: {value: 1.7, source: g}\n"
                + "      furtherHeadFactor: {value: 2.1, source: g}\n      overlapExponent: {value: 1.4, source: g}\n";
        DecodeTileQuantised fp8 = ProfileReader.read(new ByteArrayInputStream(at128.getBytes(StandardCharsets.UTF_8)),
                "cpu.yaml", "cpu.yaml").decodeTile().orElseThrow().fp8().orElseThrow();
        assertEquals(2.0, fp8.oneHeadFactor().value(), 1e-12);
        assertEquals(1.4, fp8.at(128).orElseThrow().overlapExponent().orElseThrow().value(), 1e-12);
        assertTrue(fp8.at(96).isEmpty());
        InvalidInputException own = read(tile + "    rows64:\n      oneHeadFactor: {value: 1.7, source: g}\n"
                + "      furtherHeadFactor: {value: 2.1, source: g}\n");
        assertEquals("bad.yaml: decodeTile.fp8.rows64", own.where());
        assertTrue(own.allowed().contains("rowsN"), own.allowed());
        InvalidInputException unknown = read(at128 + "      oneHead: {value: 1e-6 s, source: g}\n");
        assertEquals("bad.yaml: decodeTile.fp8.rows128.oneHead", unknown.where());
        InvalidInputException missing = read(tile + "    rows128:\n      oneHeadFactor: {value: 1.7, source: g}\n");
        assertEquals("bad.yaml: decodeTile.fp8.rows128.furtherHeadFactor", missing.where());
    }

    @Test
    void gpusGiveTheirInt32LaneRate() throws IOException {
        // A100: 64 INT32 lanes x 108 SMs x 1.41 GHz; H100 SXM: 64 x 132 x 1.98 GHz (whitepapers, cores per SM).
        assertEquals(9.75e12, HardwareCatalog.resolve("a100-40gb-sxm", "t", null).otherVectorOpsPerSecond()
                .orElseThrow().value(), 1e9);
        assertEquals(16.73e12, HardwareCatalog.resolve("h100-sxm", "t", null).otherVectorOpsPerSecond()
                .orElseThrow().value(), 1e9);
        assertTrue(HardwareCatalog.resolve("cpu-server-64c", "t", null).otherVectorOpsPerSecond().isEmpty());
        String wrongUnit = bundledText("h100-sxm").replace("16.73 Top/s", "16.73 TB/s");
        assertEquals("bad.yaml: otherVectorRate.value", read(wrongUnit).where());
    }

    @Test
    void unknownIdListsTheBundledOnes() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HardwareCatalog.resolve("b200", "--hardware", null));
        assertEquals("--hardware", e.where());
        assertTrue(e.allowed().contains("h100-sxm"));
    }

    private InvalidInputException read(String text) throws IOException {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, text);
        return assertThrows(InvalidInputException.class,
                () -> ProfileReader.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "bad.yaml", "t"));
    }

    static String bundledText(String id) throws IOException {
        try (InputStream in = HardwareCatalog.class.getResourceAsStream("profiles/" + id + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
