package org.attnsim.reports.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DecodeTileQuantised;
import org.attnsim.hwmodels.DecodeTileRows;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.ForwardArithmetic;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.ScoresArithmetic;
import org.junit.jupiter.api.Test;

class ProfileFiguresTest {

    @Test
    void theKScoresFactorsFollowTheMemoryLatencyByHeadsWithTheirSources() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        HardwareProfile measured = cpu.withOnceScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(1, new Figure(1, "measured: one | head")),
                new ScoresArithmetic.Case(8, new Figure(1.654, "measured: eight")))))).withTwiceScoresArithmetic(
                Optional.of(new ScoresArithmetic(List.of(new ScoresArithmetic.Case(8, new Figure(1.2, "twice"))))))
                .withTwicePassesScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                        new ScoresArithmetic.Case(1, new Figure(1.5, "in passes"))))))
                .withTwicePassesBandwidth(Optional.of(new Figure(35e9, "loop")))
                .withTwicePassesStep(Optional.of(new Figure(3.4e-10, "step")));
        List<String[]> plain = ProfileFigures.of(cpu);
        List<String[]> rows = ProfileFigures.of(measured);
        assertEquals(plain.size() + 6, rows.size());
        int latency = 0;
        while (!rows.get(latency)[0].equals("memory latency")) {
            latency++;
        }
        assertArrayEquals(new String[] {"SparQ K-once scores' arithmetic, 1 heads a KV head", "1.00x",
                "measured: one / head"}, rows.get(latency + 1));
        assertArrayEquals(new String[] {"SparQ K-once scores' arithmetic, 8 heads a KV head", "1.65x",
                "measured: eight"},
                rows.get(latency + 2));
        assertArrayEquals(new String[] {"SparQ K-twice scores' arithmetic, 8 heads a KV head", "1.20x", "twice"},
                rows.get(latency + 3));
        assertArrayEquals(new String[] {"SparQ K-twice (above r 16, read in passes) scores' arithmetic, 1 heads a KV "
                + "head", "1.50x", "in passes"}, rows.get(latency + 4));
        assertArrayEquals(new String[] {"SparQ K-twice scores' passes after the first (above r 16), their loop's "
                + "rate", "35.0 GB/s", "loop"}, rows.get(latency + 5));
        assertArrayEquals(new String[] {"SparQ's fused step read in passes (above r 16), beyond its stages, a score of "
                + "a core", "0.340 ns", "step"}, rows.get(latency + 6));
        assertTrue(plain.stream().noneMatch(r -> r[0].startsWith("SparQ K-")));
        // A case at another head size than 64 says it.
        List<String[]> byDim = ProfileFigures.of(cpu.withOnceScoresArithmetic(Optional.of(new ScoresArithmetic(
                List.of(new ScoresArithmetic.Case(8, new Figure(1.654, "measured: eight")),
                        new ScoresArithmetic.Case(96, 4, new Figure(2.42, "measured: four at d 96")))))));
        assertArrayEquals(new String[] {"SparQ K-once scores' arithmetic, 4 heads a KV head, d 96", "2.42x",
                "measured: four at d 96"}, byDim.get(latency + 2));
    }

    @Test
    void thePageRunsAndOneUnitsRatesFollowEachOtherWithTheirSources() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        HardwareProfile measured = cpu.withPageRunBandwidth(new Figure(40e9, "runs"))
                .withUnitBandwidth(Optional.of(new Figure(38e9, "unit triad")))
                .withUnitPageRunBandwidth(Optional.of(new Figure(29.5e9, "unit runs")));
        List<String[]> rows = ProfileFigures.of(measured);
        assertEquals(ProfileFigures.of(cpu).size() + 3, rows.size());
        int runs = 0;
        while (!rows.get(runs)[0].equals("page-run bandwidth")) {
            runs++;
        }
        assertArrayEquals(new String[] {"page-run bandwidth", "40.0 GB/s", "runs"}, rows.get(runs));
        assertArrayEquals(new String[] {"one unit's bandwidth, alone", "38.0 GB/s", "unit triad"}, rows.get(runs + 1));
        assertArrayEquals(new String[] {"one unit's page-run bandwidth, alone", "29.5 GB/s", "unit runs"},
                rows.get(runs + 2));
    }

    @Test
    void aDecodingTilesOtherRowsFollowItsOwnFiguresShortestFirst() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        DecodeTile tile = new DecodeTile(new Figure(8e-7, "one"), new Figure(7e-7, "further"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new Figure(2e-7, "start")));
        DecodeTile wide = tile.withRows(new DecodeTileRows(128, new Figure(1.4e-6, "wide one"),
                new Figure(1.1e-6, "wide further"), Optional.of(new Figure(3.2, "wide p")),
                Optional.of(new Figure(4.5, "wide one-head p")), Optional.of(new Figure(0.8, "wide factor")),
                Optional.of(new Figure(1e-7, "ws")))).withRows(new DecodeTileRows(96, new Figure(1.2e-6, "mid one"),
                        new Figure(1.3e-6, "mid further")));
        List<String[]> plain = ProfileFigures.of(cpu.withDecodeTile(Optional.of(tile)));
        List<String[]> rows = ProfileFigures.of(cpu.withDecodeTile(Optional.of(wide)));
        assertEquals(plain.size() + 8, rows.size());
        int start = 0;
        while (!rows.get(start)[0].startsWith("decoding kernel's start")) {
            start++;
        }
        // The shorter rows' first, each length's line before its exponents, factor and start.
        assertArrayEquals(new String[] {"decoding tile, one head, rows of 96 floats", "1.20 us", "mid one"},
                rows.get(start + 1));
        assertArrayEquals(new String[] {"decoding tile, each further head, rows of 96 floats", "1.30 us",
                "mid further"}, rows.get(start + 2));
        assertArrayEquals(new String[] {"decoding tile, one head, rows of 128 floats", "1.40 us", "wide one"},
                rows.get(start + 3));
        assertArrayEquals(new String[] {"overlap of the decoding kernel's passes of two heads, rows of 128 floats",
                "p = 3.20", "wide p"}, rows.get(start + 5));
        assertArrayEquals(new String[] {"decoding kernel's start where it walks a tile in passes, rows of 128 floats",
                "100 ns", "ws"}, rows.get(start + 8));
    }

    @Test
    void theQuantisedCachesFiguresFollowTheStartInt8ThenFp8EachLengthAfterD64() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        DecodeTile tile = new DecodeTile(new Figure(8e-7, "one"), new Figure(7e-7, "further"),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(new Figure(2e-7, "start")))
                .withInt8(Optional.of(new DecodeTileQuantised(new Figure(0.92, "int8 one"),
                        new Figure(1.07, "int8 further"), Optional.empty())))
                .withFp8(Optional.of(new DecodeTileQuantised(new Figure(1.94, "fp8 one"),
                        new Figure(2.2, "fp8 further"), Optional.of(new Figure(1.3, "fp8 p")), Optional.empty(),
                        Optional.empty(), Optional.empty(), List.of(new DecodeTileQuantised.Rows(128,
                                new DecodeTileQuantised(new Figure(1.7, "fp8 one at 128"),
                                        new Figure(2.1, "fp8 further at 128"), Optional.empty()))))));
        List<String[]> rows = ProfileFigures.of(cpu.withDecodeTile(Optional.of(tile)));
        int start = 0;
        while (!rows.get(start)[0].startsWith("decoding kernel's start")) {
            start++;
        }
        assertArrayEquals(new String[] {"decoding tile over an int8 cache, one head", "0.92x", "int8 one"},
                rows.get(start + 1));
        assertArrayEquals(new String[] {"decoding tile over an int8 cache, each further head", "1.07x",
                "int8 further"}, rows.get(start + 2));
        assertArrayEquals(new String[] {"decoding tile over an fp8 cache, one head", "1.94x", "fp8 one"},
                rows.get(start + 3));
        assertArrayEquals(new String[] {"decoding tile over an fp8 cache, each further head", "2.20x",
                "fp8 further"}, rows.get(start + 4));
        assertArrayEquals(new String[] {"overlap of the decoding kernel's passes of two heads over an fp8 cache",
                "p = 1.30", "fp8 p"}, rows.get(start + 5));
        assertArrayEquals(new String[] {"decoding tile over an fp8 cache, rows of 128 floats, one head", "1.70x",
                "fp8 one at 128"}, rows.get(start + 6));
        assertArrayEquals(new String[] {"decoding tile over an fp8 cache, rows of 128 floats, each further head",
                "2.10x", "fp8 further at 128"}, rows.get(start + 7));
    }

    @Test
    void theForwardFactorsFollowTheScoresFactorsByHeadDimension() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        HardwareProfile measured = cpu.withTwiceScoresArithmetic(Optional.of(new ScoresArithmetic(List.of(
                new ScoresArithmetic.Case(8, new Figure(1.2, "twice")))))).withForwardArithmetic(Optional.of(
                new ForwardArithmetic(List.of(new ForwardArithmetic.Case(32, new Figure(1.118, "measured: d 32")),
                        new ForwardArithmetic.Case(64, new Figure(0.94, "measured: d 64"))))));
        List<String[]> rows = ProfileFigures.of(measured);
        assertEquals(ProfileFigures.of(cpu).size() + 3, rows.size());
        int twice = 0;
        while (!rows.get(twice)[0].startsWith("SparQ K-twice")) {
            twice++;
        }
        assertArrayEquals(new String[] {"forward kernel's arithmetic, d 32", "1.12x", "measured: d 32"},
                rows.get(twice + 1));
        assertArrayEquals(new String[] {"forward kernel's arithmetic, d 64", "0.94x", "measured: d 64"},
                rows.get(twice + 2));
    }

    @Test
    void theLongDotsRateFollowsTheDotOf64() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        HardwareProfile both = cpu.withRates(cpu.matrixFlopsPerSecond(), cpu.vectorFlopsPerSecond(),
                cpu.exponentialsPerSecond(), Optional.of(new Figure(15.3e9, "64")), cpu.scalarOpsPerSecond(),
                cpu.scalarExponentialsPerSecond(), cpu.deviceMemory(), cpu.pageRunBytesPerSecond())
                .withDependentFmaRate128(Optional.of(new Figure(21e9, "128")));
        List<String[]> rows = ProfileFigures.of(both);
        int dot = 0;
        while (!rows.get(dot)[0].equals("one-accumulator dot product")) {
            dot++;
        }
        assertArrayEquals(new String[] {"one-accumulator dot product of 128", "21.0 GFLOP/s", "128"},
                rows.get(dot + 1));
    }
}
