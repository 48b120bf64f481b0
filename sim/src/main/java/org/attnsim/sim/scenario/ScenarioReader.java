package org.attnsim.sim.scenario;

import static org.attnsim.hwmodels.YamlTree.bool;
import static org.attnsim.hwmodels.YamlTree.checkFields;
import static org.attnsim.hwmodels.YamlTree.integer;
import static org.attnsim.hwmodels.YamlTree.oneOrMany;
import static org.attnsim.hwmodels.YamlTree.path;
import static org.attnsim.hwmodels.YamlTree.required;
import static org.attnsim.hwmodels.YamlTree.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.hwmodels.YamlTree;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.FfnKind;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.Term;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;

/**
 * Reads and validates a scenario YAML (schema: {@code scenarios/README.md}). Every error names the
 * file and the dotted field path; nothing is run until the whole file is valid.
 */
public final class ScenarioReader {

    static final Set<String> TOP = Set.of("name", "description", "model", "variants", "baseline", "hardware",
            "workload", "scope", "sparq", "terms");
    static final Set<String> MODEL = Set.of("dModel", "heads", "layers", "ffn", "ffnHidden", "vocab");
    static final Set<String> WORKLOAD = Set.of("phase", "seqLen", "batch", "causal", "dtype", "algorithm");
    static final Set<String> VARIANT = Set.of("variant", "queryHeads", "kvHeads", "label");
    static final Set<String> SPARQ = Set.of("r", "k", "window", "keyLayout", "meanValue");

    private ScenarioReader() {
    }

    public static Scenario read(Path file) {
        String where = file.toString();
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode root = YamlTree.read(in, where, "a scenario mapping (see scenarios/README.md)");
            try {
                return parse(root, where, file.toAbsolutePath().getParent());
            } catch (InvalidInputException e) {
                throw e.within(where);
            }
        } catch (IOException e) {
            throw new InvalidInputException(where, "cannot read file (" + e.getMessage() + ")",
                    "expected a readable scenario YAML");
        }
    }

    static Scenario parse(JsonNode root, String source, Path baseDir) {
        checkFields(root, "", TOP);
        String name = text(root, "name", "");
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidInputException("name", "'" + name + "' cannot name an output folder",
                    "use letters, digits, '.', '_' and '-'");
        }
        String description = root.has("description") ? text(root, "description", "") : "";

        JsonNode m = required(root, "model", "");
        checkFields(m, "model", MODEL);
        int dModel = integer(required(m, "dModel", "model"), "model.dModel", 1);
        int heads = integer(required(m, "heads", "model"), "model.heads", 1);
        AttentionShape.of(dModel, heads, heads, heads, "model.heads");
        ModelSpec model = null;
        boolean anyModelField = m.has("layers") || m.has("ffnHidden") || m.has("vocab") || m.has("ffn");
        if (anyModelField) {
            int layers = integer(required(m, "layers", "model"), "model.layers", 1);
            int hidden = integer(required(m, "ffnHidden", "model"), "model.ffnHidden", 1);
            int vocab = integer(required(m, "vocab", "model"), "model.vocab", 1);
            FfnKind ffn = m.has("ffn") ? FfnKind.parse(text(m, "ffn", "model"), "model.ffn") : FfnKind.SWIGLU;
            model = ModelSpec.of(layers, ffn, hidden, vocab, "model");
        }

        Scope scope = root.has("scope") ? Scope.parse(text(root, "scope", ""), "scope") : Scope.LAYER;
        if (scope == Scope.MODEL && model == null) {
            throw new InvalidInputException("scope", "scope model needs the whole model",
                    "give model.layers, model.ffnHidden and model.vocab, or use scope attention or layer");
        }

        List<VariantChoice> variants = variants(required(root, "variants", ""), dModel, heads);
        int baseline = 0;
        if (root.has("baseline")) {
            String b = text(root, "baseline", "");
            baseline = -1;
            for (int i = 0; i < variants.size(); i++) {
                VariantChoice v = variants.get(i);
                if (v.label().equalsIgnoreCase(b) || v.variant().id().equalsIgnoreCase(b)) {
                    baseline = i;
                    break;
                }
            }
            if (baseline < 0) {
                List<String> labels = new ArrayList<>();
                variants.forEach(v -> labels.add(v.label()));
                throw new InvalidInputException("baseline", "'" + b + "' is not one of the variants",
                        "allowed: " + String.join(", ", labels));
            }
        }

        List<HardwareProfile> hardware = new ArrayList<>();
        List<JsonNode> hw = oneOrMany(required(root, "hardware", ""), "hardware");
        for (int i = 0; i < hw.size(); i++) {
            String at = "hardware[" + i + "]";
            hardware.add(HardwareCatalog.resolve(text(hw.get(i), at), at, baseDir));
        }

        JsonNode w = required(root, "workload", "");
        checkFields(w, "workload", WORKLOAD);
        List<Phase> phases = new ArrayList<>();
        for (JsonNode p : oneOrMany(required(w, "phase", "workload"), "workload.phase")) {
            phases.add(Phase.parse(text(p, "workload.phase"), "workload.phase"));
        }
        List<Integer> seqLens = positiveInts(required(w, "seqLen", "workload"), "workload.seqLen");
        List<Integer> batches = w.has("batch") ? positiveInts(w.get("batch"), "workload.batch") : List.of(1);
        boolean causal = !w.has("causal") || bool(w.get("causal"), "workload.causal");
        Dtype dtype = w.has("dtype") ? Dtype.parse(text(w, "dtype", "workload"), "workload.dtype") : Dtype.BF16;
        Algorithm algorithm = w.has("algorithm")
                ? Algorithm.parse(text(w, "algorithm", "workload"), "workload.algorithm") : Algorithm.TILED;

        List<SparqConfig> sparq = root.has("sparq") ? sparq(root.get("sparq")) : List.of();
        if (!sparq.isEmpty()) {
            for (SparqConfig c : sparq) {
                for (int s : seqLens) {
                    c.validate(dModel / heads, s, "sparq");
                }
            }
        }
        Terms terms = root.has("terms") ? terms(root.get("terms")) : Terms.all();
        return new Scenario(name, description, source, variants, baseline, hardware, dedupe(phases), seqLens, batches,
                causal, dtype, algorithm, scope, model, sparq, terms);
    }

    private static List<VariantChoice> variants(JsonNode node, int dModel, int heads) {
        List<VariantChoice> out = new ArrayList<>();
        List<JsonNode> items = oneOrMany(node, "variants");
        for (int i = 0; i < items.size(); i++) {
            String at = "variants[" + i + "]";
            JsonNode item = items.get(i);
            if (item.isValueNode()) {
                Variant v = Variant.parse(text(item, at), at);
                out.add(Choices.of(v, v.shape(dModel, heads, null, null, at)));
                continue;
            }
            checkFields(item, at, VARIANT);
            Variant v = Variant.parse(text(item, "variant", at), path(at, "variant"));
            List<Integer> qs = item.has("queryHeads") ? positiveInts(item.get("queryHeads"), path(at, "queryHeads"))
                    : java.util.Collections.singletonList(null);
            List<Integer> kvs = item.has("kvHeads") ? positiveInts(item.get("kvHeads"), path(at, "kvHeads"))
                    : java.util.Collections.singletonList(null);
            String label = item.has("label") ? text(item, "label", at) : null;
            boolean swept = qs.size() > 1 || kvs.size() > 1;
            for (Integer q : qs) {
                for (Integer kv : kvs) {
                    if (q != null && kv != null && kv > q && swept) {
                        continue; // a sweep's grid may hold impossible pairs; only valid ones are run
                    }
                    AttentionShape s = v.shape(dModel, heads, q, kv, at);
                    String counts = " " + s.queryHeads() + "/" + s.kvHeads();
                    if (label != null) {
                        out.add(new VariantChoice(v, s, swept ? label + counts : label));
                    } else {
                        out.add(swept ? new VariantChoice(v, s, v.label() + counts) : Choices.of(v, s));
                    }
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        List<VariantChoice> unique = new ArrayList<>();
        for (VariantChoice c : out) {
            if (seen.add(c.label())) {
                unique.add(c);
            } else {
                throw new InvalidInputException("variants", "variant '" + c.label() + "' appears twice",
                        "give each variant once, or give distinct labels");
            }
        }
        return unique;
    }

    private static List<SparqConfig> sparq(JsonNode node) {
        checkFields(node, "sparq", SPARQ);
        List<Integer> rs = positiveInts(required(node, "r", "sparq"), "sparq.r");
        List<Integer> ks = positiveInts(required(node, "k", "sparq"), "sparq.k");
        int window = node.has("window") ? integer(node.get("window"), "sparq.window", 0) : 0;
        List<KeyLayout> layouts = new ArrayList<>();
        if (node.has("keyLayout")) {
            for (JsonNode l : oneOrMany(node.get("keyLayout"), "sparq.keyLayout")) {
                layouts.add(KeyLayout.parse(text(l, "sparq.keyLayout"), "sparq.keyLayout"));
            }
        } else {
            layouts.add(KeyLayout.TWICE);
        }
        boolean mean = !node.has("meanValue") || bool(node.get("meanValue"), "sparq.meanValue");
        List<SparqConfig> out = new ArrayList<>();
        for (KeyLayout l : dedupe(layouts)) {
            for (int r : rs) {
                for (int k : ks) {
                    out.add(new SparqConfig(r, k, window, l, mean));
                }
            }
        }
        return out;
    }

    private static Terms terms(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidInputException("terms", "not a mapping", "expected term: true|false pairs");
        }
        Terms terms = Terms.all();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String at = path("terms", f.getKey());
            terms = terms.with(Term.parse(f.getKey(), at), bool(f.getValue(), at));
        }
        return terms;
    }

    private static List<Integer> positiveInts(JsonNode node, String at) {
        List<Integer> out = new ArrayList<>();
        List<JsonNode> items = oneOrMany(node, at);
        for (int i = 0; i < items.size(); i++) {
            out.add(integer(items.get(i), items.size() > 1 ? at + "[" + i + "]" : at, 1));
        }
        return dedupe(out);
    }

    private static <T> List<T> dedupe(List<T> items) {
        return new ArrayList<>(new LinkedHashSet<>(items));
    }
}
