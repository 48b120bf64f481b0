package org.attnsim.hwmodels;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reading YAML as a tree with errors that name the field by its dotted path ({@code workload.seqLen}),
 * say what is wrong and what is allowed. Shared by the profile and scenario readers.
 */
public final class YamlTree {

    /** A key given twice is an error: YAML's last-one-wins would silently drop the first value. */
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

    private YamlTree() {
    }

    /**
     * Parses YAML; a syntax error or a key given twice names its line and column, in one line.
     * {@code what} describes the expected content.
     */
    public static JsonNode read(InputStream in, String where, String what) {
        try {
            JsonNode root = YAML.readTree(in);
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(where, "not a mapping", "expected " + what);
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(where, "not valid YAML" + problem(e), "expected " + what);
        } catch (IOException e) {
            throw new InvalidInputException(where, "cannot read (" + e.getMessage() + ")", "expected " + what);
        }
    }

    /**
     * Where and what the parser found wrong, on one line: SnakeYAML's own message quotes the offending lines
     * with a caret under the column, which would split the CLI's one-line error.
     */
    private static String problem(JsonProcessingException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
                Mark mark = yaml.getProblemMark();
                String at = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
                String context = yaml.getContext() == null ? "" : yaml.getContext() + ": ";
                return at + " (" + context + yaml.getProblem() + ")";
            }
        }
        JsonLocation loc = e.getLocation();
        String at = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return at + " (" + e.getOriginalMessage().lines().findFirst().orElse("").trim() + ")";
    }

    /** The dotted path of {@code field} under {@code parent} ("" at the top level). */
    public static String path(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    /** Rejects fields not in {@code allowed}, naming the unknown one and listing the known ones. */
    public static void checkFields(JsonNode node, String path, Set<String> allowed) {
        if (!node.isObject()) {
            throw new InvalidInputException(path.isEmpty() ? "(top level)" : path, "not a mapping",
                    "expected fields " + sorted(allowed));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!allowed.contains(n)) {
                throw new InvalidInputException(path(path, n), "unknown field", "known fields: " + sorted(allowed));
            }
        }
    }

    public static JsonNode required(JsonNode node, String field, String parent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidInputException(path(parent, field), "missing field", "this field is required");
        }
        return v;
    }

    public static String text(JsonNode node, String field, String parent) {
        return text(required(node, field, parent), path(parent, field));
    }

    public static String text(JsonNode v, String path) {
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new InvalidInputException(path, "not a text value", "expected a non-empty string");
        }
        return v.asText().trim();
    }

    /** A whole number at least {@code min}; rejects fractions, text and booleans. */
    public static int integer(JsonNode v, String path, int min) {
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            String shown = v.isValueNode() ? "'" + v.asText() + "'" : "a " + v.getNodeType().name().toLowerCase();
            throw new InvalidInputException(path, shown + " is not a whole number", "expected a whole number >= " + min);
        }
        int value = v.asInt();
        if (value < min) {
            throw new InvalidInputException(path, "value " + value + " is too small", "expected a whole number >= " + min);
        }
        return value;
    }

    public static boolean bool(JsonNode v, String path) {
        if (!v.isBoolean()) {
            throw new InvalidInputException(path, "'" + v.asText() + "' is not a boolean", "expected true or false");
        }
        return v.asBoolean();
    }

    /** A scalar or a list of scalars, as a list: sweepable fields accept both. */
    public static List<JsonNode> oneOrMany(JsonNode v, String path) {
        List<JsonNode> items = new ArrayList<>();
        if (v.isArray()) {
            if (v.isEmpty()) {
                throw new InvalidInputException(path, "empty list", "give one value or a list of values");
            }
            v.forEach(items::add);
        } else {
            items.add(v);
        }
        return items;
    }

    public static String sorted(Set<String> names) {
        List<String> list = new ArrayList<>(names);
        list.sort(null);
        return String.join(", ", list);
    }
}
