package org.attnsim.kernels.attention;

import com.aparapi.Range;
import org.attnsim.kernels.measure.Harness;

/**
 * SparQ's first stage shaped for a GPU ({@link TiledSparqDecodeKernel} runs it as its pass 0): a work-group
 * serves one split of one (batch, KV head)'s positions, and adjacent work items score adjacent positions,
 * so that each selected column of the d-major copy of K (K stored twice) is read in whole lines by a warp.
 * Each item keeps a head's softmax statistics (online: the maximum and the sum rescaled to it) in registers;
 * a tree in local memory joins the items', and each split writes its own per head. The scores summed over
 * the group's heads go to global memory for the top-k (pass 1).
 *
 * <p>Passes 0 and 2 first find i1 (the r largest components of |q| summed over the group, ties to the lower
 * index), each head's temperature tau and q[i1] / tau again: a few hundred operations a work-group, cheaper
 * than another array on the device and another launch's reads. Passes 1 and 2 run one work-group per (batch, KV
 * head), where pass 0 runs one per split.
 *
 * <p>Stages run in passes (one launch each, the pass in a field): Aparapi gives every kernel object buffers of
 * its own, so a kernel per stage would read copies that the stage before it never wrote. A stage that does
 * not run in a pass runs its loops zero times rather than sitting in a branch: PoCL 3.1 miscompiles barriers
 * inside a branch on a kernel argument.
 */
abstract class SplitSparqScoresStage extends ValueBuckets implements Harness.Passes {

    final float[] q;
    final float[] k;
    final float[] kt;
    final float[] groupScores;
    /** Per split of each (batch, KV head) and per head of its group: the maximum approximate score. */
    final float[] partMax;
    /** ... and the sum of the exponentials of the split's approximate scores, taken against that maximum. */
    final float[] partSum;
    final int queryHeads;
    final int kvHeads;
    final int groupSize;
    final int keyLength;
    final int headDim;
    final int columnStride;
    final int r;
    /** Floats in k and v before their first row. */
    final int rowStart;
    final int keyTwice;
    final int splits;
    /** Positions of each split. */
    final int splitLength;
    /** 0: the scores; 1: the top-k; 2: the exact attention. */
    int pass;

    /** The group's queries. */
    @Local final float[] query;
    @Local final float[] columnWeight;
    @Local final int[] selected;
    /** Where each selected column of the work-group's d-major copy of K starts (K stored twice). */
    @Local final int[] columnStart;
    @Local final float[] tauOfHead;
    /** q[i1] / tau of each head of the group, column by column. */
    @Local final float[] weights;
    /** The items' maxima (and minima, in the top-k), joined by a tree. */
    @Local final float[] treeHigh;
    /** The items' sums (and the top-k's minima), joined by the same tree. */
    @Local final float[] treeLow;

    SplitSparqScoresStage(AttentionShapeArgs a, SparqArgs s, int splits, int local, float[] q, float[] k,
            float[] kt) {
        this.q = q;
        this.k = k;
        this.kt = kt;
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.groupSize = a.queryHeads() / a.kvHeads();
        this.keyLength = a.keyLength();
        this.headDim = a.headDim();
        this.columnStride = SparqScoresStage.columnStride(a.keyLength());
        this.r = s.r();
        this.rowStart = s.rowStart();
        this.keyTwice = s.keyTwice() ? 1 : 0;
        int perSplit = (a.keyLength() + Math.max(1, splits) - 1) / Math.max(1, splits);
        this.splitLength = (perSplit + 31) / 32 * 32;
        this.splits = (a.keyLength() + splitLength - 1) / splitLength;
        int groups = a.batch() * a.kvHeads();
        this.groupScores = new float[groups * a.keyLength()];
        this.partMax = new float[groups * this.splits * groupSize];
        this.partSum = new float[groups * this.splits * groupSize];
        this.query = new float[groupSize * a.headDim()];
        this.columnWeight = new float[a.headDim()];
        this.selected = new int[s.r()];
        this.columnStart = new int[s.r()];
        this.tauOfHead = new float[groupSize];
        this.weights = new float[groupSize * s.r()];
        this.treeHigh = new float[local];
        this.treeLow = new float[local];
    }

    @Override
    public void pass(int p) {
        pass = p;
    }

    /** Passes 1 and 2 run one work-group per (batch, KV head), of the first pass's size. */
    @Override
    public Range range(int p, Range first) {
        return p == 0 ? first : Range.create(first.getDevice(), first.getGlobalSize(0) / splits, first.getLocalSize(0));
    }

    /** The (batch, KV head) of the work-group in this pass. */
    int pair() {
        return pass == 0 ? getGroupId() / splits : getGroupId();
    }

    /** Splits of each (batch, KV head)'s positions: whole multiples of 32 positions each. */
    public int splits() {
        return splits;
    }

    /** Work items of the first pass: a work-group of {@code local} items per split of each (batch, KV head). */
    public int globalSize(int local) {
        return groupScores.length / keyLength * splits * local;
    }

    /**
     * i1, each head's tau and q[i1] / tau, into local memory, in passes 0 and 2 (see the class comment). Pass 1
     * runs every loop zero times: it loads no query, and the ranks and gathers would read local memory it never
     * wrote (selected[] indexes the query).
     */
    void queryColumns() {
        int lid = getLocalId();
        int items = getLocalSize();
        int bh = pair();
        int b = bh / kvHeads;
        int kvh = bh % kvHeads;
        int qBase = (b * queryHeads + kvh * groupSize) * headDim;
        float w = 0f;
        int rank = 0;
        int columns = pass == 1 ? 0 : headDim;
        int heads = pass == 1 ? 0 : groupSize;
        // The group's queries in local memory, one load per item, so that no item walks global memory alone.
        for (int i = lid; i < heads * headDim; i += items) {
            query[i] = q[qBase + i];
        }
        localBarrier();
        for (int c = lid; c < columns; c += items) {
            w = 0f;
            for (int g = 0; g < groupSize; g++) {
                w += abs(query[g * headDim + c]);
            }
            columnWeight[c] = w;
        }
        localBarrier();
        // A component's rank: the components above it, and those equal to it at a lower index.
        for (int c = lid; c < columns; c += items) {
            w = columnWeight[c];
            rank = 0;
            for (int other = 0; other < headDim; other++) {
                float x = columnWeight[other];
                if (x > w || (x == w && other < c)) {
                    rank++;
                }
            }
            if (rank < r) {
                selected[rank] = c;
            }
        }
        localBarrier();
        for (int g = lid; g < heads; g += items) {
            float all = 0f;
            float part = 0f;
            for (int c = 0; c < headDim; c++) {
                all += abs(query[g * headDim + c]);
            }
            for (int t = 0; t < r; t++) {
                part += abs(query[g * headDim + selected[t]]);
            }
            tauOfHead[g] = sqrt(headDim * part / all);
        }
        localBarrier();
        for (int i = lid; i < heads * r; i += items) {
            int g = i / r;
            weights[i] = query[g * headDim + selected[i % r]] / tauOfHead[g];
        }
        for (int t = lid; t < (pass == 1 ? 0 : r); t += items) {
            columnStart[t] = (bh * headDim + selected[t]) * columnStride;
        }
        localBarrier();
    }

    /** Pass 0: the split's approximate scores, summed over the group into groupScores, and its statistics. */
    void splitScores() {
        int lid = getLocalId();
        int items = getLocalSize();
        int group = getGroupId();
        int bh = pair();
        int split = group % splits;
        int base = bh * keyLength;
        int kBase = rowStart + bh * keyLength * headDim;
        int first = split * splitLength;
        int last = min(keyLength, first + splitLength);
        int heads = pass == 0 ? groupSize : 0;
        float m = -1e30f;
        float l = 0f;
        float s = 0f;
        int t = 0;
        for (int g = 0; g < heads; g++) {
            m = -1e30f;
            l = 0f;
            int wBase = g * r;
            for (int j = first + lid; j < last; j += items) {
                s = 0f;
                t = 0;
                if (keyTwice == 1) {
                    // Eight columns a step, eight loads in flight per item (then four, then one).
                    for (; t + 7 < r; t += 8) {
                        s += weights[wBase + t] * kt[columnStart[t] + j]
                                + weights[wBase + t + 1] * kt[columnStart[t + 1] + j]
                                + weights[wBase + t + 2] * kt[columnStart[t + 2] + j]
                                + weights[wBase + t + 3] * kt[columnStart[t + 3] + j]
                                + weights[wBase + t + 4] * kt[columnStart[t + 4] + j]
                                + weights[wBase + t + 5] * kt[columnStart[t + 5] + j]
                                + weights[wBase + t + 6] * kt[columnStart[t + 6] + j]
                                + weights[wBase + t + 7] * kt[columnStart[t + 7] + j];
                    }
                    for (; t + 3 < r; t += 4) {
                        s += weights[wBase + t] * kt[columnStart[t] + j]
                                + weights[wBase + t + 1] * kt[columnStart[t + 1] + j]
                                + weights[wBase + t + 2] * kt[columnStart[t + 2] + j]
                                + weights[wBase + t + 3] * kt[columnStart[t + 3] + j];
                    }
                    for (; t < r; t++) {
                        s += weights[wBase + t] * kt[columnStart[t] + j];
                    }
                } else {
                    int row = kBase + j * headDim;
                    for (; t < r; t++) {
                        s += weights[wBase + t] * k[row + selected[t]];
                    }
                }
                groupScores[base + j] = g == 0 ? s : groupScores[base + j] + s;
                if (s > m) {
                    l = l * exp(m - s) + 1f;
                    m = s;
                } else {
                    l += exp(s - m);
                }
            }
            treeHigh[lid] = m;
            treeLow[lid] = l;
            localBarrier();
            for (int step = items / 2; step > 0; step /= 2) {
                if (lid < step) {
                    float m1 = treeHigh[lid];
                    float m2 = treeHigh[lid + step];
                    float top = max(m1, m2);
                    treeLow[lid] = treeLow[lid] * exp(m1 - top) + treeLow[lid + step] * exp(m2 - top);
                    treeHigh[lid] = top;
                }
                localBarrier();
            }
            if (lid == 0) {
                partMax[group * groupSize + g] = treeHigh[0];
                partSum[group * groupSize + g] = treeLow[0];
            }
            localBarrier();
        }
    }
}
