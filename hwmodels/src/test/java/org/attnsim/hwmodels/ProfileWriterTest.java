package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProfileWriterTest {

    @Test
    void everyBundledProfileRoundTrips() {
        for (HardwareProfile p : HardwareCatalog.bundled()) {
            String yaml = ProfileWriter.yaml(p, "round trip\nsecond line");
            HardwareProfile back = ProfileReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "written", "bundled");
            assertEquals(p, back, p.id());
        }
    }

    @Test
    void aDecodingTileRoundTripsWithAndWithoutItsOneHeadExponentsOneUnitBandwidthFurtherPassesAndOtherRows() {
        HardwareProfile a100 = HardwareCatalog.resolve("a100-80gb-sxm", "test", null);
        DecodeTile plain = new DecodeTile(new Figure(8e-7, "measured: one head"), new Figure(7e-7, "measured: slope"));
        DecodeTile withExponent = new DecodeTile(plain.oneHead(), plain.furtherHead(),
                Optional.of(new Figure(3.25, "measured: the decoding kernel at one query a row")));
        DecodeTile withUnit = new DecodeTile(plain.oneHead(), plain.furtherHead(),
                withExponent.oneHeadOverlapExponent(),
                Optional.of(new Figure(27e9, "measured: the decoding kernel on one core")));
        DecodeTile withFactor = new DecodeTile(plain.oneHead(), plain.furtherHead(),
                withExponent.oneHeadOverlapExponent(), withUnit.oneUnitBandwidth(),
                Optional.of(new Figure(1.11, "measured: the decoding kernel at eight queries a row less four")),
                Optional.empty());
        DecodeTile withStart = new DecodeTile(plain.oneHead(), plain.furtherHead(), Optional.empty(), Optional.empty(),
                withFactor.furtherPassFactor(), Optional.of(new Figure(2.6e-7, "measured: the paired kernel's start")));
        DecodeTile withOtherRows = withStart.withRows(new DecodeTileRows(128,
                new Figure(1.4e-6, "measured: one head, rows of 128"),
                new Figure(1.1e-6, "measured: slope, rows of 128"),
                Optional.of(new Figure(2.7, "measured: p, rows of 128")),
                Optional.of(new Figure(3.1, "measured: one-head p, rows of 128")),
                Optional.of(new Figure(0.85, "measured: factor, rows of 128")),
                Optional.of(new Figure(1.8e-7, "measured: start, rows of 128"))))
                .withRows(new DecodeTileRows(96, new Figure(1.0e-6, "measured: one head, rows of 96"),
                        new Figure(1.2e-6, "measured: slope, rows of 96")));
        DecodeTile withInt8 = withOtherRows.withInt8(Optional.of(new DecodeTileQuantised(
                new Figure(0.92, "measured: one head over int8 rows"),
                new Figure(1.07, "measured: slope over int8 rows"),
                Optional.of(new Figure(64, "measured: the int8 decoding kernel at one query a row")))));
        DecodeTile withInt8Line = withInt8.withInt8(Optional.of(new DecodeTileQuantised(withInt8.int8().get()
                .oneHeadFactor(), withInt8.int8().get().furtherHeadFactor(), Optional.empty())));
        DecodeTile withInt8Kernel = withInt8.withInt8(Optional.of(new DecodeTileQuantised(withInt8.int8().get()
                .oneHeadFactor(), withInt8.int8().get().furtherHeadFactor(),
                Optional.of(new Figure(1.45, "measured: the int8 kernel at two queries a row")),
                withInt8.int8().get().oneHeadOverlapExponent(),
                Optional.of(new Figure(0.96, "measured: the int8 kernel at eight queries a row less four")),
                Optional.of(new Figure(1e-8, "measured: the int8 kernel's start")))));
        DecodeTile withFp8 = withInt8Kernel.withFp8(Optional.of(new DecodeTileQuantised(
                new Figure(1.94, "measured: one head over fp8 rows"), new Figure(2.2, "measured: slope over fp8 rows"),
                Optional.of(new Figure(1.3, "measured: the fp8 kernel at two queries a row")), Optional.empty(),
                Optional.of(new Figure(1.01, "measured: the fp8 kernel at eight queries a row less four")),
                Optional.empty())));
        DecodeTile fp8Alone = withOtherRows.withFp8(withFp8.fp8());
        DecodeTile fp8ByLength = withFp8.withFp8(Optional.of(withFp8.fp8().get().withOtherRows(List.of(
                new DecodeTileQuantised.Rows(128, new DecodeTileQuantised(new Figure(1.7, "measured: one head, 128"),
                        new Figure(2.1, "measured: slope, 128"), Optional.of(new Figure(1.4, "measured: p, 128")),
                        Optional.of(new Figure(2.9, "measured: one-head p, 128")), Optional.empty(),
                        Optional.of(new Figure(3e-8, "measured: start, 128")))),
                new DecodeTileQuantised.Rows(96, new DecodeTileQuantised(new Figure(1.8, "measured: one head, 96"),
                        new Figure(2.0, "measured: slope, 96"), Optional.empty()))))));
        for (DecodeTile tile : new DecodeTile[] {plain, withExponent, withUnit, withFactor, withStart, withOtherRows,
                withInt8, withInt8Line, withInt8Kernel, withFp8, fp8Alone, fp8ByLength}) {
            HardwareProfile p = a100.withDecodeTile(Optional.of(tile));
            String yaml = ProfileWriter.yaml(p, "round trip");
            HardwareProfile back = ProfileReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "written", "bundled");
            assertEquals(tile, back.decodeTile().orElseThrow());
        }
    }

    @Test
    void theScoresFactorsRoundTripByHeads() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        ScoresArithmetic once = new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(1, new Figure(2.25, "measured: one head a row")),
                new ScoresArithmetic.Case(2, new Figure(1.5, "measured: two")),
                new ScoresArithmetic.Case(8, new Figure(0.625, "measured: eight")),
                new ScoresArithmetic.Case(96, 2, new Figure(3.25, "measured: two at d 96")),
                new ScoresArithmetic.Case(128, 4, new Figure(1.625, "measured: four at d 128"))));
        ScoresArithmetic twice = new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(8, new Figure(1.25, "measured: eight, K stored twice"))));
        ScoresArithmetic passes = new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(1, new Figure(1.75, "measured: one, K stored twice, r 32")),
                new ScoresArithmetic.Case(4, new Figure(1.375, "measured: four, K stored twice, r 32"))));
        String yaml = ProfileWriter.yaml(cpu.withOnceScoresArithmetic(Optional.of(once))
                .withTwiceScoresArithmetic(Optional.of(twice)).withTwicePassesScoresArithmetic(Optional.of(passes)),
                "round trip");
        HardwareProfile back = ProfileReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "written", "bundled");
        assertEquals(once, back.onceScoresArithmetic().orElseThrow());
        assertTrue(yaml.contains("  d96heads2: {value: \"3.25\""), yaml);
        assertEquals(twice, back.twiceScoresArithmetic().orElseThrow());
        assertEquals(passes, back.twicePassesScoresArithmetic().orElseThrow());
    }

    /** {@code p} written and read back. */
    private static HardwareProfile roundTrip(HardwareProfile p) {
        String yaml = ProfileWriter.yaml(p, "round trip");
        return ProfileReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "written",
                "bundled");
    }

    @Test
    void theFurtherPassesFiguresAndTheLongDotsRateRoundTripAndLeftOutStayOut() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        Figure passes = new Figure(34.5e9, "measured: the one-head cases, K stored twice, r 32 beyond r 16");
        Figure step = new Figure(3.4e-10, "measured: the passes kernel's step beyond its cuts, a score");
        Figure longDot = new Figure(21e9, "measured: DotProductKernel, 128 floats");
        HardwareProfile back = roundTrip(cpu.withTwicePassesBandwidth(Optional.of(passes))
                .withTwicePassesStep(Optional.of(step)).withDependentFmaRate128(Optional.of(longDot)));
        assertEquals(passes, back.twicePassesBytesPerSecond().orElseThrow());
        assertEquals(step, back.twicePassesStepSecondsPerScore().orElseThrow());
        assertEquals(longDot, back.dependentFlopsPerSecond128().orElseThrow());
        // A step that measured no excess over its cuts: 0, read back as written.
        Figure none = new Figure(0, "measured: the passes kernel's step beyond its cuts, at least 0");
        assertEquals(none, roundTrip(cpu.withTwicePassesStep(Optional.of(none))).twicePassesStepSecondsPerScore()
                .orElseThrow());
        HardwareProfile without = roundTrip(cpu);
        assertTrue(without.twicePassesBytesPerSecond().isEmpty());
        assertTrue(without.twicePassesStepSecondsPerScore().isEmpty());
        assertTrue(without.dependentFlopsPerSecond128().isEmpty());
    }

    @Test
    void theForwardFactorsRoundTripByHeadDimension() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        ForwardArithmetic forward = new ForwardArithmetic(List.of(
                new ForwardArithmetic.Case(32, new Figure(1.125, "measured: d 32")),
                new ForwardArithmetic.Case(64, new Figure(0.9375, "measured: d 64"))));
        String yaml = ProfileWriter.yaml(cpu.withForwardArithmetic(Optional.of(forward)), "round trip");
        HardwareProfile back = ProfileReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                "written", "bundled");
        assertEquals(forward, back.forwardArithmetic().orElseThrow());
    }
}
