package org.attnsim.hwmodels;


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
        return EnumText.id(this);
    }

    public static Dtype parse(String text, String where) {
        return EnumText.parse(Dtype.class, text, where, "dtype");
    }
}
