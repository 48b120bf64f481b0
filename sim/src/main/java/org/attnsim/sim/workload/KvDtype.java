package org.attnsim.sim.workload;

import java.util.Optional;
import org.attnsim.hwmodels.Dtype;
import org.attnsim.hwmodels.EnumText;
import org.attnsim.hwmodels.QuantisedCache;

/**
 * Element type of the KV cache, which a decoding step reads whole (or, with SparQ, in part). Below the compute
 * dtype (fp8 as e4m3 or e5m2, int8) each element is stored with a per-tensor scale and converted back when read,
 * inside the attention kernel (vLLM's and SGLang's quantised KV caches: "Quantized KV Cache", docs.vllm.ai).
 */
public enum KvDtype {
    BF16(2),
    FP16(2),
    FP32(4),
    FP8(1),
    INT8(1);

    private final int bytes;

    KvDtype(int bytes) {
        this.bytes = bytes;
    }

    public int bytes() {
        return bytes;
    }

    public String id() {
        return EnumText.id(this);
    }

    /** The cache in the compute dtype itself, as without quantisation. */
    public static KvDtype of(Dtype dtype) {
        return valueOf(dtype.name());
    }

    /** Whether a cache of this type is converted to {@code dtype} as it is read. */
    public boolean convertsTo(Dtype dtype) {
        return this != of(dtype);
    }

    /** The quantised type a profile may have timed a decoding loop over: int8's and fp8's, none for the others. */
    public Optional<QuantisedCache> quantised() {
        return switch (this) {
            case INT8 -> Optional.of(QuantisedCache.INT8);
            case FP8 -> Optional.of(QuantisedCache.FP8);
            default -> Optional.empty();
        };
    }

    public static KvDtype parse(String text, String where) {
        return EnumText.parse(KvDtype.class, text, where, "KV cache dtype");
    }
}
