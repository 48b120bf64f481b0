package org.attnsim.kernels.attention;

import org.attnsim.kernels.device.LineStart;

/**
 * SparQ stage 1 (Ribar et al. 2024, Algorithm 1, lines 1-2) for one (batch, KV head) per work-group:
 * the r largest components of |q| summed over the query group (ties to the lower index), each head's
 * temperature tau = sqrt(d ||q[i1]||_1 / ||q||_1), approximate scores q[i1] . K[j, i1] / tau over all
 * positions (from the d-major copy of K when stored twice, gathered from each row otherwise), each
 * head's softmax statistics, and the scores summed over the group, which select the rows.
 *
 * <p>The d-major copy's columns lie {@link #columnStride(int)} floats apart, not S: at S = 16k a column
 * is 64 KiB, and columns a power of two apart map the r streams' lines to the same sets of an 8-way L1,
 * which evicts them before they are used. Measured in alternation at S 16k, batch 8, MHA on PoCL: the
 * scores took 3-8% less time with the columns one cache line further apart in four rounds on a busy
 * machine, 13-15% in six rounds on a calmer one.
 *
 * <p>Where the group's scores fit in local memory ({@link SparqArgs#fitting}) the columns are read in two
 * halves: every item adds the first half of the selected columns over its positions into the group's
 * scores, then, after a barrier, the second half with the statistics. PoCL runs a work-group's items one
 * after another between barriers, so only r/2 column streams are read at a time, each running on from one
 * item's piece into the next: page-sized runs read 8 at a time ran at 30 GB/s where 16 ran at 24-25, in
 * two runs of a probe on the 2-core PoCL machine (session 15). Above r 16 the first half is all the columns but the
 * last eight, read {@link #IN_PASSES} of eight, a barrier before each further pass ({@link
 * ManyColumnSparqDecodeKernel}), so that no more than eight streams run at a time.
 */
abstract class SparqScoresStage extends ValueBuckets {

    /** Work items per (batch, KV head), in every stage. */
    public static final int LOCAL = 16;
    /** Positions a work item scores at a time from every selected column (256 bytes of each). */
    static final int BLOCK = 64;
    /** The most columns a pass reads together, with halves; r up to 16 reads its first half in one pass. */
    static final int PASS_COLUMNS = 8;
    /** Rows the K-once scores read ahead ({@link #aheadRows}). */
    static final int AHEAD_ROWS = 4;
    /** The narrowest rows at which the K-once rows are read ahead for two query heads a row ({@link #aheadHeads}). */
    static final int TWO_HEADS_AHEAD_HEAD_DIM = 96;
    /** {@link #scores(int)}: the first half in one pass, as the kernels for r up to 16 read it. */
    static final int ONE_PASS = 0;
    /** {@link #scores(int)}: the first half in passes of {@link #PASS_COLUMNS}, a barrier before each further one. */
    static final int IN_PASSES = 1;

    final float[] q;
    final float[] k;
    final float[] kt;
    final int[] i1;
    final float[] tau;
    final float[] groupScores;
    final float[] headMax;
    final float[] headSum;
    final int queryHeads;
    final int kvHeads;
    final int keyLength;
    /** Floats from one column of the d-major copy of K to the next. */
    final int columnStride;
    final int headDim;
    final int r;
    /** Floats in k and v before their first row. */
    final int rowStart;
    final int keyTwice;
    final int groupSize;
    /** 1 where the last four columns are added in the statistics' pass (K stored twice, r >= 4). */
    final int fused;
    /** 1 where the columns are read in halves (see the class comment). */
    final int halves;
    /** Columns of the first half's first pass, with halves: half of r, at most {@link #PASS_COLUMNS}. */
    final int firstColumns;
    /** Columns of the first half read {@link #IN_PASSES}: all but the last {@link #PASS_COLUMNS}. */
    final int halfColumns;
    /**
     * Rows read ahead with K stored once, as the decoding kernel read them until session 52: a field, as there (with
     * the constant 4 in the kernel PoCL built the decoding step 30% slower, session 37).
     */
    final int aheadRows;
    /** The most query heads a row at which the K-once rows are read ahead: 2 from d 96, else 1. */
    final int aheadHeads;

    @Local final int[] selected;
    /** |q| of each component summed over the group's heads. */
    @Local final float[] columnWeight;
    /** q[i1] / tau of each head of the group, column by column. */
    @Local final float[] weights;
    @Local final float[] itemMax;
    @Local final float[] itemSum;
    @Local final float[] block;
    /** q / tau on the selected components and 0 elsewhere, per head (K stored once, and the exact stage). */
    @Local final float[] masked;
    /** The first half's scores of each head of the group at every position, with halves (else one float). */
    @Local final float[] firstHalf;

    SparqScoresStage(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt) {
        int groups = a.batch() * a.kvHeads();
        this.q = q;
        this.k = k;
        this.kt = kt;
        this.i1 = new int[groups * s.r()];
        this.tau = new float[a.batch() * a.queryHeads()];
        this.groupScores = new float[groups * a.keyLength()];
        this.headMax = new float[a.batch() * a.queryHeads()];
        this.headSum = new float[a.batch() * a.queryHeads()];
        this.queryHeads = a.queryHeads();
        this.kvHeads = a.kvHeads();
        this.keyLength = a.keyLength();
        this.columnStride = columnStride(a.keyLength());
        this.headDim = a.headDim();
        this.r = s.r();
        this.rowStart = s.rowStart();
        this.keyTwice = s.keyTwice() ? 1 : 0;
        this.groupSize = a.queryHeads() / a.kvHeads();
        this.fused = s.keyTwice() && s.r() >= 4 ? 1 : 0;
        this.halves = s.columnHalves() ? 1 : 0;
        this.firstColumns = Math.min(PASS_COLUMNS, s.r() / 2 / 4 * 4);
        this.halfColumns = s.firstHalfColumns();
        this.aheadRows = AHEAD_ROWS;
        this.aheadHeads = a.headDim() >= TWO_HEADS_AHEAD_HEAD_DIM ? 2 : 1;
        this.selected = new int[s.r()];
        this.columnWeight = new float[a.headDim()];
        this.weights = new float[groupSize * s.r()];
        this.itemMax = new float[LOCAL * groupSize];
        this.itemSum = new float[LOCAL * groupSize];
        this.block = new float[LOCAL * groupSize * BLOCK];
        this.masked = new float[groupSize * a.headDim()];
        this.firstHalf = new float[s.columnHalves() ? groupSize * a.keyLength() : 1];
    }

    /**
     * The columns' distance in the d-major copy of K: S rounded up to whole cache lines, plus one line where
     * that is an even number of lines, so that consecutive columns start in different sets of the cache.
     */
    static int columnStride(int keyLength) {
        int lines = (keyLength + LineStart.LINE_FLOATS - 1) / LineStart.LINE_FLOATS;
        return (lines % 2 == 0 ? lines + 1 : lines) * LineStart.LINE_FLOATS;
    }

    /**
     * The stage, its first half read in one pass or {@link #IN_PASSES}: a literal in each kernel's run(), so that the
     * kernels for r up to 16 are compiled without the further passes' loop and its barrier (with them, though never
     * run, their fused step took 8-16% longer on PoCL, session 46).
     */
    void scores(int passes) {
        int lid = getLocalId();
        int gid = getGroupId();
        int b = gid / kvHeads;
        int kvh = gid % kvHeads;
        if (lid == 0) {
            for (int c = 0; c < headDim; c++) {
                float sum = 0f;
                for (int g = 0; g < groupSize; g++) {
                    sum += abs(q[(b * queryHeads + kvh * groupSize + g) * headDim + c]);
                }
                columnWeight[c] = sum;
            }
            // A chosen component's weight drops below every other's, so that it is not chosen again.
            for (int t = 0; t < r; t++) {
                int best = -1;
                float bestValue = -1f;
                for (int c = 0; c < headDim; c++) {
                    if (columnWeight[c] > bestValue) {
                        bestValue = columnWeight[c];
                        best = c;
                    }
                }
                columnWeight[best] = -2f;
                selected[t] = best;
                i1[gid * r + t] = best;
            }
            for (int g = 0; g < groupSize; g++) {
                int qBase = (b * queryHeads + kvh * groupSize + g) * headDim;
                float all = 0f;
                float part = 0f;
                for (int c = 0; c < headDim; c++) {
                    all += abs(q[qBase + c]);
                }
                for (int t = 0; t < r; t++) {
                    part += abs(q[qBase + selected[t]]);
                }
                float value = sqrt(headDim * part / all);
                tau[b * queryHeads + kvh * groupSize + g] = value;
                for (int t = 0; t < r; t++) {
                    weights[g * r + t] = q[qBase + selected[t]] / value;
                }
                // q / tau on the selected components and 0 elsewhere: stored once, a row's score is then a
                // dense dot product, four vector FMAs at d = 64 instead of r gathered loads.
                if (keyTwice == 0) {
                    for (int c = 0; c < headDim; c++) {
                        masked[g * headDim + c] = 0f;
                    }
                    for (int t = 0; t < r; t++) {
                        masked[g * headDim + selected[t]] = weights[g * r + t];
                    }
                }
            }
        }
        localBarrier();
        int chunk = (keyLength + LOCAL - 1) / LOCAL;
        int start = lid * chunk;
        int end = min(keyLength, start + chunk);
        int kBase = rowStart + gid * keyLength * headDim;
        int ktBase = gid * headDim * columnStride;
        // The approximate scores of every head of the group, BLOCK positions at a time, into the item's
        // blocks of local memory (one per head). With K stored twice the blocks take their piece of every
        // selected column, four columns a pass, each piece read once for all heads (the r column streams
        // advance together, so all r are in flight); stored once, each row is read whole and dotted with
        // each head's masked query. While the blocks are in L1 they update each head's softmax statistics
        // (online: the maximum, then the sum rescaled) and their sum is the group's row.
        for (int g = 0; g < groupSize; g++) {
            itemMax[lid * groupSize + g] = -1e30f;
            itemSum[lid * groupSize + g] = 0f;
        }
        // With halves, the first half of the columns over the item's positions, before the barrier.
        int firstEnd = halves == 1 ? end : start;
        for (int pos = start; pos < firstEnd; pos += BLOCK) {
            int cnt = min(BLOCK, firstEnd - pos);
            for (int hd = 0; hd < groupSize; hd++) {
                for (int e = 0; e < cnt; e++) {
                    firstHalf[hd * keyLength + pos + e] = 0f;
                }
            }
            for (int f = 0; f + 3 < firstColumns; f += 4) {
                int f0 = ktBase + selected[f] * columnStride + pos;
                int f1 = ktBase + selected[f + 1] * columnStride + pos;
                int f2 = ktBase + selected[f + 2] * columnStride + pos;
                int f3 = ktBase + selected[f + 3] * columnStride + pos;
                for (int hd = 0; hd < groupSize; hd++) {
                    int at = hd * keyLength + pos;
                    float v0 = weights[hd * r + f];
                    float v1 = weights[hd * r + f + 1];
                    float v2 = weights[hd * r + f + 2];
                    float v3 = weights[hd * r + f + 3];
                    for (int e = 0; e < cnt; e++) {
                        firstHalf[at + e] += v0 * kt[f0 + e] + v1 * kt[f1 + e] + v2 * kt[f2 + e] + v3 * kt[f3 + e];
                    }
                }
            }
        }
        // Above r 16, the first half's further passes of eight, each over every item's positions before the next,
        // so that their column streams run on from one item's piece into the next as the first pass's do.
        for (int from = firstColumns; passes == IN_PASSES && from < halfColumns; from += PASS_COLUMNS) {
            localBarrier();
            addFirstHalfColumns(from, min(halfColumns, from + PASS_COLUMNS), start, firstEnd, ktBase);
        }
        localBarrier();
        int lastRow = kBase + (end - 1) * headDim;
        float ahead = 0f;
        for (int j = start; j < end; j += BLOCK) {
            int len = min(BLOCK, end - j);
            for (int g = 0; g < groupSize; g++) {
                int blk = (lid * groupSize + g) * BLOCK;
                int first = g * keyLength + j;
                for (int u = 0; u < len; u++) {
                    block[blk + u] = halves == 1 ? firstHalf[first + u] : 0f;
                }
            }
            if (keyTwice == 1) {
                // Four columns a pass: the block is loaded and stored once for four FMAs, not for each. The
                // last four columns wait for the statistics' pass (below).
                int plain = fused == 1 ? r - 4 : r;
                int t = halves == 1 ? (passes == IN_PASSES ? halfColumns : firstColumns) : 0;
                for (; t + 3 < plain; t += 4) {
                    int col0 = ktBase + selected[t] * columnStride + j;
                    int col1 = ktBase + selected[t + 1] * columnStride + j;
                    int col2 = ktBase + selected[t + 2] * columnStride + j;
                    int col3 = ktBase + selected[t + 3] * columnStride + j;
                    for (int g = 0; g < groupSize; g++) {
                        int blk = (lid * groupSize + g) * BLOCK;
                        float w0 = weights[g * r + t];
                        float w1 = weights[g * r + t + 1];
                        float w2 = weights[g * r + t + 2];
                        float w3 = weights[g * r + t + 3];
                        for (int u = 0; u < len; u++) {
                            block[blk + u] += w0 * kt[col0 + u] + w1 * kt[col1 + u] + w2 * kt[col2 + u]
                                    + w3 * kt[col3 + u];
                        }
                    }
                }
                for (; t < plain; t++) {
                    int col = ktBase + selected[t] * columnStride + j;
                    for (int g = 0; g < groupSize; g++) {
                        int blk = (lid * groupSize + g) * BLOCK;
                        float w = weights[g * r + t];
                        for (int u = 0; u < len; u++) {
                            block[blk + u] += w * kt[col + u];
                        }
                    }
                }
            } else {
                // Four rows at a time, one accumulator each, dotted with every head's masked query in turn
                // while they are in L1, so that the rows' stream runs under all the heads' arithmetic.
                int u = 0;
                for (; u + 3 < len; u += 4) {
                    int row0 = kBase + (j + u) * headDim;
                    // With one query a row, the next four rows are read ahead as the decoding kernel read them until
                    // session 52 (and written as it was): the speed-ups of MHA's and xSQA's K-once SparQ steps over
                    // dense MHA decoding, in the same rounds, rose 18-20% (session 37). With four queries a row,
                    // reading ahead took GQA's down by 40-60%; with two, SQA's did not move at d 64, but at d 128 its
                    // step took 1.5-1.8 ms against 3.8-4.0 (session 46; at d 64 every K-once step within 2% of the
                    // kernel before, in the same rounds). Reading the four rows' own lines first instead, as the
                    // decoding kernel now does, made MHA's step 4% faster and SQA's 2-5%, within what the order of
                    // two identical steps in the same rounds moved (3%; session 52): not taken.
                    for (int t = 0; groupSize <= aheadHeads && t < 4 * headDim; t += LineStart.LINE_FLOATS) {
                        ahead = max(ahead, k[min(row0 + aheadRows * headDim + t, lastRow)]);
                    }
                    for (int g = 0; g < groupSize; g++) {
                        int blk = (lid * groupSize + g) * BLOCK;
                        int mq = g * headDim;
                        float s0 = 0f;
                        float s1 = 0f;
                        float s2 = 0f;
                        float s3 = 0f;
                        for (int c = 0; c < headDim; c++) {
                            float x = masked[mq + c];
                            s0 += x * k[row0 + c];
                            s1 += x * k[row0 + headDim + c];
                            s2 += x * k[row0 + 2 * headDim + c];
                            s3 += x * k[row0 + 3 * headDim + c];
                        }
                        block[blk + u] = s0;
                        block[blk + u + 1] = s1;
                        block[blk + u + 2] = s2;
                        block[blk + u + 3] = s3;
                    }
                }
                for (; u < len; u++) {
                    for (int g = 0; g < groupSize; g++) {
                        float x = 0f;
                        for (int c = 0; c < headDim; c++) {
                            x += masked[g * headDim + c] * k[kBase + (j + u) * headDim + c];
                        }
                        block[(lid * groupSize + g) * BLOCK + u] = x;
                    }
                }
            }
            int out = gid * keyLength + j;
            // The softmax statistics and the group's row in one pass over each head's block, with K stored
            // twice adding the last four columns in the same pass, so that the exponentials (FmaExponential's:
            // PoCL's took half as long again) run between the column loads. The block's maximum would take a
            // pass of its own (the compiler does not vectorise a maximum's reduction): the sum is kept instead
            // against the item's maximum so far, which leaves each term below e^60 unless the block holds a
            // score more than 60 above it. Then (the item's first block always) the sum reaches 1e26 and the
            // block is summed again against its own maximum.
            for (int g = 0; g < groupSize; g++) {
                int blk = (lid * groupSize + g) * BLOCK;
                float m = itemMax[lid * groupSize + g];
                float blockSum = 0f;
                if (fused == 1) {
                    int col0 = ktBase + selected[r - 4] * columnStride + j;
                    int col1 = ktBase + selected[r - 3] * columnStride + j;
                    int col2 = ktBase + selected[r - 2] * columnStride + j;
                    int col3 = ktBase + selected[r - 1] * columnStride + j;
                    float w0 = weights[g * r + r - 4];
                    float w1 = weights[g * r + r - 3];
                    float w2 = weights[g * r + r - 2];
                    float w3 = weights[g * r + r - 1];
                    if (g == 0) {
                        for (int u = 0; u < len; u++) {
                            float x = block[blk + u] + w0 * kt[col0 + u] + w1 * kt[col1 + u] + w2 * kt[col2 + u]
                                    + w3 * kt[col3 + u];
                            block[blk + u] = x;
                            blockSum += fmaExp(x - m);
                            groupScores[out + u] = x;
                        }
                    } else {
                        for (int u = 0; u < len; u++) {
                            float x = block[blk + u] + w0 * kt[col0 + u] + w1 * kt[col1 + u] + w2 * kt[col2 + u]
                                    + w3 * kt[col3 + u];
                            block[blk + u] = x;
                            blockSum += fmaExp(x - m);
                            groupScores[out + u] += x;
                        }
                    }
                } else if (g == 0) {
                    for (int u = 0; u < len; u++) {
                        float x = block[blk + u];
                        blockSum += fmaExp(x - m);
                        groupScores[out + u] = x;
                    }
                } else {
                    for (int u = 0; u < len; u++) {
                        float x = block[blk + u];
                        blockSum += fmaExp(x - m);
                        groupScores[out + u] += x;
                    }
                }
                if (blockSum > 1e26f) {
                    float blockMax = -1e30f;
                    for (int u = 0; u < len; u++) {
                        blockMax = max(blockMax, block[blk + u]);
                    }
                    float again = 0f;
                    for (int u = 0; u < len; u++) {
                        again += exp(block[blk + u] - blockMax);
                    }
                    itemSum[lid * groupSize + g] = itemSum[lid * groupSize + g] * exp(m - blockMax) + again;
                    itemMax[lid * groupSize + g] = blockMax;
                } else {
                    itemSum[lid * groupSize + g] += blockSum;
                }
            }
        }
        // Never true (a max from 0): it keeps the reads ahead, as in the decoding kernel.
        if (ahead < -1f) {
            groupScores[0] = ahead;
        }
        localBarrier();
        if (lid < groupSize) {
            float m = -1e30f;
            for (int u = 0; u < LOCAL; u++) {
                m = max(m, itemMax[u * groupSize + lid]);
            }
            float sum = 0f;
            for (int u = 0; u < LOCAL; u++) {
                sum += itemSum[u * groupSize + lid] * exp(itemMax[u * groupSize + lid] - m);
            }
            headMax[b * queryHeads + kvh * groupSize + lid] = m;
            headSum[b * queryHeads + kvh * groupSize + lid] = sum;
        }
    }

    /**
     * The selected columns from {@code from} to {@code to} added into the first half's scores over the positions: the
     * first pass's loop, which stays written out in {@link #scores}, as calling this from it cost the step at r 16
     * 5-10% on PoCL (session 46).
     */
    void addFirstHalfColumns(int from, int to, int start, int firstEnd, int ktBase) {
        for (int pos = start; pos < firstEnd; pos += BLOCK) {
            int cnt = min(BLOCK, firstEnd - pos);
            for (int f = from; f + 3 < to; f += 4) {
                int f0 = ktBase + selected[f] * columnStride + pos;
                int f1 = ktBase + selected[f + 1] * columnStride + pos;
                int f2 = ktBase + selected[f + 2] * columnStride + pos;
                int f3 = ktBase + selected[f + 3] * columnStride + pos;
                for (int hd = 0; hd < groupSize; hd++) {
                    int at = hd * keyLength + pos;
                    float v0 = weights[hd * r + f];
                    float v1 = weights[hd * r + f + 1];
                    float v2 = weights[hd * r + f + 2];
                    float v3 = weights[hd * r + f + 3];
                    for (int e = 0; e < cnt; e++) {
                        firstHalf[at + e] += v0 * kt[f0 + e] + v1 * kt[f1 + e] + v2 * kt[f2 + e] + v3 * kt[f3 + e];
                    }
                }
            }
        }
    }
}
