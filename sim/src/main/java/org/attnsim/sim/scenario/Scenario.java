package org.attnsim.sim.scenario;

import java.util.List;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Framework;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;

/**
 * A validated scenario: the variants to compare (the first is the baseline unless named), the
 * hardware, and the sweep axes. Every list is non-empty; {@code sparq} is empty when SparQ is not
 * asked for; {@code model} is null when the scenario gives no whole-model fields; {@code reference}
 * is null without published times; {@code tokenBudget} is 0 unless GPU-hours for a budget are asked;
 * {@code kvDtype} is the KV cache's element type, {@code dtype}'s own unless the scenario quantises it.
 */
public record Scenario(
        String name,
        String description,
        String source,
        List<VariantChoice> variants,
        int baselineIndex,
        List<HardwareProfile> hardware,
        List<Phase> phases,
        List<Shape> shapes,
        boolean causal,
        Dtype dtype,
        KvDtype kvDtype,
        Algorithm algorithm,
        Framework framework,
        double attentionDropout,
        Scope scope,
        ModelSpec model,
        List<SparqConfig> sparq,
        Terms terms,
        Reference reference,
        double tokenBudget) {

    public Scenario {
        variants = List.copyOf(variants);
        hardware = List.copyOf(hardware);
        phases = List.copyOf(phases);
        shapes = List.copyOf(shapes);
        sparq = List.copyOf(sparq);
    }

    /** The distinct sequence lengths, in order. */
    public List<Integer> seqLens() {
        return shapes.stream().map(Shape::seqLen).distinct().toList();
    }

    /** The first batch size of the sweep. */
    public int firstBatch() {
        return shapes.get(0).batch();
    }

    public VariantChoice baseline() {
        return variants.get(baselineIndex);
    }

    /** The element types for a reader: "bf16", or "bf16, KV cache fp8" where the cache is quantised. */
    public String dtypeText() {
        return kvDtype.convertsTo(dtype) ? dtype.id() + ", KV cache " + kvDtype.id() : dtype.id();
    }
}
