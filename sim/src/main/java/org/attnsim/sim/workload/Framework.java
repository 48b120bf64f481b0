package org.attnsim.sim.workload;

import org.attnsim.hwmodels.EnumText;

/**
 * How the non-attention layers are implemented. FUSED counts one kernel per norm, residual add and
 * activation, each moving its tensors once (Megatron-style fused kernels). EAGER counts the kernels
 * PyTorch runs for a Llama-style block written in plain modules under bf16 autocast: RMSNorm as
 * pow / mean / rsqrt-multiply / weight-multiply / cast on an fp32 residual stream, a cast of the fp32
 * input of every linear, rotary embeddings on Q and K as multiply / slice / negate / concatenate /
 * multiply / add, the copy of the attention output back to (batch, position, head) order, SiLU and
 * multiply, residual adds in fp32, and logits cast to fp32 (Hugging Face
 * transformers' LlamaRMSNorm, apply_rotary_pos_emb and LlamaForCausalLM.forward). For SparQ, EAGER is the
 * paper's PyTorch operations around two Triton kernels and FUSED is three fused kernels (attnsim's own).
 */
public enum Framework {
    FUSED,
    EAGER;

    public String id() {
        return EnumText.id(this);
    }

    public static Framework parse(String text, String where) {
        return EnumText.parse(Framework.class, text, where, "framework");
    }
}
