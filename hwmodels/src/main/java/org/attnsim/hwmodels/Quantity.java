package org.attnsim.hwmodels;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses quantities written with SI (k, M, G, T, P) or binary (Ki, Mi, Gi, Ti) prefixes, such as
 * {@code "1555 GB/s"}, {@code "40 GiB"}, {@code "1.41 GHz"}, {@code "4 us"} or a plain number in base
 * units. Prefixes exist only at the edges (YAML, reports); everything inside is in base units.
 */
public final class Quantity {

    /** The kinds of quantity a profile holds, each with the unit spellings it accepts. */
    public enum Kind {
        FLOPS_PER_SECOND("FLOP/s", "FLOP/s", "FLOPS", "flop/s"),
        EXPONENTIALS_PER_SECOND("exp/s", "exp/s", "/s"),
        OPS_PER_SECOND("op/s", "op/s", "ops/s"),
        BYTES_PER_SECOND("B/s", "B/s"),
        BYTES("B", "B"),
        HERTZ("Hz", "Hz"),
        SECONDS("s", "s"),
        FLOPS("FLOP", "FLOP"),
        COUNT("", ""),
        FRACTION("", "");

        private final String display;
        private final String[] units;

        Kind(String display, String... units) {
            this.display = display;
            this.units = units;
        }

        public String display() {
            return display;
        }
    }

    private static final Pattern FORM =
            Pattern.compile("^\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)\\s*(.*?)\\s*$");

    private Quantity() {
    }

    /** Parses {@code text} as a quantity of {@code kind}; {@code where} names the field for errors. */
    public static double parse(String text, Kind kind, String where) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(where, "missing value", "expected a number" + unitHint(kind));
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new InvalidInputException(where, "'" + text + "' is not a quantity",
                    "expected a number" + unitHint(kind));
        }
        double number = Double.parseDouble(m.group(1));
        String rest = m.group(2);
        if (rest.isEmpty()) {
            return number;
        }
        if (kind == Kind.COUNT || kind == Kind.FRACTION) {
            if (kind == Kind.FRACTION && rest.equals("%")) {
                return number / 100.0;
            }
            throw new InvalidInputException(where, "unexpected unit '" + rest + "'", "expected a plain number");
        }
        if (kind == Kind.SECONDS) {
            return number * timeFactor(rest, where);
        }
        for (String unit : kind.units) {
            if (rest.endsWith(unit)) {
                String prefix = rest.substring(0, rest.length() - unit.length()).trim();
                return number * prefixFactor(prefix, kind, where, text);
            }
        }
        throw new InvalidInputException(where, "'" + text + "' has the wrong unit",
                "expected a number" + unitHint(kind));
    }

    private static double timeFactor(String unit, String where) {
        switch (unit) {
            case "s":
                return 1.0;
            case "ms":
                return 1e-3;
            case "us":
            case "µs":
                return 1e-6;
            case "ns":
                return 1e-9;
            default:
                throw new InvalidInputException(where, "unknown time unit '" + unit + "'", "allowed: s, ms, us, ns");
        }
    }

    private static double prefixFactor(String prefix, Kind kind, String where, String text) {
        switch (prefix) {
            case "":
                return 1.0;
            case "k":
            case "K":
                return 1e3;
            case "M":
                return 1e6;
            case "G":
                return 1e9;
            case "T":
                return 1e12;
            case "P":
                return 1e15;
            case "Ki":
                return 1024.0;
            case "Mi":
                return 1024.0 * 1024;
            case "Gi":
                return 1024.0 * 1024 * 1024;
            case "Ti":
                return 1024.0 * 1024 * 1024 * 1024;
            default:
                throw new InvalidInputException(where, "unknown prefix '" + prefix + "' in '" + text + "'",
                        "allowed prefixes: k, M, G, T, P, Ki, Mi, Gi, Ti");
        }
    }

    private static String unitHint(Kind kind) {
        return kind.display.isEmpty() ? "" : " with an optional unit in " + kind.display
                + " (prefixes k, M, G, T, P, Ki, Mi, Gi, Ti)";
    }

    /** Formats a value in base units with an SI prefix, e.g. 1.555e12 B/s as "1.56 TB/s". */
    public static String format(double value, String unit) {
        double abs = Math.abs(value);
        String[] prefixes = {"", "k", "M", "G", "T", "P", "E"};
        int i = 0;
        double scaled = value;
        while (abs >= 1000.0 && i < prefixes.length - 1) {
            abs /= 1000.0;
            scaled /= 1000.0;
            i++;
        }
        if (value != 0 && Math.abs(value) < 1.0 && unit.equals("s")) {
            return formatSeconds(value);
        }
        return String.format(Locale.ROOT, "%.3g %s%s", scaled, prefixes[i], unit).trim();
    }

    /** Formats seconds as s, ms, us or ns with three significant digits. */
    public static String formatSeconds(double seconds) {
        double abs = Math.abs(seconds);
        if (abs >= 1.0 || abs == 0.0) {
            return String.format(Locale.ROOT, "%.3g s", seconds);
        }
        if (abs >= 1e-3) {
            return String.format(Locale.ROOT, "%.3g ms", seconds * 1e3);
        }
        if (abs >= 1e-6) {
            return String.format(Locale.ROOT, "%.3g us", seconds * 1e6);
        }
        return String.format(Locale.ROOT, "%.3g ns", seconds * 1e9);
    }
}
