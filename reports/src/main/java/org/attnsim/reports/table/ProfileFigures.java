package org.attnsim.reports.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DecodeTileQuantised;
import org.attnsim.hwmodels.DecodeTileRows;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.ForwardArithmetic;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.hwmodels.Quantity;
import org.attnsim.hwmodels.ScoresArithmetic;

/** Every figure of a hardware profile as (name, value with unit, source) lines, for tables and reports. */
public final class ProfileFigures {

    private ProfileFigures() {
    }

    public static List<String[]> of(HardwareProfile hw) {
        var e = hw.efficiency();
        List<String[]> rows = new ArrayList<>(List.of(
                row(hw.kind().unitName() + "s", String.format(Locale.ROOT, "%d", hw.units()), hw.parallelUnits()),
                row("clock", Quantity.format(hw.clockHertz().value(), "Hz"), hw.clockHertz()),
                row("matrix bf16", Quantity.format(hw.matrixPeak(Dtype.BF16), "FLOP/s"),
                        hw.matrixFlopsPerSecond().get(Dtype.BF16)),
                row("matrix fp16", Quantity.format(hw.matrixPeak(Dtype.FP16), "FLOP/s"),
                        hw.matrixFlopsPerSecond().get(Dtype.FP16)),
                row("matrix fp32", Quantity.format(hw.matrixPeak(Dtype.FP32), "FLOP/s"),
                        hw.matrixFlopsPerSecond().get(Dtype.FP32)),
                row("vector fp32", Quantity.format(hw.vectorFlopsPerSecond().value(), "FLOP/s"),
                        hw.vectorFlopsPerSecond()),
                row("exponentials", Quantity.format(hw.exponentialsPerSecond().value(), "exp/s"),
                        hw.exponentialsPerSecond()),
                row(hw.deviceMemory().name() + " bandwidth",
                        Quantity.format(hw.deviceMemory().bandwidthBytesPerSecond().value(), "B/s"),
                        hw.deviceMemory().bandwidthBytesPerSecond()),
                row(hw.deviceMemory().name() + " capacity",
                        Quantity.format(hw.deviceMemory().capacityBytes().value(), "B"),
                        hw.deviceMemory().capacityBytes()),
                row(hw.lastLevelCache().name() + " bandwidth",
                        Quantity.format(hw.lastLevelCache().bandwidthBytesPerSecond().value(), "B/s"),
                        hw.lastLevelCache().bandwidthBytesPerSecond()),
                row(hw.lastLevelCache().name() + " capacity",
                        Quantity.format(hw.lastLevelCache().capacityBytes().value(), "B"),
                        hw.lastLevelCache().capacityBytes()),
                row("SRAM per " + hw.kind().unitName(), Quantity.format(hw.sramBytesPerUnit().value(), "B"),
                        hw.sramBytesPerUnit()),
                row("sector", Quantity.format(hw.sectorBytes().value(), "B"), hw.sectorBytes()),
                row("launch latency", Quantity.formatSeconds(hw.launchLatencySeconds().value()),
                        hw.launchLatencySeconds()),
                row("memory latency", Quantity.formatSeconds(hw.memoryLatencySeconds().value()),
                        hw.memoryLatencySeconds()),
                row("matrix efficiency", fraction(e.matrixFraction()), e.matrixFraction()),
                row("vector efficiency", fraction(e.vectorFraction()), e.vectorFraction()),
                row("exp efficiency", fraction(e.exponentialFraction()), e.exponentialFraction()),
                row("memory efficiency", fraction(e.memoryFraction()), e.memoryFraction()),
                row("matrix n-half", Quantity.format(e.matrixHalfRateFlops().value(), "FLOP"), e.matrixHalfRateFlops()),
                row("memory n-half", Quantity.format(e.memoryHalfRateBytes().value(), "B"), e.memoryHalfRateBytes())));
        hw.stageStartAfterWorkSeconds().ifPresent(f -> rows.add(after(rows, "launch latency"),
                row("each further stage's start after other work", Quantity.formatSeconds(f.value()), f)));
        hw.opStartAfterWorkSeconds().ifPresent(f -> rows.add(after(rows, "launch latency"),
                row("each op's start after other work", Quantity.formatSeconds(f.value()), f)));
        hw.launchAfterWorkSeconds().ifPresent(f -> rows.add(after(rows, "launch latency"),
                row("launch latency after other work", Quantity.formatSeconds(f.value()), f)));
        hw.gatherLinesInFlight().ifPresent(f -> rows.add(after(rows, "memory latency"), row("gathered lines in flight "
                + "per " + hw.kind().unitName(), String.format(Locale.ROOT, "%.1f", f.value()), f)));
        // Before the decoding tile's rows, which go in at the same place above them; K twice after K once, read in
        // passes after that, their passes' loop rate next, their fused step's excess then, the forward kernel's last.
        hw.forwardArithmetic().ifPresent(f -> {
            int at = after(rows, "memory latency");
            for (int i = f.cases().size() - 1; i >= 0; i--) {
                ForwardArithmetic.Case c = f.cases().get(i);
                rows.add(at, row("forward kernel's arithmetic, d " + c.headDim(),
                        String.format(Locale.ROOT, "%.2fx", c.factor().value()), c.factor()));
            }
        });
        hw.twicePassesStepSecondsPerScore().ifPresent(f -> rows.add(after(rows, "memory latency"),
                row("SparQ's fused step read in passes (above r 16), beyond its stages, a score of a "
                        + hw.kind().unitName(), Quantity.formatSeconds(f.value()), f)));
        hw.twicePassesBytesPerSecond().ifPresent(f -> rows.add(after(rows, "memory latency"),
                row("SparQ K-twice scores' passes after the first (above r 16), their loop's rate",
                        Quantity.format(f.value(), "B/s"), f)));
        hw.twicePassesScoresArithmetic().ifPresent(o -> scores(rows, "K-twice (above r 16, read in passes)", o));
        hw.twiceScoresArithmetic().ifPresent(o -> scores(rows, "K-twice", o));
        hw.onceScoresArithmetic().ifPresent(o -> scores(rows, "K-once", o));
        hw.decodeTile().ifPresent(t -> {
            int at = after(rows, "memory latency");
            // Rows inserted at one place each go above the last: the longest rows' figures first.
            for (int i = t.otherRows().size() - 1; i >= 0; i--) {
                DecodeTileRows r = t.otherRows().get(i);
                String wide = ", rows of " + r.rowFloats() + " floats";
                r.pairedStart().ifPresent(f -> rows.add(at, row("decoding kernel's start where it walks a tile in "
                        + "passes" + wide, Quantity.formatSeconds(f.value()), f)));
                r.furtherPassFactor().ifPresent(f -> rows.add(at, row("decoding kernel's passes after the first"
                        + wide, String.format(Locale.ROOT, "%.2fx", f.value()), f)));
                r.oneHeadOverlapExponent().ifPresent(f -> rows.add(at, row("overlap of the decoding kernel's "
                        + "one-head passes" + wide, String.format(Locale.ROOT, "p = %.2f", f.value()), f)));
                r.overlapExponent().ifPresent(f -> rows.add(at, row("overlap of the decoding kernel's passes of two "
                        + "heads" + wide, String.format(Locale.ROOT, "p = %.2f", f.value()), f)));
                rows.add(at, row("decoding tile, each further head" + wide, Quantity.formatSeconds(
                        r.furtherHead().value()), r.furtherHead()));
                rows.add(at, row("decoding tile, one head" + wide, Quantity.formatSeconds(r.oneHead().value()),
                        r.oneHead()));
            }
            for (QuantisedCache type : List.of(QuantisedCache.FP8, QuantisedCache.INT8)) {
                String over = " over an " + type.id() + " cache";
                t.quantised(type).ifPresent(i -> {
                    // Each inserted at the same place: the last length first, so they read in order after d 64.
                    for (int n = i.otherRows().size() - 1; n >= 0; n--) {
                        DecodeTileQuantised.Rows r = i.otherRows().get(n);
                        quantised(rows, at, r.figures(), over + ", rows of " + r.rowFloats() + " floats");
                    }
                    quantised(rows, at, i, over);
                });
            }
            t.pairedStart().ifPresent(f -> rows.add(at, row("decoding kernel's start where it walks a tile in "
                    + "passes, a tile", Quantity.formatSeconds(f.value()), f)));
            t.furtherPassFactor().ifPresent(f -> rows.add(at, row("decoding kernel's passes after the first, over "
                    + "the tile line's price", String.format(Locale.ROOT, "%.2fx", f.value()), f)));
            t.oneUnitBandwidth().ifPresent(f -> rows.add(at, row("decoding kernel's bandwidth on one unit, alone",
                    Quantity.format(f.value(), "B/s"), f)));
            t.oneHeadOverlapExponent().ifPresent(f -> rows.add(at, row("overlap of the decoding kernel's one-head "
                    + "passes", String.format(Locale.ROOT, "p = %.2f", f.value()), f)));
            rows.add(at, row("decoding tile, each further head", Quantity.formatSeconds(t.furtherHead().value()),
                    t.furtherHead()));
            rows.add(at, row("decoding tile of " + DecodeTile.ROWS + " rows, one head",
                    Quantity.formatSeconds(t.oneHead().value()), t.oneHead()));
        });
        hw.overlapExponent().ifPresent(f -> rows.add(9, row("compute/memory overlap exponent",
                String.format(Locale.ROOT, "p = %.2f", f.value()), f)));
        hw.unitPageRunBytesPerSecond().ifPresent(f -> rows.add(9,
                row("one unit's page-run bandwidth, alone", Quantity.format(f.value(), "B/s"), f)));
        hw.unitBytesPerSecond().ifPresent(f -> rows.add(9,
                row("one unit's bandwidth, alone", Quantity.format(f.value(), "B/s"), f)));
        hw.pageRunBytesPerSecond().ifPresent(f -> rows.add(9,
                row("page-run bandwidth", Quantity.format(f.value(), "B/s"), f)));
        hw.scalarExponentialsPerSecond().ifPresent(f -> rows.add(7,
                row("online softmax, a few scores at a time", Quantity.format(f.value(), "exp/s"), f)));
        hw.scalarOpsPerSecond().ifPresent(f -> rows.add(7,
                row("scalar code", Quantity.format(f.value(), "op/s"), f)));
        hw.dependentFlopsPerSecond128().ifPresent(f -> rows.add(7,
                row("one-accumulator dot product of 128", Quantity.format(f.value(), "FLOP/s"), f)));
        hw.dependentFlopsPerSecond().ifPresent(f -> rows.add(7,
                row("one-accumulator dot product", Quantity.format(f.value(), "FLOP/s"), f)));
        // Inserted last so that the rows above keep their places.
        hw.otherVectorOpsPerSecond().ifPresent(f -> rows.add(6,
                row("vector int/compare", Quantity.format(f.value(), "op/s"), f)));
        return rows;
    }

    /** One row a case of {@code scores}, after the memory latency's row. */
    private static void scores(List<String[]> rows, String layout, ScoresArithmetic scores) {
        int at = after(rows, "memory latency");
        for (int i = scores.cases().size() - 1; i >= 0; i--) {
            ScoresArithmetic.Case c = scores.cases().get(i);
            rows.add(at, row("SparQ " + layout + " scores' arithmetic, " + c.heads() + " heads a KV head"
                    + (c.headDim() == ScoresArithmetic.HEAD_DIM ? "" : ", d " + c.headDim()),
                    String.format(Locale.ROOT, "%.2fx", c.factor().value()), c.factor()));
        }
    }

    /** The index after the row named {@code name}. */
    private static int after(List<String[]> rows, String name) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i)[0].equals(name)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no row " + name);
    }

    /** The figures of the decoding loop over a quantised cache at one length, inserted at {@code at}. */
    private static void quantised(List<String[]> rows, int at, DecodeTileQuantised i, String over) {
        i.pairedStart().ifPresent(f -> rows.add(at, row("decoding kernel's start where it walks a tile in passes,"
                + over, Quantity.formatSeconds(f.value()), f)));
        i.furtherPassFactor().ifPresent(f -> rows.add(at, row("decoding kernel's passes after the first" + over,
                String.format(Locale.ROOT, "%.2fx", f.value()), f)));
        i.overlapExponent().ifPresent(f -> rows.add(at, row("overlap of the decoding kernel's passes of two heads"
                + over, String.format(Locale.ROOT, "p = %.2f", f.value()), f)));
        i.oneHeadOverlapExponent().ifPresent(f -> rows.add(at, row("overlap of the decoding kernel's one-head passes"
                + over, String.format(Locale.ROOT, "p = %.2f", f.value()), f)));
        rows.add(at, row("decoding tile" + over + ", each further head", String.format(Locale.ROOT, "%.2fx",
                i.furtherHeadFactor().value()), i.furtherHeadFactor()));
        rows.add(at, row("decoding tile" + over + ", one head", String.format(Locale.ROOT, "%.2fx",
                i.oneHeadFactor().value()), i.oneHeadFactor()));
    }

    private static String[] row(String name, String value, Figure f) {
        return new String[] {name, value, f.source().replace("|", "/")};
    }

    private static String fraction(Figure f) {
        return String.format(Locale.ROOT, "%.0f%%", f.value() * 100);
    }
}
