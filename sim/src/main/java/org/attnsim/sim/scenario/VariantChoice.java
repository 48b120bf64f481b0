package org.attnsim.sim.scenario;

import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.Variant;
import org.attnsim.sim.workload.KvDtype;

/**
 * A variant with its resolved head counts and the label rows and charts show; {@code kvDtype} is its own KV cache
 * type (so that one scenario compares a variant's caches side by side), or null for the workload's.
 */
public record VariantChoice(Variant variant, AttentionShape shape, String label, KvDtype kvDtype) {

    public VariantChoice(Variant variant, AttentionShape shape, String label) {
        this(variant, shape, label, null);
    }

    /** The KV cache type its points decode from: its own, or else {@code workload}'s. */
    public KvDtype kvDtypeOr(KvDtype workload) {
        return kvDtype == null ? workload : kvDtype;
    }
}
