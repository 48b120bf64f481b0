package org.attnsim.sim.cost;

import java.util.List;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;

/**
 * SparQ Attention's decode step (Ribar et al., ICML 2024, Algorithm 1) as three kernels:
 * <ol>
 * <li>approximate scores: top-r of |q| (summed over the query group), then q[i1] . K[:, i1] over all S
 * positions with the paper's temperature, softmax statistics, scores written in fp32;</li>
 * <li>top-k over the approximate scores (shared by the query heads of a KV group);</li>
 * <li>exact attention over the k gathered rows of K and V, mixed with the running mean v_bar.</li>
 * </ol>
 * The top-k is a radix select (PyTorch's topk): {@value #TOPK_PASSES} passes over the fp32 scores,
 * four 8-bit digit passes and a final gather (aten/src/ATen/native/cuda/TensorTopK.cu). Rows are
 * fetched in whole sectors; with K stored once, the r columns cost the sectors they touch.
 */
final class SparqDecode {

    static final int TOPK_PASSES = 5;
    static final int INDEX_BYTES = 8;
    static final int FP32_BYTES = 4;

    private SparqDecode() {
    }

    static List<OpCost> ops(AttentionDims a, SparqConfig c, int units, int sectorBytes) {
        int d = a.headDim();
        int e = a.elementBytes();
        long s = a.keyLength();
        double b = a.batch();
        double groups = b * a.kvHeads();
        double heads = b * a.queryHeads();
        double splits = Math.max(1, Math.min(Math.ceil(s / 128.0), Math.ceil(units / groups)));

        // Stage 1: r columns of K per KV head; scores summed over the group and written in fp32.
        double columnBytesPerRow = c.keyLayout() == KeyLayout.TWICE
                ? (double) c.r() * e
                : SectorModel.scatteredColumnBytes(d, c.r(), e, sectorBytes);
        double q = heads * d * e;
        double stage1Bytes = q + groups * s * columnBytesPerRow + groups * s * FP32_BYTES + groups * c.r() * INDEX_BYTES;
        double approxScores = heads * s;
        OpCost approx = new OpCost("sparq approx scores", OpGroup.ATTENTION, Pass.FORWARD, 2.0 * c.r() * approxScores,
                TiledAttention.FORWARD_VECTOR_OPS_PER_SCORE * approxScores + heads * d, approxScores, stage1Bytes,
                stage1Bytes, groups * splits, 2, 1);

        // Stage 2: radix-select top-k per KV group.
        double topkBytes = TOPK_PASSES * groups * s * FP32_BYTES + groups * c.k() * INDEX_BYTES;
        OpCost topk = new OpCost("sparq top-k", OpGroup.ATTENTION, Pass.FORWARD, 0, TOPK_PASSES * groups * s, 0,
                topkBytes, topkBytes, groups, 1, 1);

        // Stage 3: gather k rows of K and V, exact attention, mix with v_bar; append the new token.
        double rows = 2 * groups * c.k() * SectorModel.rowBytes(d, e, sectorBytes);
        double vbar = c.meanValue() ? groups * d * e * 3 : 0;
        double append = groups * d * e * (c.keyLayout() == KeyLayout.TWICE ? 3 : 2);
        double stage3Bytes = rows + groups * c.k() * INDEX_BYTES + 2 * q + vbar + append;
        double exact = heads * c.k();
        OpCost attend = new OpCost("sparq exact attention", OpGroup.ATTENTION, Pass.FORWARD, 4.0 * d * exact,
                TiledAttention.FORWARD_VECTOR_OPS_PER_SCORE * exact + (c.meanValue() ? 3.0 * heads * d : 0), exact,
                stage3Bytes, stage3Bytes, groups, 1, 1);
        return List.of(approx, topk, attend);
    }
}
