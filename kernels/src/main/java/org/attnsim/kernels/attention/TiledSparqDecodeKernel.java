package org.attnsim.kernels.attention;

/**
 * SparQ decoding (Ribar et al. 2024, Algorithm 1) shaped for a GPU, in three launches of one kernel:
 * pass 0 the approximate scores over splits of each (batch, KV head)'s positions ({@link
 * SplitSparqScoresStage}), pass 1 the top-k by one work-group per (batch, KV head) ({@link
 * GroupSparqTopKStage}), pass 2 the exact attention over the chosen rows, here, again by one work-group per
 * (batch, KV head). The results match
 * {@link SparqDecodeKernel}'s, the CPU's kernel, which runs one work-group of 16 items per (batch, KV head)
 * through all three stages: on an H100 that left most SMs idle and each warp reading 16 different lines at
 * every load, 0.33x dense decoding where the transfers allow 7.5x (session 17).
 *
 * <p>Pass 2, head by head of the group: item u scores chosen row u exactly (q / sqrt(d)) and approximately
 * (q / tau on the r components, 0 elsewhere) in one read of the row; trees join the rows' maximum and sums;
 * then the items, in as many parts as the work-group holds copies of d, add the weighted value rows (adjacent
 * items, adjacent elements of a row; four rows in flight per item) and a last step joins the parts:
 * y = alpha (s . V[i2]) + (1 - alpha) v_bar, alpha the head's approximate softmax mass on the chosen rows.
 */
public final class TiledSparqDecodeKernel extends GroupSparqTopKStage {

    /** Work items a work-group holds, at most: a power of two, for the trees. */
    public static final int MAX_LOCAL = 256;
    /** Passes of a step: the scores, the top-k, the exact attention. */
    public static final int PASSES = 3;

    final float[] v;
    final float[] vbar;
    final float[] o;
    final int meanValue;
    final float scale;

    @Local final float[] scaled;
    @Local final float[] masked;
    @Local final float[] exactScores;
    @Local final float[] approxScores;
    /** Each part's sums of weighted value rows. */
    @Local final float[] valueParts;
    /** The head's maximum approximate score and its softmax sum over all positions. */
    @Local final float[] headStats;
    /**
     * Where each chosen row of K and of V starts, read once, so that no value row's read waits on its index in
     * global memory: MHA's exact stage on an H100 went from 31 to 27-28 us (session 27).
     */
    @Local final int[] chosenRows;

    /**
     * Over q [B][H_q][d], K and V [B][H_kv][S][d], kt (K d-major when stored twice, else unread:
     * [B][H_kv][d][columnStride(S)] as {@link SparqScoresStage} lays it out) and v_bar [B][H_kv][d], in
     * work-groups of {@code local} items (a power of two from 16 to {@value #MAX_LOCAL}) and about
     * {@code splits} splits of each (batch, KV head)'s positions.
     */
    public TiledSparqDecodeKernel(AttentionShapeArgs a, SparqArgs s, int splits, int local, float[] q, float[] k,
            float[] kt, float[] v, float[] vbar) {
        super(a, s, splits, local, q, k, kt);
        if (Integer.bitCount(local) != 1 || local < BUCKETS || local > MAX_LOCAL) {
            throw new IllegalArgumentException("work-groups of a power of two from 16 to 256 items, not " + local);
        }
        this.v = v;
        this.vbar = vbar;
        this.o = new float[a.queryElements()];
        this.meanValue = s.meanValue() ? 1 : 0;
        this.scale = (float) (1.0 / Math.sqrt(a.headDim()));
        this.scaled = new float[a.headDim()];
        this.masked = new float[a.headDim()];
        this.exactScores = new float[s.k()];
        this.approxScores = new float[s.k()];
        this.valueParts = new float[Math.max(local, a.headDim())];
        this.headStats = new float[2];
        this.chosenRows = new int[s.k()];
    }

    @Override
    public void run() {
        queryColumns();
        splitScores();
        topK();
        exact();
    }

    /** Pass 2: the output of every head of the (batch, KV head). */
    void exact() {
        int lid = getLocalId();
        int items = getLocalSize();
        int bh = pair();
        int b = bh / kvHeads;
        int kvh = bh % kvHeads;
        int heads = pass == 2 ? groupSize : 0;
        int kvBase = rowStart + bh * keyLength * headDim;
        int rows = bh * k2;
        int parts = max(1, items / headDim);
        float m = 0f;
        float e = 0f;
        float ap = 0f;
        float x = 0f;
        float sum = 0f;
        float mass = 0f;
        for (int u = lid; u < (pass == 2 ? k2 : 0); u += items) {
            chosenRows[u] = kvBase + i2[rows + u] * headDim;
        }
        localBarrier();
        for (int g = 0; g < heads; g++) {
            int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
            for (int c = lid; c < headDim; c += items) {
                scaled[c] = query[g * headDim + c] * scale;
                masked[c] = 0f;
            }
            if (lid == 0) {
                headStatistics(bh, g);
            }
            localBarrier();
            for (int t = lid; t < r; t += items) {
                masked[selected[t]] = weights[g * r + t];
            }
            localBarrier();
            m = -1e30f;
            for (int u = lid; u < k2; u += items) {
                int row = chosenRows[u];
                e = 0f;
                ap = 0f;
                for (int c = 0; c < headDim; c++) {
                    x = k[row + c];
                    e += scaled[c] * x;
                    ap += masked[c] * x;
                }
                exactScores[u] = e;
                approxScores[u] = ap;
                m = max(m, e);
            }
            treeHigh[lid] = m;
            localBarrier();
            for (int step = items / 2; step > 0; step /= 2) {
                if (lid < step) {
                    treeHigh[lid] = max(treeHigh[lid], treeHigh[lid + step]);
                }
                localBarrier();
            }
            m = treeHigh[0];
            sum = 0f;
            mass = 0f;
            for (int u = lid; u < k2; u += items) {
                e = exp(exactScores[u] - m);
                exactScores[u] = e;
                sum += e;
                mass += exp(approxScores[u] - headStats[0]);
            }
            localBarrier();
            treeHigh[lid] = sum;
            treeLow[lid] = mass;
            localBarrier();
            for (int step = items / 2; step > 0; step /= 2) {
                if (lid < step) {
                    treeHigh[lid] += treeHigh[lid + step];
                    treeLow[lid] += treeLow[lid + step];
                }
                localBarrier();
            }
            weightedValues(parts);
            localBarrier();
            for (int c = lid; c < headDim; c += items) {
                float y = 0f;
                for (int p = 0; p < parts; p++) {
                    y += valueParts[p * headDim + c];
                }
                y /= treeHigh[0];
                float alpha = treeLow[0] / headStats[1];
                o[qBase + c] = meanValue == 1 ? alpha * y + (1f - alpha) * vbar[bh * headDim + c] : y;
            }
            localBarrier();
        }
    }

    /** The head's maximum and softmax sum over all positions, from its splits' (one item's work). */
    void headStatistics(int bh, int g) {
        float top = -1e30f;
        for (int p = 0; p < splits; p++) {
            top = max(top, partMax[(bh * splits + p) * groupSize + g]);
        }
        float total = 0f;
        for (int p = 0; p < splits; p++) {
            int at = (bh * splits + p) * groupSize + g;
            total += partSum[at] * exp(partMax[at] - top);
        }
        headStats[0] = top;
        headStats[1] = total;
    }

    /** Each part's weighted sum of its rows of V (rows part, part + parts, ...) into valueParts. */
    void weightedValues(int parts) {
        int lid = getLocalId();
        int items = getLocalSize();
        float acc = 0f;
        int u = 0;
        for (int i = lid; i < parts * headDim; i += items) {
            int part = i / headDim;
            int c = i % headDim;
            acc = 0f;
            u = part;
            for (; u + 3 * parts < k2; u += 4 * parts) {
                acc += exactScores[u] * v[chosenRows[u] + c]
                        + exactScores[u + parts] * v[chosenRows[u + parts] + c]
                        + exactScores[u + 2 * parts] * v[chosenRows[u + 2 * parts] + c]
                        + exactScores[u + 3 * parts] * v[chosenRows[u + 3 * parts] + c];
            }
            for (; u < k2; u += parts) {
                acc += exactScores[u] * v[chosenRows[u] + c];
            }
            valueParts[i] = acc;
        }
    }
}
