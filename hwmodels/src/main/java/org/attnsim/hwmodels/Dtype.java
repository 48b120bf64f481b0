package org.attnsim.hwmodels;

import java.util.Locale;

/** Element types of tensors, with their storage size. */
public enum Dtype {
    BF16(2),
    FP16(2),
    FP32(4);

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Dtype parse(String text, String where) {
        for (Dtype d : values()) {
            if (d.id().equalsIgnoreCase(text.trim())) {
                return d;
            }
        }
        throw new InvalidInputException(where, "unknown dtype '" + text + "'", "allowed: bf16, fp16, fp32");
    }
}
