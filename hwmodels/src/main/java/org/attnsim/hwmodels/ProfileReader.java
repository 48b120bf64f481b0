package org.attnsim.hwmodels;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.attnsim.hwmodels.YamlTree.checkFields;
import static org.attnsim.hwmodels.YamlTree.required;
import static org.attnsim.hwmodels.YamlTree.text;

/**
 * Reads a hardware profile YAML. Walks the tree by hand so that every error names the exact field
 * ({@code deviceMemory.bandwidth.value}), what is wrong with it and what is allowed.
 */
public final class ProfileReader {

    private static final Set<String> TOP_FIELDS = Set.of("id", "name", "kind", "description", "parallelUnits",
            "clock", "matrixRate", "vectorRate", "otherVectorRate", "exponentialRate", "dependentFmaRate",
            "dependentFmaRate128", "scalarRate", "scalarExpRate",
            "deviceMemory", "pageRunBandwidth", "unitBandwidth", "unitPageRunBandwidth", "overlapExponent",
            "lastLevelCache", "sramPerUnit", "sectorBytes", "launchLatency", "launchLatencyAfterWork",
            "opStartAfterWork", "stageStartAfterWork", "memoryLatency", "gatherLinesInFlight",
            "decodeTile", "onceScoresArithmetic", "twiceScoresArithmetic", "twicePassesScoresArithmetic",
            "twicePassesBandwidth", "twicePassesStepPerScore", "forwardArithmetic",
            "efficiency");
    private static final Set<String> FIGURE_FIELDS = Set.of("value", "source");
    private static final Pattern SCORES_CASE = Pattern.compile("(?:d(\\d{1,4}))?heads(\\d{1,4})");
    private static final Pattern HEAD_DIM_CASE = Pattern.compile("headDim(\\d{1,4})");
    private static final Pattern ROWS_CASE = Pattern.compile("rows(\\d{1,4})");
    private static final Set<String> TILE_FIELDS = Set.of("oneHead", "furtherHead", "oneHeadOverlapExponent",
            "oneUnitBandwidth", "furtherPassFactor", "pairedStart", "int8", "fp8");
    private static final Set<String> TILE_QUANTISED_FIELDS = Set.of("oneHeadFactor", "furtherHeadFactor",
            "overlapExponent", "oneHeadOverlapExponent", "furtherPassFactor", "pairedStart");
    private static final Set<String> TILE_ROWS_FIELDS = Set.of("oneHead", "furtherHead", "overlapExponent",
            "oneHeadOverlapExponent", "furtherPassFactor", "pairedStart");
    private static final String TILE_ALLOWED = "known fields: " + new TreeSet<>(TILE_FIELDS) + " (int8 and fp8: {"
            + String.join(", ", new TreeSet<>(TILE_QUANTISED_FIELDS)) + "}), and rowsN: {"
            + String.join(", ", new TreeSet<>(TILE_ROWS_FIELDS)) + "} for rows of N >= 1 floats other than "
            + DecodeTile.ROW_FLOATS;
    private static final Set<String> LEVEL_FIELDS = Set.of("name", "bandwidth", "capacity");
    private static final Set<String> EFFICIENCY_FIELDS = Set.of("matrix", "vector", "exponential", "memory",
            "matrixHalfRate", "memoryHalfRate");

    private ProfileReader() {
    }

    public static HardwareProfile read(Path file) {
        String where = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, where, where);
        } catch (IOException e) {
            throw new InvalidInputException(where, "cannot read file (" + e.getMessage() + ")",
                    "expected a readable hardware profile YAML");
        }
    }

    /** Reads a profile from {@code in}; {@code where} names it in errors, {@code origin} is recorded. */
    public static HardwareProfile read(InputStream in, String where, String origin) {
        JsonNode root = YamlTree.read(in, where, "a hardware profile mapping");
        try {
            return parse(root, origin);
        } catch (InvalidInputException e) {
            throw e.within(where);
        }
    }

    static HardwareProfile parse(JsonNode root, String origin) {
        checkFields(root, "", TOP_FIELDS);
        String id = text(root, "id", "");
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new InvalidInputException("id", "'" + id + "' is not a valid id",
                    "use lower-case letters, digits, '.', '_' and '-'");
        }
        String name = text(root, "name", "");
        DeviceKind kind = kind(text(root, "kind", ""));

        Figure units = figure(root, "parallelUnits", Quantity.Kind.COUNT, true);
        if (units.value() != Math.rint(units.value()) || units.value() < 1) {
            throw new InvalidInputException("parallelUnits.value", "must be a whole number >= 1", "e.g. 108");
        }
        Figure clock = figure(root, "clock", Quantity.Kind.HERTZ, true);

        JsonNode matrix = required(root, "matrixRate", "");
        Map<Dtype, Figure> matrixRates = new EnumMap<>(Dtype.class);
        checkFields(matrix, "matrixRate", Set.of("bf16", "fp16", "fp32"));
        for (Dtype d : Dtype.values()) {
            matrixRates.put(d, figure(matrix, d.id(), "matrixRate.", Quantity.Kind.FLOPS_PER_SECOND, true));
        }
        Figure vector = figure(root, "vectorRate", Quantity.Kind.FLOPS_PER_SECOND, true);
        Optional<Figure> otherVector = optionalFigure(root, "otherVectorRate", Quantity.Kind.OPS_PER_SECOND);
        Figure exp = figure(root, "exponentialRate", Quantity.Kind.EXPONENTIALS_PER_SECOND, true);
        Optional<Figure> dependentFma = optionalFigure(root, "dependentFmaRate", Quantity.Kind.FLOPS_PER_SECOND);
        Optional<Figure> dependentFma128 = optionalFigure(root, "dependentFmaRate128", Quantity.Kind.FLOPS_PER_SECOND);
        Optional<Figure> scalar = optionalFigure(root, "scalarRate", Quantity.Kind.OPS_PER_SECOND);
        Optional<Figure> scalarExp = optionalFigure(root, "scalarExpRate", Quantity.Kind.EXPONENTIALS_PER_SECOND);
        MemoryLevel memory = level(root, "deviceMemory");
        Optional<Figure> pageRuns = optionalFigure(root, "pageRunBandwidth", Quantity.Kind.BYTES_PER_SECOND);
        Optional<Figure> unit = optionalFigure(root, "unitBandwidth", Quantity.Kind.BYTES_PER_SECOND);
        Optional<Figure> unitPageRuns = optionalFigure(root, "unitPageRunBandwidth", Quantity.Kind.BYTES_PER_SECOND);
        Optional<Figure> overlap = optionalFigure(root, "overlapExponent", Quantity.Kind.COUNT);
        MemoryLevel cache = level(root, "lastLevelCache");
        Figure sram = figure(root, "sramPerUnit", Quantity.Kind.BYTES, true);
        Figure sector = figure(root, "sectorBytes", Quantity.Kind.BYTES, true);
        Figure launch = figure(root, "launchLatency", Quantity.Kind.SECONDS, false);
        Optional<Figure> launchAfterWork = optionalFigure(root, "launchLatencyAfterWork", Quantity.Kind.SECONDS);
        // Zero where the calibration found no op start beyond the waking (its median at or below 0), or no stage start
        // beyond the op start.
        Optional<Figure> opStartAfterWork = root.has("opStartAfterWork")
                ? Optional.of(figure(root, "opStartAfterWork", Quantity.Kind.SECONDS, false)) : Optional.empty();
        Optional<Figure> stageStartAfterWork = root.has("stageStartAfterWork")
                ? Optional.of(figure(root, "stageStartAfterWork", Quantity.Kind.SECONDS, false)) : Optional.empty();
        Figure latency = figure(root, "memoryLatency", Quantity.Kind.SECONDS, false);
        Optional<Figure> gatherLines = optionalFigure(root, "gatherLinesInFlight", Quantity.Kind.COUNT);
        Optional<DecodeTile> decodeTile = Optional.empty();
        if (root.has("decodeTile")) {
            decodeTile = Optional.of(decodeTile(root.get("decodeTile")));
        }
        Optional<ScoresArithmetic> onceScores = scores(root, "onceScoresArithmetic");
        Optional<ScoresArithmetic> twiceScores = scores(root, "twiceScoresArithmetic");
        Optional<ScoresArithmetic> twicePassesScores = scores(root, "twicePassesScoresArithmetic");
        Optional<Figure> twicePassesBytesPerSecond = optionalFigure(root, "twicePassesBandwidth",
                Quantity.Kind.BYTES_PER_SECOND);
        // A calibration whose step measured no excess writes 0 (Calibration.passesStep), and reads it back.
        Optional<Figure> twicePassesStep = optional(root, "twicePassesStepPerScore", "", Quantity.Kind.SECONDS, false);
        Optional<ForwardArithmetic> forward = forward(root, "forwardArithmetic");

        JsonNode eff = required(root, "efficiency", "");
        checkFields(eff, "efficiency", EFFICIENCY_FIELDS);
        Efficiency efficiency = new Efficiency(
                fraction(eff, "matrix"),
                fraction(eff, "vector"),
                fraction(eff, "exponential"),
                fraction(eff, "memory"),
                figure(eff, "matrixHalfRate", "efficiency.", Quantity.Kind.FLOPS, false),
                figure(eff, "memoryHalfRate", "efficiency.", Quantity.Kind.BYTES, false));

        return new HardwareProfile(id, name, kind, origin, units, clock, matrixRates, vector, otherVector, exp,
                dependentFma, dependentFma128, scalar, scalarExp, memory, pageRuns, unit, unitPageRuns, overlap, cache,
                sram, sector, launch, launchAfterWork, opStartAfterWork, stageStartAfterWork, latency,
                gatherLines, decodeTile, onceScores, twiceScores, twicePassesScores, twicePassesBytesPerSecond,
                twicePassesStep, forward, efficiency);
    }

    /** The decoding tile's figures, and under each {@code rowsN} its figures with rows of N floats. */
    private static DecodeTile decodeTile(JsonNode tile) {
        if (!tile.isObject()) {
            throw new InvalidInputException("decodeTile", "not a mapping", TILE_ALLOWED);
        }
        List<DecodeTileRows> otherRows = new ArrayList<>();
        Set<Integer> lengths = new HashSet<>();
        for (Iterator<String> names = tile.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Matcher m = ROWS_CASE.matcher(name);
            String path = "decodeTile." + name;
            if (m.matches()) {
                int rowFloats = Integer.parseInt(m.group(1));
                if (rowFloats < 1 || rowFloats == DecodeTile.ROW_FLOATS || !lengths.add(rowFloats)) {
                    throw new InvalidInputException(path, rowFloats == DecodeTile.ROW_FLOATS ? "the tile's own rows"
                            : lengths.contains(rowFloats) ? "a second case for rows of " + rowFloats + " floats"
                            : "no rows", TILE_ALLOWED);
                }
                JsonNode rows = tile.get(name);
                checkFields(rows, path, TILE_ROWS_FIELDS);
                String prefix = path + ".";
                otherRows.add(new DecodeTileRows(rowFloats,
                        figure(rows, "oneHead", prefix, Quantity.Kind.SECONDS, true),
                        figure(rows, "furtherHead", prefix, Quantity.Kind.SECONDS, false),
                        optional(rows, "overlapExponent", prefix, Quantity.Kind.COUNT, true),
                        optional(rows, "oneHeadOverlapExponent", prefix, Quantity.Kind.COUNT, true),
                        optional(rows, "furtherPassFactor", prefix, Quantity.Kind.COUNT, true),
                        signed(rows, "pairedStart", prefix)));
            } else if (!TILE_FIELDS.contains(name)) {
                throw new InvalidInputException(path, "unknown field", TILE_ALLOWED);
            }
        }
        String prefix = "decodeTile.";
        return new DecodeTile(figure(tile, "oneHead", prefix, Quantity.Kind.SECONDS, true),
                figure(tile, "furtherHead", prefix, Quantity.Kind.SECONDS, false),
                optional(tile, "oneHeadOverlapExponent", prefix, Quantity.Kind.COUNT, true),
                optional(tile, "oneUnitBandwidth", prefix, Quantity.Kind.BYTES_PER_SECOND, true),
                optional(tile, "furtherPassFactor", prefix, Quantity.Kind.COUNT, true),
                signed(tile, "pairedStart", prefix), otherRows,
                quantised(tile, QuantisedCache.INT8), quantised(tile, QuantisedCache.FP8));
    }

    /**
     * The loop's figures over rows of {@code type}, under {@code decodeTile.<type>} where the profile has them, and
     * under its {@code rowsN} those at rows of N floats.
     */
    private static Optional<DecodeTileQuantised> quantised(JsonNode tile, QuantisedCache type) {
        if (!tile.has(type.id())) {
            return Optional.empty();
        }
        JsonNode node = tile.get(type.id());
        String path = "decodeTile." + type.id();
        String allowed = "known fields: " + new TreeSet<>(TILE_QUANTISED_FIELDS) + ", and rowsN: {the same} for rows "
                + "of N >= 1 floats other than " + DecodeTile.ROW_FLOATS;
        if (!node.isObject()) {
            throw new InvalidInputException(path, "not a mapping", allowed);
        }
        List<DecodeTileQuantised.Rows> otherRows = new ArrayList<>();
        Set<Integer> lengths = new HashSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            Matcher m = ROWS_CASE.matcher(name);
            if (m.matches()) {
                int rowFloats = Integer.parseInt(m.group(1));
                if (rowFloats < 1 || rowFloats == DecodeTile.ROW_FLOATS || !lengths.add(rowFloats)) {
                    throw new InvalidInputException(path + "." + name, rowFloats == DecodeTile.ROW_FLOATS
                            ? "the figures' own rows" : lengths.contains(rowFloats) ? "a second case for rows of "
                            + rowFloats + " floats" : "no rows", allowed);
                }
                checkFields(node.get(name), path + "." + name, TILE_QUANTISED_FIELDS);
                otherRows.add(new DecodeTileQuantised.Rows(rowFloats, quantisedFigures(node.get(name),
                        path + "." + name)));
            } else if (!TILE_QUANTISED_FIELDS.contains(name)) {
                throw new InvalidInputException(path + "." + name, "unknown field", allowed);
            }
        }
        return Optional.of(quantisedFigures(node, path).withOtherRows(otherRows));
    }

    /** The six figures of {@link DecodeTileQuantised} at one rows' length, under {@code path}. */
    private static DecodeTileQuantised quantisedFigures(JsonNode node, String path) {
        String prefix = path + ".";
        return new DecodeTileQuantised(figure(node, "oneHeadFactor", prefix, Quantity.Kind.COUNT, true),
                figure(node, "furtherHeadFactor", prefix, Quantity.Kind.COUNT, true),
                optional(node, "overlapExponent", prefix, Quantity.Kind.COUNT, true),
                optional(node, "oneHeadOverlapExponent", prefix, Quantity.Kind.COUNT, true),
                optional(node, "furtherPassFactor", prefix, Quantity.Kind.COUNT, true),
                signed(node, "pairedStart", prefix));
    }

    /**
     * {heads1: {value, source}, heads2: ..., d96heads1: ...} under {@code field}: a factor for each measured number of
     * heads a row, at d {@value ScoresArithmetic#HEAD_DIM} or at the head size the case names.
     */
    private static Optional<ScoresArithmetic> scores(JsonNode root, String field) {
        if (!root.has(field)) {
            return Optional.empty();
        }
        JsonNode node = root.get(field);
        String allowed = "expected headsN: {value: <factor>, source: <text>} for N query heads a row, N >= 1, at d "
                + ScoresArithmetic.HEAD_DIM + ", or dMheadsN at head size M";
        if (!node.isObject() || node.size() == 0) {
            throw new InvalidInputException(field, "not a mapping of cases", allowed);
        }
        SortedMap<Integer, SortedMap<Integer, Figure>> byDim = new TreeMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String caseName = names.next();
            Matcher m = SCORES_CASE.matcher(caseName);
            int headDim = m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1)) : ScoresArithmetic.HEAD_DIM;
            if (!m.matches() || headDim < 1 || Integer.parseInt(m.group(2)) < 1) {
                throw new InvalidInputException(field + "." + caseName, "unknown case", allowed);
            }
            Figure factor = figure(node, caseName, field + ".", Quantity.Kind.COUNT, true);
            if (byDim.computeIfAbsent(headDim, d -> new TreeMap<>()).put(Integer.parseInt(m.group(2)), factor)
                    != null) {
                throw new InvalidInputException(field + "." + caseName, "a second case for d " + headDim + ", "
                        + m.group(2) + " heads", allowed);
            }
        }
        List<ScoresArithmetic.Case> cases = new ArrayList<>();
        byDim.forEach((d, heads) -> heads.forEach((h, f) -> cases.add(new ScoresArithmetic.Case(d, h, f))));
        return Optional.of(new ScoresArithmetic(cases));
    }

    /** {headDim32: {value, source}, headDim64: ...} under {@code field}: a factor for each measured head dimension. */
    private static Optional<ForwardArithmetic> forward(JsonNode root, String field) {
        return root.has(field) ? Optional.of(new ForwardArithmetic(factorCases(root.get(field), field, HEAD_DIM_CASE,
                "expected headDimN: {value: <factor>, source: <text>} for head dimension N >= 1").entrySet()
                .stream().map(e -> new ForwardArithmetic.Case(e.getKey(), e.getValue())).toList())) : Optional.empty();
    }

    /** The factors of a mapping of cases named by {@code name} (its group 1 the case's N >= 1), by N. */
    private static SortedMap<Integer, Figure> factorCases(JsonNode node, String field, Pattern name, String allowed) {
        if (!node.isObject() || node.size() == 0) {
            throw new InvalidInputException(field, "not a mapping of cases", allowed);
        }
        SortedMap<Integer, Figure> cases = new TreeMap<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String caseName = names.next();
            Matcher m = name.matcher(caseName);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1) {
                throw new InvalidInputException(field + "." + caseName, "unknown case", allowed);
            }
            if (cases.put(Integer.parseInt(m.group(1)), figure(node, caseName, field + ".", Quantity.Kind.COUNT,
                    true)) != null) {
                throw new InvalidInputException(field + "." + caseName, "a second case for " + m.group(1), allowed);
            }
        }
        return cases;
    }

    private static DeviceKind kind(String text) {
        for (DeviceKind k : DeviceKind.values()) {
            if (k.name().equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new InvalidInputException("kind", "unknown kind '" + text + "'", "allowed: gpu, cpu");
    }

    private static Figure fraction(JsonNode eff, String field) {
        Figure f = figure(eff, field, "efficiency.", Quantity.Kind.FRACTION, true);
        if (f.value() > 1.0) {
            throw new InvalidInputException("efficiency." + field + ".value", "fraction " + f.value() + " above 1",
                    "expected a fraction in (0, 1]");
        }
        return f;
    }

    private static MemoryLevel level(JsonNode root, String field) {
        JsonNode node = required(root, field, "");
        checkFields(node, field, LEVEL_FIELDS);
        String name = text(node, "name", field);
        return new MemoryLevel(name,
                figure(node, "bandwidth", field + ".", Quantity.Kind.BYTES_PER_SECOND, true),
                figure(node, "capacity", field + ".", Quantity.Kind.BYTES, true));
    }

    /** A positive figure that a profile may leave out (measured rates that datasheets do not give). */
    private static Optional<Figure> optionalFigure(JsonNode root, String field, Quantity.Kind kind) {
        return root.has(field) ? Optional.of(figure(root, field, kind, true)) : Optional.empty();
    }

    /** A figure under {@code prefix} (the node's path and a dot) where the node has the field. */
    private static Optional<Figure> optional(JsonNode node, String field, String prefix, Quantity.Kind kind,
            boolean positive) {
        return node.has(field) ? Optional.of(figure(node, field, prefix, kind, positive)) : Optional.empty();
    }

    /**
     * A time under {@code prefix} that may be below zero, where the node has the field: a decoding kernel's start,
     * which saves time where its second pass hides behind the first's reads.
     */
    private static Optional<Figure> signed(JsonNode node, String field, String prefix) {
        return node.has(field) ? Optional.of(figure(node, field, prefix, Quantity.Kind.SECONDS, Range.ANY))
                : Optional.empty();
    }

    private static Figure figure(JsonNode node, String field, Quantity.Kind kind, boolean positive) {
        return figure(node, field, "", kind, positive);
    }

    private static Figure figure(JsonNode node, String field, String prefix, Quantity.Kind kind, boolean positive) {
        return figure(node, field, prefix, kind, positive ? Range.POSITIVE : Range.NON_NEGATIVE);
    }

    /** The values a figure may take. */
    private enum Range {
        POSITIVE("must be a positive number"),
        NON_NEGATIVE("must be zero or more"),
        ANY("must be a number");

        private final String allowed;

        Range(String allowed) {
            this.allowed = allowed;
        }

        boolean holds(double value) {
            return this == ANY || value > 0 || (this == NON_NEGATIVE && value == 0);
        }
    }

    /** A figure must be a mapping {value, source} whose value lies in {@code range}. */
    private static Figure figure(JsonNode node, String field, String prefix, Quantity.Kind kind, Range range) {
        String path = prefix + field;
        JsonNode f = required(node, field, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
        if (!f.isObject()) {
            throw new InvalidInputException(path, "not a figure", "expected {value: <number with unit>, source: <text>}");
        }
        checkFields(f, path, FIGURE_FIELDS);
        JsonNode v = f.get("value");
        if (v == null || v.isNull()) {
            throw new InvalidInputException(path + ".value", "missing figure",
                    "every figure needs a value" + (kind.display().isEmpty() ? "" : " in " + kind.display()));
        }
        double value = v.isNumber() ? v.asDouble() : Quantity.parse(v.asText(), kind, path + ".value");
        if (Double.isNaN(value) || Double.isInfinite(value) || !range.holds(value)) {
            throw new InvalidInputException(path + ".value", "value " + v.asText() + " is out of range",
                    range.allowed);
        }
        JsonNode s = f.get("source");
        if (s == null || !s.isTextual() || s.asText().isBlank()) {
            throw new InvalidInputException(path + ".source", "missing source",
                    "every figure names where it comes from (datasheet, paper, measurement or estimate)");
        }
        return new Figure(value, s.asText().trim());
    }

}
