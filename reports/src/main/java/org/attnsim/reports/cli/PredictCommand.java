package org.attnsim.reports.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.reports.table.Csv;
import org.attnsim.reports.table.Json;
import org.attnsim.reports.table.RowFields;
import org.attnsim.reports.table.SummaryTable;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.FfnKind;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.scenario.ResultRow;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.Shape;
import org.attnsim.sim.scenario.Sweep;
import org.attnsim.sim.scenario.VariantChoice;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Framework;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code attnsim predict ...}: one point per variant from flags alone, for quick questions and scripts. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict one workload for a list of variants (the first is the baseline).")
public final class PredictCommand implements Callable<Integer> {

    enum Format { table, json, csv }

    @Option(names = "--hardware", required = true, paramLabel = "ID|FILE",
            description = "A bundled profile id (attnsim hardware list) or a profile YAML file.")
    String hardware;

    @Option(names = "--phase", required = true, paramLabel = "PHASE", description = "train, forward, prefill or decode.")
    String phase;

    @Option(names = "--d-model", required = true, paramLabel = "N", description = "Model width d_model.")
    int dModel;

    @Option(names = "--heads", required = true, paramLabel = "H", description = "Heads of the MHA baseline (d_head = d_model / H).")
    int heads;

    @Option(names = "--variant", required = true, split = ",", paramLabel = "LIST",
            description = "Comma list of mha, mqa, gqa, sqa, ssqa, xsqa, xsmqa, custom; the first is the baseline.")
    List<String> variants;

    @Option(names = "--query-heads", paramLabel = "N", description = "H_q for sqa and custom.")
    Integer queryHeads;

    @Option(names = "--kv-heads", paramLabel = "N", description = "H_kv for gqa, sqa and custom.")
    Integer kvHeads;

    @Option(names = "--seq", required = true, paramLabel = "N", description = "Sequence length (KV cache length for decode).")
    int seq;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--causal", description = "Apply a causal mask (training, forward, prefill).")
    boolean causal;

    @Option(names = "--dtype", defaultValue = "bf16", paramLabel = "DTYPE", description = "bf16, fp16 or fp32 (default: ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--kv-dtype", split = ",", paramLabel = "LIST", description = "Element type of the KV cache a "
            + "decoding step reads: bf16, fp16, fp32, fp8 or int8 (default: --dtype; fp8 and int8 are converted as "
            + "they are read); several, comma-separated, give each variant a row per type, labelled e.g. "
            + "\"GQA KV fp8\".")
    List<String> kvDtypes;

    @Option(names = "--scope", defaultValue = "attention", paramLabel = "SCOPE",
            description = "attention (QK^T, softmax, PV), layer (+ projections) or model (default: ${DEFAULT-VALUE}).")
    String scope;

    @Option(names = "--layers", paramLabel = "N", description = "Layers (scope model).")
    Integer layers;

    @Option(names = "--ffn-hidden", paramLabel = "N", description = "FFN hidden size (scope model).")
    Integer ffnHidden;

    @Option(names = "--ffn", defaultValue = "swiglu", paramLabel = "KIND", description = "dense or swiglu (default: ${DEFAULT-VALUE}).")
    String ffn;

    @Option(names = "--vocab", paramLabel = "N", description = "Vocabulary size (scope model).")
    Integer vocab;

    @Option(names = "--sparq-r", paramLabel = "N", description = "SparQ r (decode): adds a SparQ row per variant.")
    Integer sparqR;

    @Option(names = "--sparq-k", paramLabel = "N", description = "SparQ k (decode).")
    Integer sparqK;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
            description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Scenario s = scenario();
        List<ResultRow> rows = Sweep.run(s);
        var out = spec.commandLine().getOut();
        switch (format) {
            case table -> out.print(SummaryTable.of(rows).aligned());
            case json -> {
                List<Map<String, Object>> list = new ArrayList<>();
                rows.forEach(r -> list.add(RowFields.of(r)));
                out.print(Json.of(list));
            }
            case csv -> {
                List<Map<String, Object>> list = new ArrayList<>();
                rows.forEach(r -> list.add(RowFields.of(r)));
                out.print(Csv.of(list));
            }
            default -> throw new AssertionError(format);
        }
        return 0;
    }

    Scenario scenario() {
        AttentionShape.of(dModel, heads, heads, heads, "--heads");
        Phase ph = Phase.parse(phase, "--phase");
        Scope sc = Scope.parse(scope, "--scope");
        ModelSpec model = null;
        if (sc == Scope.MODEL) {
            if (layers == null || ffnHidden == null || vocab == null) {
                throw new InvalidInputException("--scope", "scope model needs the whole model",
                        "give --layers, --ffn-hidden and --vocab, or use --scope attention or layer");
            }
            model = ModelSpec.of(layers, FfnKind.parse(ffn, "--ffn"), ffnHidden, vocab, "--layers/--ffn-hidden/--vocab");
        }
        List<VariantChoice> choices = new ArrayList<>();
        for (String name : variants) {
            Variant v = Variant.parse(name, "--variant");
            Integer q = v == Variant.SQA || v == Variant.CUSTOM ? queryHeads : null;
            Integer kv = v == Variant.SQA || v == Variant.CUSTOM || v == Variant.GQA ? kvHeads : null;
            String where = q != null || kv != null ? "--variant " + v.id() + " with --query-heads/--kv-heads" : "--variant";
            VariantChoice c = org.attnsim.sim.scenario.Choices.of(v, v.shape(dModel, heads, q, kv, where));
            for (VariantChoice existing : choices) {
                if (existing.label().equals(c.label())) {
                    throw new InvalidInputException("--variant", "'" + name + "' appears twice", "give each variant once");
                }
            }
            choices.add(c);
        }
        List<SparqConfig> sparq = new ArrayList<>();
        if (sparqR != null || sparqK != null) {
            if (sparqR == null || sparqK == null) {
                throw new InvalidInputException("--sparq-r/--sparq-k", "only one of the two was given",
                        "give both --sparq-r and --sparq-k");
            }
            if (ph != Phase.DECODE) {
                throw new InvalidInputException("--sparq-r", "SparQ applies to decode only", "use --phase decode");
            }
            SparqConfig c = new SparqConfig(sparqR, sparqK, 0, KeyLayout.TWICE, true);
            c.validate(dModel / heads, seq, "--sparq-r/--sparq-k");
            sparq.add(c);
        }
        var hw = HardwareCatalog.resolve(hardware, "--hardware", Path.of("").toAbsolutePath());
        Shape shape = new Shape(positive(seq, "--seq"), positive(batch, "--batch"));
        Dtype d = Dtype.parse(dtype, "--dtype");
        List<KvDtype> caches = new ArrayList<>();
        for (String text : kvDtypes == null ? List.of(KvDtype.of(d).id()) : kvDtypes) {
            KvDtype kv = KvDtype.parse(text, "--kv-dtype");
            Workload.checkKvDtype(kv, d, Algorithm.TILED, Framework.FUSED, !sparq.isEmpty(), "--kv-dtype");
            if (caches.contains(kv)) {
                throw new InvalidInputException("--kv-dtype", "'" + text + "' appears twice", "give each type once");
            }
            caches.add(kv);
        }
        if (caches.size() > 1) {
            List<VariantChoice> each = new ArrayList<>();
            for (VariantChoice c : choices) {
                caches.forEach(kv -> each.add(
                        new VariantChoice(c.variant(), c.shape(), c.label() + " KV " + kv.id(), kv)));
            }
            choices = each;
        }
        return new Scenario("predict", "", "command line", choices, 0, List.of(hw), List.of(ph), List.of(shape), causal,
                d, caches.size() == 1 ? caches.get(0) : KvDtype.of(d), Algorithm.TILED, Framework.FUSED, 0, sc, model,
                sparq, Terms.defaults(), null, 0);
    }

    private static int positive(int value, String option) {
        if (value < 1) {
            throw new InvalidInputException(option, "value " + value + " is too small", "must be a positive whole number");
        }
        return value;
    }
}
