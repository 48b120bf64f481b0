package org.attnsim.sim.roofline;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which {@link Term}s are on. By default all are on except {@link Term#SOFTMAX_SERIALISATION}: on
 * A100-class GPUs the SQA paper's FlashAttention-2 timings at d_head 16 match overlapped units and
 * are nearly twice what serialised units predict; the term stays for kernels that do serialise.
 */
public final class Terms {

    private final Set<Term> on;

    private Terms(Set<Term> on) {
        this.on = Collections.unmodifiableSet(on);
    }

    public static Terms all() {
        return new Terms(EnumSet.allOf(Term.class));
    }

    /** The terms a scenario gets unless it says otherwise. */
    public static Terms defaults() {
        return all().with(Term.SOFTMAX_SERIALISATION, false);
    }

    public static Terms none() {
        return new Terms(EnumSet.noneOf(Term.class));
    }

    public Terms with(Term term, boolean enabled) {
        EnumSet<Term> next = on.isEmpty() ? EnumSet.noneOf(Term.class) : EnumSet.copyOf(on);
        if (enabled) {
            next.add(term);
        } else {
            next.remove(term);
        }
        return new Terms(next);
    }

    public boolean has(Term term) {
        return on.contains(term);
    }

    public Set<Term> enabled() {
        return on;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Terms t && t.on.equals(on);
    }

    @Override
    public int hashCode() {
        return on.hashCode();
    }

    @Override
    public String toString() {
        return on.toString();
    }
}
