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
import java.util.function.BiConsumer;
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
import org.attnsim.sim.workload.Framework;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * Reads and validates a scenario YAML (schema: {@code scenarios/README.md}). Every error names the
 * file and the dotted field path; nothing is run until the whole file is valid.
 */
public final class ScenarioReader {

    static final Set<String> TOP = Set.of("name", "description", "model", "variants", "baseline", "hardware",
            "workload", "scope", "sparq", "terms", "reference", "tokenBudget");
    static final Set<String> MODEL = Set.of("dModel", "heads", "layers", "ffn", "ffnHidden", "vocab");
    static final Set<String> WORKLOAD = Set.of("phase", "seqLen", "batch", "shapes", "causal", "dtype", "kvDtype",
            "algorithm", "framework", "attentionDropout");
    static final Set<String> SHAPE = Set.of("seqLen", "batch", "phase");
    static final Set<String> REFERENCE = Set.of("source", "perSequence", "hardware", "phase", "times");
    static final Set<String> REFERENCE_TIME = Set.of("variant", "seqLen", "batch", "attention", "seconds");
    static final Set<String> VARIANT = Set.of("variant", "queryHeads", "kvHeads", "kvDtype", "label");
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
        List<Shape> shapes = shapes(w);
        boolean causal = !w.has("causal") || bool(w.get("causal"), "workload.causal");
        Dtype dtype = w.has("dtype") ? Dtype.parse(text(w, "dtype", "workload"), "workload.dtype") : Dtype.BF16;
        Algorithm algorithm = w.has("algorithm")
                ? Algorithm.parse(text(w, "algorithm", "workload"), "workload.algorithm") : Algorithm.TILED;
        Framework framework = w.has("framework")
                ? Framework.parse(text(w, "framework", "workload"), "workload.framework") : Framework.FUSED;
        double dropout = w.has("attentionDropout") ? probability(w.get("attentionDropout"), "workload.attentionDropout")
                : 0;

        List<SparqConfig> sparq = root.has("sparq") ? sparq(root.get("sparq")) : List.of();
        KvDtype kvDtype = w.has("kvDtype") ? KvDtype.parse(text(w, "kvDtype", "workload"), "workload.kvDtype")
                : KvDtype.of(dtype);
        Workload.checkKvDtype(kvDtype, dtype, algorithm, framework, !sparq.isEmpty(), "workload.kvDtype");
        List<VariantChoice> variants = variants(required(root, "variants", ""), dModel, heads,
                (kv, at) -> Workload.checkKvDtype(kv, dtype, algorithm, framework, !sparq.isEmpty(), at));
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

        for (SparqConfig c : sparq) {
            for (Shape shape : shapes) {
                c.validate(dModel / heads, shape.seqLen(), "sparq");
            }
        }
        Terms terms = root.has("terms") ? terms(root.get("terms")) : Terms.defaults();
        double budget = root.has("tokenBudget") ? positiveNumber(root.get("tokenBudget"), "tokenBudget") : 0;
        phases = dedupe(phases);
        Reference reference = root.has("reference")
                ? reference(root.get("reference"), variants, hardware, phases, shapes, sparq) : null;
        return new Scenario(name, description, source, variants, baseline, hardware, phases, shapes, causal, dtype,
                kvDtype, algorithm, framework, dropout, scope, model, sparq, terms, reference, budget);
    }

    /** Either an explicit list of {seqLen, batch} pairs, or every seqLen with every batch. */
    private static List<Shape> shapes(JsonNode w) {
        if (w.has("shapes")) {
            if (w.has("seqLen") || w.has("batch")) {
                throw new InvalidInputException("workload.shapes", "given together with seqLen or batch",
                        "give either shapes (a list of {seqLen, batch}) or seqLen and batch");
            }
            List<Shape> out = new ArrayList<>();
            List<JsonNode> items = oneOrMany(w.get("shapes"), "workload.shapes");
            for (int i = 0; i < items.size(); i++) {
                String at = "workload.shapes[" + i + "]";
                checkFields(items.get(i), at, SHAPE);
                Phase only = items.get(i).has("phase")
                        ? Phase.parse(text(items.get(i), "phase", at), path(at, "phase")) : null;
                out.add(new Shape(integer(required(items.get(i), "seqLen", at), path(at, "seqLen"), 1),
                        integer(required(items.get(i), "batch", at), path(at, "batch"), 1), only));
            }
            return dedupe(out);
        }
        List<Integer> seqLens = positiveInts(required(w, "seqLen", "workload"), "workload.seqLen");
        List<Integer> batches = w.has("batch") ? positiveInts(w.get("batch"), "workload.batch") : List.of(1);
        List<Shape> out = new ArrayList<>();
        for (int s : seqLens) {
            for (int b : batches) {
                out.add(new Shape(s, b));
            }
        }
        return out;
    }

    private static Reference reference(JsonNode node, List<VariantChoice> variants, List<HardwareProfile> hardware,
            List<Phase> phases, List<Shape> shapes, List<SparqConfig> sparq) {
        checkFields(node, "reference", REFERENCE);
        String source = text(node, "source", "reference");
        boolean perSequence = node.has("perSequence") && bool(node.get("perSequence"), "reference.perSequence");
        String hw = node.has("hardware") ? text(node, "hardware", "reference") : hardware.get(0).id();
        if (hardware.stream().noneMatch(h -> h.id().equals(hw))) {
            throw new InvalidInputException("reference.hardware", "'" + hw + "' is not among the scenario's hardware",
                    "use one of the ids under hardware");
        }
        Phase phase = node.has("phase") ? Phase.parse(text(node, "phase", "reference"), "reference.phase")
                : phases.get(0);
        if (!phases.contains(phase)) {
            throw new InvalidInputException("reference.phase", "phase " + phase.id() + " is not run by the scenario",
                    "use one of workload.phase");
        }
        List<ReferenceTime> times = new ArrayList<>();
        List<JsonNode> items = oneOrMany(required(node, "times", "reference"), "reference.times");
        for (int i = 0; i < items.size(); i++) {
            String at = "reference.times[" + i + "]";
            JsonNode t = items.get(i);
            checkFields(t, at, REFERENCE_TIME);
            String variant = text(t, "variant", at);
            if (variants.stream().noneMatch(v -> v.label().equals(variant))) {
                throw new InvalidInputException(path(at, "variant"), "'" + variant + "' is not a variant label",
                        "allowed: " + String.join(", ", variants.stream().map(VariantChoice::label).toList()));
            }
            Shape shape = new Shape(integer(required(t, "seqLen", at), path(at, "seqLen"), 1),
                    integer(required(t, "batch", at), path(at, "batch"), 1));
            if (shapes.stream().noneMatch(x -> x.seqLen() == shape.seqLen() && x.batch() == shape.batch()
                    && x.runsIn(phase))) {
                throw new InvalidInputException(at, "seqLen " + shape.seqLen() + " with batch " + shape.batch()
                        + " is not swept", "use a sequence length and batch the workload runs");
            }
            KeyLayout layout = null;
            if (t.has("attention")) {
                String kind = text(t, "attention", at);
                if (kind.startsWith("sparq-")) {
                    layout = KeyLayout.parse(kind.substring("sparq-".length()), path(at, "attention"));
                    KeyLayout l = layout;
                    if (phase != Phase.DECODE || sparq.stream().noneMatch(c -> c.keyLayout() == l)) {
                        throw new InvalidInputException(path(at, "attention"), "no SparQ " + l.id() + " rows in the "
                                + "scenario", "add that keyLayout under sparq and reference a decode phase");
                    }
                } else if (!kind.equals("dense")) {
                    throw new InvalidInputException(path(at, "attention"), "unknown attention '" + kind + "'",
                            "allowed: dense, sparq-twice, sparq-once");
                }
            }
            JsonNode sec = required(t, "seconds", at);
            double seconds = sec.isNumber() ? sec.asDouble()
                    : org.attnsim.hwmodels.Quantity.parse(sec.asText(), org.attnsim.hwmodels.Quantity.Kind.SECONDS,
                            path(at, "seconds"));
            if (!(seconds > 0)) {
                throw new InvalidInputException(path(at, "seconds"), "value " + sec.asText() + " is not positive",
                        "a time in seconds, or with a unit (ms, us)");
            }
            times.add(new ReferenceTime(variant, shape.seqLen(), shape.batch(), layout, seconds));
        }
        return new Reference(source, perSequence, hw, phase, times);
    }

    private static double probability(JsonNode v, String at) {
        if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() >= 1) {
            throw new InvalidInputException(at, "'" + v.asText() + "' is not a probability", "expected a number in [0, 1)");
        }
        return v.asDouble();
    }

    private static double positiveNumber(JsonNode v, String at) {
        if (!v.isNumber() || !(v.asDouble() > 0)) {
            throw new InvalidInputException(at, "'" + v.asText() + "' is not a positive number", "e.g. 1e12");
        }
        return v.asDouble();
    }

    /** The variants, each with its KV cache types checked by {@code checkKv} (the type, the field's path). */
    private static List<VariantChoice> variants(JsonNode node, int dModel, int heads,
            BiConsumer<KvDtype, String> checkKv) {
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
            List<KvDtype> caches = new ArrayList<>();
            if (item.has("kvDtype")) {
                for (JsonNode c : oneOrMany(item.get("kvDtype"), path(at, "kvDtype"))) {
                    KvDtype kv = KvDtype.parse(text(c, path(at, "kvDtype")), path(at, "kvDtype"));
                    checkKv.accept(kv, path(at, "kvDtype"));
                    caches.add(kv);
                }
            } else {
                caches.add(null);
            }
            String label = item.has("label") ? text(item, "label", at) : null;
            // A label given for one cache type names it alone; else each type's label says its type.
            boolean named = label != null && caches.size() == 1;
            boolean swept = qs.size() > 1 || kvs.size() > 1;
            for (Integer q : qs) {
                for (Integer kv : kvs) {
                    if (q != null && kv != null && kv > q && swept) {
                        continue; // a sweep's grid may hold impossible pairs; only valid ones are run
                    }
                    AttentionShape s = v.shape(dModel, heads, q, kv, at);
                    String counts = " " + s.queryHeads() + "/" + s.kvHeads();
                    VariantChoice c = label != null ? new VariantChoice(v, s, swept ? label + counts : label)
                            : swept ? new VariantChoice(v, s, v.label() + counts) : Choices.of(v, s);
                    for (KvDtype cache : caches) {
                        out.add(cache == null ? c : new VariantChoice(v, s,
                                named ? c.label() : c.label() + " KV " + cache.id(), cache));
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
        Terms terms = Terms.defaults();
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
