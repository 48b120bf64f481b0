package org.attnsim.sim.roofline;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/** Which {@link Term}s are on. All are on by default. */
public final class Terms {

    private final Set<Term> on;

    private Terms(Set<Term> on) {
        this.on = Collections.unmodifiableSet(on);
    }

    public static Terms all() {
        return new Terms(EnumSet.allOf(Term.class));
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
