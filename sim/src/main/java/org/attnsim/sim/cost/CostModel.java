package org.attnsim.sim.cost;

import java.util.ArrayList;
import java.util.List;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.sim.model.AttentionShape;
import org.attnsim.sim.model.ModelSpec;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.workload.Algorithm;
import org.attnsim.sim.workload.Framework;
import org.attnsim.sim.workload.Phase;
import org.attnsim.sim.workload.Scope;
import org.attnsim.sim.workload.Workload;

/**
 * Lists the operations of one step with their work. Per-layer operations carry the layer count as
 * their repeat count; the embedding, LM head and optimiser run once.
 *
 * <p>Element-wise costs: RMSNorm reads and writes its tensor with about 4 vector ops per element
 * (square, sum, scale, weight); a residual add reads two tensors and writes one. SwiGLU's SiLU(gate) x up
 * takes one exponential and about 4 vector ops per element; a dense MLP's tanh-GELU about 8 and one
 * special function. Cross-entropy over the vocabulary takes one exponential and about 5 vector ops per
 * logit. Mixed-precision Adam reads the gradient, fp32 master weight, m and v and writes all but the
 * gradient back plus the low-precision weight, with about 12 vector ops per parameter.
 */
public final class CostModel {

    static final double NORM_VECTOR_OPS = 4;
    static final double SWIGLU_VECTOR_OPS = 4;
    static final double GELU_VECTOR_OPS = 8;
    static final double CROSS_ENTROPY_VECTOR_OPS = 5;
    static final double ADAM_VECTOR_OPS = 12;
    static final double ADAM_FP32_BYTES = 4 + 4 + 4 + 4 + 4 + 4;
    /** Bytes of an fp32 element of the eager residual stream. */
    static final int FP32 = 4;
    /** Eager RMSNorm: pow (read, write), mean (read), multiply by rsqrt (read, write), weight multiply (read, write). */
    static final double EAGER_NORM_FP32_PASSES = 7;
    static final int EAGER_NORM_LAUNCHES = 6;
    /** Eager rotary embedding, x cos + rotate_half(x) sin: multiply, negate, concatenate, multiply, add. */
    static final int EAGER_ROPE_LAUNCHES = 5;

    private CostModel() {
    }

    /**
     * The operations of a step.
     *
     * @param model      required for {@link Scope#MODEL}, ignored otherwise
     * @param sparq      SparQ settings for a decode step, or null for dense attention
     * @param cacheReuse whether re-reads of tiles are served by the last-level cache
     */
    public static List<OpCost> ops(AttentionShape shape, ModelSpec model, Scope scope, Workload w, SparqConfig sparq,
            HardwareProfile hw, boolean cacheReuse) {
        List<OpCost> ops = new ArrayList<>(scope == Scope.MODEL ? 32 : 8);
        int layers = scope == Scope.MODEL ? model.layers() : 1;
        int e = w.dtype().bytes();
        double t = w.tokens();
        int dModel = shape.dModel();
        double qWidth = (double) shape.queryHeads() * shape.headDim();
        double kvWidth = (double) shape.kvHeads() * shape.headDim();
        boolean training = w.phase() == Phase.TRAIN;
        int units = hw.units();

        boolean eager = w.framework() == Framework.EAGER;
        // Under eager autocast the residual stream is fp32 and every linear casts its fp32 input.
        boolean casts = eager && e < FP32;
        List<OpCost> forwardLayer = new ArrayList<>(16);
        if (scope == Scope.MODEL) {
            if (eager) {
                forwardLayer.add(LayerOps.elementwise("rmsnorm x2 (eager)", OpGroup.NORM, t * dModel,
                        2 * EAGER_NORM_FP32_PASSES * FP32, 2 * NORM_VECTOR_OPS, 0, 2 * EAGER_NORM_LAUNCHES));
                forwardLayer.add(LayerOps.elementwise("residual adds (eager)", OpGroup.NORM, t * dModel,
                        2 * (2.0 * FP32 + e), 2, 0, 2));
            } else {
                forwardLayer.add(LayerOps.elementwise("norms + residuals", OpGroup.NORM, t * dModel, 10.0 * e,
                        2 * NORM_VECTOR_OPS + 2, 0, 4));
            }
        }
        if (scope != Scope.ATTENTION) {
            if (casts) {
                int castCount = 3 + (scope == Scope.MODEL ? 2 : 0);
                forwardLayer.add(LayerOps.elementwise("input casts (eager)", OpGroup.PROJECTION, t * dModel,
                        castCount * (FP32 + e), castCount, 0, castCount));
            }
            forwardLayer.add(LayerOps.linear("q projection", OpGroup.PROJECTION, t, dModel, qWidth, e, units));
            forwardLayer.add(LayerOps.linear("kv projection", OpGroup.PROJECTION, t, dModel, 2 * kvWidth, e, units));
            if (eager) {
                forwardLayer.add(LayerOps.elementwise("rope q, k (eager)", OpGroup.PROJECTION, t * (qWidth + kvWidth),
                        eagerRopeBytes(e), 4, 0, 2 * EAGER_ROPE_LAUNCHES));
                forwardLayer.add(eagerHeadCopies(t, qWidth, kvWidth, e));
            }
        }
        forwardLayer.addAll(attentionCore(shape, w, sparq, hw, cacheReuse));
        if (eager && scope != Scope.ATTENTION) {
            // attn_output.transpose(1, 2).contiguous(): heads back next to each other before W_O.
            forwardLayer.add(LayerOps.elementwise("output transpose (eager)", OpGroup.PROJECTION, t * qWidth, 2.0 * e,
                    0, 0, 1));
        }
        if (scope != Scope.ATTENTION) {
            forwardLayer.add(LayerOps.linear("o projection", OpGroup.PROJECTION, t, qWidth, dModel, e, units));
        }
        if (scope == Scope.MODEL) {
            double hidden = model.ffnHidden();
            boolean swiglu = model.ffn().linears() == 3;
            forwardLayer.add(LayerOps.linear(swiglu ? "ffn gate + up" : "ffn up", OpGroup.FFN, t, dModel,
                    (model.ffn().linears() - 1) * hidden, e, units));
            // SwiGLU reads gate and up and writes their product; eager runs SiLU and the product apart.
            forwardLayer.add(swiglu
                    ? LayerOps.elementwise("ffn swiglu", OpGroup.FFN, t * hidden, (eager ? 5.0 : 3.0) * e,
                            SWIGLU_VECTOR_OPS, 1, eager ? 2 : 1)
                    : LayerOps.elementwise("ffn gelu", OpGroup.FFN, t * hidden, 2.0 * e, GELU_VECTOR_OPS, 1, 1));
            forwardLayer.add(LayerOps.linear("ffn down", OpGroup.FFN, t, hidden, dModel, e, units));
        }

        if (scope == Scope.MODEL) {
            ops.add(LayerOps.elementwise("embedding", OpGroup.EMBEDDING, t * dModel, 2.0 * (eager ? FP32 : e), 0, 0,
                    1));
        }
        for (OpCost op : forwardLayer) {
            ops.add(op.withRepeats(layers));
        }
        double logitRows = FootprintModel.logitRows(w);
        OpCost lmHead = null;
        OpCost finalNorm = null;
        OpCost loss = null;
        if (scope == Scope.MODEL) {
            finalNorm = eager
                    ? LayerOps.elementwise("final norm (eager)", OpGroup.LM_HEAD, logitRows * dModel,
                            EAGER_NORM_FP32_PASSES * FP32 + (casts ? FP32 + e : 0), NORM_VECTOR_OPS, 0,
                            EAGER_NORM_LAUNCHES)
                    : LayerOps.elementwise("final norm", OpGroup.LM_HEAD, logitRows * dModel, 2.0 * e, NORM_VECTOR_OPS,
                            0, 1);
            lmHead = LayerOps.linear("lm head", OpGroup.LM_HEAD, logitRows, dModel, model.vocab(), e, units);
            ops.add(finalNorm);
            ops.add(lmHead);
            if (eager && e < FP32) {
                ops.add(LayerOps.elementwise("logits to fp32 (eager)", OpGroup.LM_HEAD, logitRows * model.vocab(),
                        e + FP32, 1, 0, 1));
            }
            if (training) {
                loss = LayerOps.elementwise("cross-entropy", OpGroup.LM_HEAD, logitRows * model.vocab(), 2.0 * e,
                        CROSS_ENTROPY_VECTOR_OPS, 1, 2);
                ops.add(loss);
            }
        }
        if (!training) {
            return ops;
        }

        // Backward, in reverse order of the forward pass, then the optimiser.
        if (scope == Scope.MODEL) {
            ops.add(LayerOps.linearBackward("lm head", OpGroup.LM_HEAD, logitRows, dModel, model.vocab(), e, units));
            ops.add(LayerOps.elementwiseBackward(finalNorm));
        }
        List<OpCost> naiveBackward = w.algorithm() == Algorithm.NAIVE && !(w.phase() == Phase.DECODE && sparq != null)
                ? NaiveAttention.backward(AttentionDims.of(shape, w), w.attentionDropout()) : List.of();
        for (int i = forwardLayer.size() - 1; i >= 0; i--) {
            OpCost f = forwardLayer.get(i);
            ops.add(backwardOf(f, shape, model, w, hw, cacheReuse, t, naiveBackward).withRepeats(layers));
        }
        if (scope == Scope.MODEL) {
            ops.add(LayerOps.elementwiseBackward(ops.get(0)));
            double params = ParameterCount.model(shape, model);
            ops.add(new OpCost("adam", OpGroup.OPTIMIZER, Pass.UPDATE, 0, ADAM_VECTOR_OPS * params, 0,
                    params * (ADAM_FP32_BYTES + 2.0 * e), params * (ADAM_FP32_BYTES + 2.0 * e),
                    Math.ceil(params / LayerOps.ELEMENTS_PER_TILE), 1, 1));
        }
        return ops;
    }

    /**
     * Bytes per element of q or k that an eager rotary embedding moves in the rotate-half form,
     * x cos + rotate_half(x) sin (RoFormer; Hugging Face's apply_rotary_pos_emb). The cos and sin tables
     * are fp32, as buffers of an fp32 model under autocast are, and autocast leaves element-wise ops alone,
     * so type promotion makes every product fp32 (PyTorch AMP docs: ops not on autocast's lists run in the
     * widest input type). With x of e bytes and products of p = max(e, 4): x cos reads e and writes p; the
     * negated half reads and writes e / 2; the concatenation reads and writes e; x sin reads e and writes
     * p; the sum reads 2p and writes p.
     */
    static double eagerRopeBytes(int e) {
        double p = Math.max(e, FP32);
        return (e + p) + e + 2.0 * e + (e + p) + 3 * p;
    }

    /**
     * The copies an eager attention module makes between its projections and the attention kernel. The
     * heads are split as views, x.view(b, t, h, d).transpose(1, 2), and element-wise outputs keep their
     * input's memory order, so q.contiguous(), k.contiguous() and v.contiguous() before
     * scaled_dot_product_attention each copy (RxNN's MultiHeadAttention._calculate_flash_attention, the
     * SQA paper's benchmark code): q and k in the rope's product type, v in the element type. Under
     * autocast, scaled_dot_product_attention then casts the fp32 q and k down to the element type.
     */
    static OpCost eagerHeadCopies(double tokens, double qWidth, double kvWidth, int e) {
        double p = Math.max(e, FP32);
        double rotated = tokens * (qWidth + kvWidth);
        double castDown = p > e ? p + e : 0;
        double bytes = rotated * (2 * p + castDown) + tokens * kvWidth * 2.0 * e;
        int launches = 3 + (p > e ? 2 : 0);
        return new OpCost("head copies (eager)", OpGroup.PROJECTION, Pass.FORWARD, 0, 0, 0, bytes, bytes,
                Math.ceil((rotated + tokens * kvWidth) / LayerOps.ELEMENTS_PER_TILE), launches, 1);
    }

    private static OpCost backwardOf(OpCost f, AttentionShape shape, ModelSpec model, Workload w, HardwareProfile hw,
            boolean cacheReuse, double t, List<OpCost> naiveBackward) {
        int e = w.dtype().bytes();
        int units = hw.units();
        int dModel = shape.dModel();
        double qWidth = (double) shape.queryHeads() * shape.headDim();
        double kvWidth = (double) shape.kvHeads() * shape.headDim();
        switch (f.name()) {
            case "q projection":
                return LayerOps.linearBackward(f.name(), f.group(), t, dModel, qWidth, e, units);
            case "kv projection":
                return LayerOps.linearBackward(f.name(), f.group(), t, dModel, 2 * kvWidth, e, units);
            case "o projection":
                return LayerOps.linearBackward(f.name(), f.group(), t, qWidth, dModel, e, units);
            case "ffn gate + up":
                return LayerOps.linearBackward(f.name(), f.group(), t, dModel, 2.0 * model.ffnHidden(), e, units);
            case "ffn up":
                return LayerOps.linearBackward(f.name(), f.group(), t, dModel, model.ffnHidden(), e, units);
            case "ffn down":
                return LayerOps.linearBackward(f.name(), f.group(), t, model.ffnHidden(), dModel, e, units);
            case "attention":
                return TiledAttention.backward(AttentionDims.of(shape, w), block(shape, w, hw), cacheReuse,
                        w.attentionDropout());
            default:
                if (f.group() == OpGroup.ATTENTION) {
                    return naiveBackward(f, naiveBackward);
                }
                return LayerOps.elementwiseBackward(f);
        }
    }

    /** The naive backward op of the same name as {@code forward} (the three kernels pair up by name). */
    private static OpCost naiveBackward(OpCost forward, List<OpCost> backward) {
        for (OpCost b : backward) {
            if (b.name().equals(forward.name())) {
                return b;
            }
        }
        throw new IllegalStateException("no backward for " + forward.name());
    }

    /** The attention core alone: what {@link Scope#ATTENTION} counts. */
    static List<OpCost> attentionCore(AttentionShape shape, Workload w, SparqConfig sparq, HardwareProfile hw,
            boolean cacheReuse) {
        AttentionDims a = AttentionDims.of(shape, w);
        if (w.phase() == Phase.DECODE && sparq != null) {
            return SparqDecode.ops(a, sparq, hw.units(), (int) hw.sectorBytes().value(), w.framework(), hw.kind(),
                    hw.gatherLinesInFlight().map(Figure::value).orElse((double) SparqDecode.LINES_IN_FLIGHT),
                    hw.lastLevelCache().capacityBytes().value());
        }
        if (w.algorithm() == Algorithm.NAIVE) {
            return NaiveAttention.forward(a, w.attentionDropout());
        }
        int block = block(shape, w, hw);
        if (w.phase() == Phase.DECODE) {
            return hw.kind() == DeviceKind.GPU && hw.decodeTile().isPresent()
                    ? TiledAttention.tiledDecode(a, hw.units())
                    : List.of(TiledAttention.decode(a, block, hw.units()));
        }
        return List.of(TiledAttention.forward(a, block, hw.units(), cacheReuse, w.attentionDropout(), hw.kind()));
    }

    static int block(AttentionShape shape, Workload w, HardwareProfile hw) {
        return FlashTiling.blockSize(shape.headDim(), w.dtype().bytes(), hw.sramBytesPerUnit().value());
    }
}
