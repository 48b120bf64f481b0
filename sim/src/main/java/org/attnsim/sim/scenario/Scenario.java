package org.attnsim.sim.scenario;

import java.util.List;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.roofline.Terms;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;

/**
 * A validated scenario: the variants to compare (the first is the baseline unless named), the
 * hardware, and the sweep axes. Every list is non-empty; {@code sparq} is empty when SparQ is not
 * asked for; {@code model} is null when the scenario gives no whole-model fields.
 */
public record Scenario(
        String name,
        String description,
        String source,
        List<VariantChoice> variants,
        int baselineIndex,
        List<HardwareProfile> hardware,
        List<Phase> phases,
        List<Integer> seqLens,
        List<Integer> batches,
        boolean causal,
        Dtype dtype,
        Algorithm algorithm,
        Scope scope,
        ModelSpec model,
        List<SparqConfig> sparq,
        Terms terms) {

    public Scenario {
        variants = List.copyOf(variants);
        hardware = List.copyOf(hardware);
        phases = List.copyOf(phases);
        seqLens = List.copyOf(seqLens);
        batches = List.copyOf(batches);
        sparq = List.copyOf(sparq);
    }

    public VariantChoice baseline() {
        return variants.get(baselineIndex);
    }
}
