package org.attnsim.hwmodels;

import java.util.Locale;
import java.util.StringJoiner;

/** Parses an enum from its lower-case name, with an error that lists every allowed value. */
public final class EnumText {

    private EnumText() {
    }

    public static String id(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** {@code what} names the kind of value in the error, e.g. "dtype". */
    public static <E extends Enum<E>> E parse(Class<E> type, String text, String where, String what) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        StringJoiner allowed = new StringJoiner(", ", "allowed: ", "");
        for (E e : type.getEnumConstants()) {
            if (id(e).equals(wanted)) {
                return e;
            }
            allowed.add(id(e));
        }
        throw new InvalidInputException(where, "unknown " + what + " '" + text + "'", allowed.toString());
    }
}
