package org.attnsim.hwmodels;

import java.util.Locale;

/**
 * Writes a profile in the YAML form {@link ProfileReader} reads: every figure as {value, source}, values
 * in base units with their unit so that nothing is rounded away.
 */
public final class ProfileWriter {

    private ProfileWriter() {
    }

    public static String yaml(HardwareProfile p, String comment) {
        StringBuilder y = new StringBuilder();
        for (String line : comment.split("\n")) {
            y.append("# ").append(line).append('\n');
        }
        y.append("id: ").append(p.id()).append('\n');
        y.append("name: ").append(quote(p.name())).append('\n');
        y.append("kind: ").append(p.kind().name().toLowerCase(Locale.ROOT)).append('\n');
        figure(y, "", "parallelUnits", p.parallelUnits(), "");
        figure(y, "", "clock", p.clockHertz(), "Hz");
        y.append("matrixRate:\n");
        for (Dtype d : Dtype.values()) {
            figure(y, "  ", d.id(), p.matrixFlopsPerSecond().get(d), "FLOP/s");
        }
        figure(y, "", "vectorRate", p.vectorFlopsPerSecond(), "FLOP/s");
        p.otherVectorOpsPerSecond().ifPresent(f -> figure(y, "", "otherVectorRate", f, "op/s"));
        figure(y, "", "exponentialRate", p.exponentialsPerSecond(), "exp/s");
        p.dependentFlopsPerSecond().ifPresent(f -> figure(y, "", "dependentFmaRate", f, "FLOP/s"));
        p.dependentFlopsPerSecond128().ifPresent(f -> figure(y, "", "dependentFmaRate128", f, "FLOP/s"));
        p.scalarOpsPerSecond().ifPresent(f -> figure(y, "", "scalarRate", f, "op/s"));
        p.scalarExponentialsPerSecond().ifPresent(f -> figure(y, "", "scalarExpRate", f, "exp/s"));
        level(y, "deviceMemory", p.deviceMemory());
        p.pageRunBytesPerSecond().ifPresent(f -> figure(y, "", "pageRunBandwidth", f, "B/s"));
        p.unitBytesPerSecond().ifPresent(f -> figure(y, "", "unitBandwidth", f, "B/s"));
        p.unitPageRunBytesPerSecond().ifPresent(f -> figure(y, "", "unitPageRunBandwidth", f, "B/s"));
        p.overlapExponent().ifPresent(f -> figure(y, "", "overlapExponent", f, ""));
        level(y, "lastLevelCache", p.lastLevelCache());
        figure(y, "", "sramPerUnit", p.sramBytesPerUnit(), "B");
        figure(y, "", "sectorBytes", p.sectorBytes(), "B");
        figure(y, "", "launchLatency", p.launchLatencySeconds(), "s");
        p.launchAfterWorkSeconds().ifPresent(f -> figure(y, "", "launchLatencyAfterWork", f, "s"));
        p.opStartAfterWorkSeconds().ifPresent(f -> figure(y, "", "opStartAfterWork", f, "s"));
        p.stageStartAfterWorkSeconds().ifPresent(f -> figure(y, "", "stageStartAfterWork", f, "s"));
        figure(y, "", "memoryLatency", p.memoryLatencySeconds(), "s");
        p.gatherLinesInFlight().ifPresent(f -> figure(y, "", "gatherLinesInFlight", f, ""));
        p.decodeTile().ifPresent(t -> {
            y.append("decodeTile:\n");
            figure(y, "  ", "oneHead", t.oneHead(), "s");
            figure(y, "  ", "furtherHead", t.furtherHead(), "s");
            t.oneHeadOverlapExponent().ifPresent(f -> figure(y, "  ", "oneHeadOverlapExponent", f, ""));
            t.oneUnitBandwidth().ifPresent(f -> figure(y, "  ", "oneUnitBandwidth", f, "B/s"));
            t.furtherPassFactor().ifPresent(f -> figure(y, "  ", "furtherPassFactor", f, ""));
            t.pairedStart().ifPresent(f -> figure(y, "  ", "pairedStart", f, "s"));
            for (QuantisedCache type : QuantisedCache.values()) {
                t.quantised(type).ifPresent(i -> {
                    y.append("  ").append(type.id()).append(":\n");
                    quantised(y, "    ", i);
                    for (DecodeTileQuantised.Rows r : i.otherRows()) {
                        y.append("    rows").append(r.rowFloats()).append(":\n");
                        quantised(y, "      ", r.figures());
                    }
                });
            }
            for (DecodeTileRows r : t.otherRows()) {
                y.append("  rows").append(r.rowFloats()).append(":\n");
                figure(y, "    ", "oneHead", r.oneHead(), "s");
                figure(y, "    ", "furtherHead", r.furtherHead(), "s");
                r.overlapExponent().ifPresent(f -> figure(y, "    ", "overlapExponent", f, ""));
                r.oneHeadOverlapExponent().ifPresent(f -> figure(y, "    ", "oneHeadOverlapExponent", f, ""));
                r.furtherPassFactor().ifPresent(f -> figure(y, "    ", "furtherPassFactor", f, ""));
                r.pairedStart().ifPresent(f -> figure(y, "    ", "pairedStart", f, "s"));
            }
        });
        p.onceScoresArithmetic().ifPresent(o -> scores(y, "onceScoresArithmetic", o));
        p.twiceScoresArithmetic().ifPresent(o -> scores(y, "twiceScoresArithmetic", o));
        p.twicePassesScoresArithmetic().ifPresent(o -> scores(y, "twicePassesScoresArithmetic", o));
        p.twicePassesBytesPerSecond().ifPresent(f -> figure(y, "", "twicePassesBandwidth", f, "B/s"));
        p.twicePassesStepSecondsPerScore().ifPresent(f -> figure(y, "", "twicePassesStepPerScore", f, "s"));
        p.forwardArithmetic().ifPresent(f -> {
            y.append("forwardArithmetic:\n");
            f.cases().forEach(c -> figure(y, "  ", "headDim" + c.headDim(), c.factor(), ""));
        });
        Efficiency e = p.efficiency();
        y.append("efficiency:\n");
        figure(y, "  ", "matrix", e.matrixFraction(), "");
        figure(y, "  ", "vector", e.vectorFraction(), "");
        figure(y, "  ", "exponential", e.exponentialFraction(), "");
        figure(y, "  ", "memory", e.memoryFraction(), "");
        figure(y, "  ", "matrixHalfRate", e.matrixHalfRateFlops(), "FLOP");
        figure(y, "  ", "memoryHalfRate", e.memoryHalfRateBytes(), "B");
        return y.toString();
    }

    private static void scores(StringBuilder y, String field, ScoresArithmetic scores) {
        y.append(field).append(":\n");
        scores.cases().forEach(c -> figure(y, "  ", (c.headDim() == ScoresArithmetic.HEAD_DIM ? "" : "d" + c.headDim())
                + "heads" + c.heads(), c.factor(), ""));
    }

    private static void level(StringBuilder y, String field, MemoryLevel level) {
        y.append(field).append(":\n");
        y.append("  name: ").append(quote(level.name())).append('\n');
        figure(y, "  ", "bandwidth", level.bandwidthBytesPerSecond(), "B/s");
        figure(y, "  ", "capacity", level.capacityBytes(), "B");
    }

    /** The six figures of the loop over quantised rows at one length, each line indented by {@code indent}. */
    private static void quantised(StringBuilder y, String indent, DecodeTileQuantised i) {
        figure(y, indent, "oneHeadFactor", i.oneHeadFactor(), "");
        figure(y, indent, "furtherHeadFactor", i.furtherHeadFactor(), "");
        i.overlapExponent().ifPresent(f -> figure(y, indent, "overlapExponent", f, ""));
        i.oneHeadOverlapExponent().ifPresent(f -> figure(y, indent, "oneHeadOverlapExponent", f, ""));
        i.furtherPassFactor().ifPresent(f -> figure(y, indent, "furtherPassFactor", f, ""));
        i.pairedStart().ifPresent(f -> figure(y, indent, "pairedStart", f, "s"));
    }

    private static void figure(StringBuilder y, String indent, String field, Figure f, String unit) {
        String value = Double.toString(f.value()) + (unit.isEmpty() ? "" : " " + unit);
        y.append(indent).append(field).append(": {value: ").append(quote(value)).append(", source: ")
                .append(quote(f.source())).append("}\n");
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
