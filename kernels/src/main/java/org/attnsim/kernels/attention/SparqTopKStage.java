package org.attnsim.kernels.attention;

/**
 * SparQ stage 2 (Algorithm 1, line 3) for one (batch, KV head) per work-group: the last {@code window}
 * positions, then the k - window largest group scores among the others. A radix select on the value:
 * each pass splits the interval that holds the k-th largest score into {@value #BUCKETS} buckets,
 * counts every candidate into them (local histograms, one per work item, then summed) and keeps the
 * bucket that holds the k-th; it stops once that bucket holds no more candidates than are still needed.
 * Positions are then collected by all work items: every one above the final interval, and those inside
 * it in index order until enough are taken.
 *
 * <p>The passes read a small pool, not every score. Each work item takes whole tiles of 16 x 16
 * candidates and finds the maximum of each of a tile's 16 columns (positions 16 apart), one vector
 * maximum per row of the tile, which the compiler vectorises; a scalar scan costs a few instructions per
 * score. With n = k - window, the n-th largest of all column maxima, t, is a lower bound of the n-th
 * largest score: n columns each hold a score at or above it. One histogram of the maxima finds the
 * bucket that holds it, and that bucket's lower edge stands for t. The pool is the positions at or
 * above t, read only from the columns whose maximum reaches t (about n of them: at S 16k and k 128 an
 * eighth of the scores), row by row so that it stays in index order.
 */
abstract class SparqTopKStage extends SparqScoresStage {

    static final int BUCKETS = 256;
    static final int MAX_PASSES = 6;
    /** A tile's rows and columns: a row is one 64-byte cache line of fp32 scores. */
    static final int SIDE = 16;
    static final int TILE = SIDE * SIDE;

    final int[] i2;
    final int[] pool;
    final float[] columnMax;
    final int columnsPerGroup;
    /** The rows taken, k in the paper. */
    final int k2;
    final int window;

    @Local final int[] histogram;
    @Local final int[] totals;
    @Local final float[] bounds;
    @Local final float[] threshold;
    @Local final int[] state;
    @Local final int[] aboveOffset;
    @Local final int[] insideOffset;
    @Local final float[] chunkLo;
    @Local final float[] chunkHi;
    @Local final float[] rowMax;
    @Local final int[] columns;

    SparqTopKStage(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] kt) {
        super(a, s, q, k, kt);
        this.i2 = new int[a.batch() * a.kvHeads() * s.k()];
        this.pool = new int[groupScores.length];
        this.columnsPerGroup = a.keyLength() / TILE * SIDE;
        this.columnMax = new float[Math.max(1, a.batch() * a.kvHeads() * columnsPerGroup)];
        this.k2 = s.k();
        this.window = s.window();
        this.histogram = new int[LOCAL * BUCKETS];
        this.totals = new int[BUCKETS];
        this.bounds = new float[2];
        this.threshold = new float[1];
        this.state = new int[4];
        this.aboveOffset = new int[LOCAL];
        this.insideOffset = new int[LOCAL];
        this.chunkLo = new float[LOCAL];
        this.chunkHi = new float[LOCAL];
        this.rowMax = new float[LOCAL * SIDE];
        this.columns = new int[LOCAL * SIDE];
    }

    /** The smallest of the items' chunkLo and the largest of their chunkHi, into bounds (one item runs it). */
    void rangeOfItems() {
        float lo = 1e30f;
        float hi = -1e30f;
        for (int u = 0; u < LOCAL; u++) {
            lo = min(lo, chunkLo[u]);
            hi = max(hi, chunkHi[u]);
        }
        bounds[0] = lo;
        bounds[1] = hi;
    }

    /** The items' histograms summed into totals, bucket by bucket (a vector add per 16 buckets). */
    void sumHistograms() {
        for (int bkt = 0; bkt < BUCKETS; bkt++) {
            totals[bkt] = histogram[bkt];
        }
        for (int u = 1; u < LOCAL; u++) {
            for (int bkt = 0; bkt < BUCKETS; bkt++) {
                totals[bkt] += histogram[u * BUCKETS + bkt];
            }
        }
    }

    void topK() {
        int lid = getLocalId();
        int gid = getGroupId();
        int base = gid * keyLength;
        int candidates = keyLength - window;
        int need = k2 - window;
        // Chunks of whole tiles: an item reads back only the column maxima it wrote itself.
        int chunk = ((candidates + LOCAL - 1) / LOCAL + TILE - 1) / TILE * TILE;
        int start = lid * chunk;
        int end = min(candidates, start + chunk);
        int fullEnd = end / TILE * TILE; // the candidates after the last full tile are always pooled
        int colBase = gid * columnsPerGroup;
        int rm = lid * SIDE;
        float myLo = 1e30f;
        float myHi = -1e30f;
        // Each column's maximum, vectorised across the tile's columns, four rows at a time by selects: row by
        // row, each row's maxima waited on the stores of the row before, and OpenCL's max (which also handles
        // NaN) takes three instructions.
        int at = 0;
        for (int tile = start; tile < fullEnd; tile += TILE) {
            at = base + tile;
            for (int c = 0; c < SIDE; c++) {
                rowMax[rm + c] = larger(larger(groupScores[at + c], groupScores[at + SIDE + c]),
                        larger(groupScores[at + 2 * SIDE + c], groupScores[at + 3 * SIDE + c]));
            }
            for (int row = 4; row < SIDE; row += 4) {
                at = base + tile + row * SIDE;
                for (int c = 0; c < SIDE; c++) {
                    rowMax[rm + c] = larger(rowMax[rm + c], larger(larger(groupScores[at + c],
                            groupScores[at + SIDE + c]), larger(groupScores[at + 2 * SIDE + c],
                            groupScores[at + 3 * SIDE + c])));
                }
            }
            for (int c = 0; c < SIDE; c++) {
                float m = rowMax[rm + c];
                columnMax[colBase + tile / SIDE + c] = m;
                myLo = smaller(myLo, m);
                myHi = larger(myHi, m);
            }
        }
        chunkLo[lid] = myLo;
        chunkHi[lid] = myHi;
        localBarrier();
        if (lid == 0) {
            rangeOfItems();
        }
        localBarrier();
        int fullColumns = candidates / TILE * SIDE;
        float colLo = bounds[0];
        float colWidth = (bounds[1] - colLo) / BUCKETS;
        float colScale = colWidth > 0f ? 1f / colWidth : 0f;
        for (int bkt = 0; bkt < BUCKETS; bkt++) {
            histogram[lid * BUCKETS + bkt] = 0;
        }
        // Buckets by a multiply, without bucket()'s exact boundaries: the bound below is lowered by more
        // than the rounding can move a maximum across one.
        for (int col = start / SIDE; col < fullEnd / SIDE; col++) {
            int bkt = (int) ((columnMax[colBase + col] - colLo) * colScale);
            histogram[lid * BUCKETS + min(BUCKETS - 1, max(0, bkt))] += 1;
        }
        localBarrier();
        if (lid == 0) {
            float t = -1e30f;
            if (need > 0 && fullColumns >= need) {
                sumHistograms();
                int above = 0;
                int chosen = 0;
                for (int bkt = BUCKETS - 1; bkt >= 0; bkt--) {
                    if (above < need) {
                        above += totals[bkt];
                        chosen = bkt;
                    }
                }
                float edge = colLo + chosen * colWidth;
                t = edge - colWidth * 0.01f - (abs(edge) + abs(colLo)) * 1e-6f;
            }
            threshold[0] = t;
        }
        localBarrier();
        float t = threshold[0];
        int pooled = 0;
        // Without branches: each candidate is written to the next free slot, which advances only when it
        // reaches the bound. Whether one does is close to random, and a mispredicted branch costs a CPU
        // core about 25 cycles (measured: a scan taking half its scores ran 14 times slower than one taking
        // none); the slots written past the pool lie inside this item's own range of it.
        for (int tile = start; tile < fullEnd; tile += TILE) {
            int taken = 0;
            for (int c = 0; c < SIDE; c++) {
                columns[rm + taken] = c;
                taken += columnMax[colBase + tile / SIDE + c] >= t ? 1 : 0;
            }
            if (taken > 0) {
                for (int row = 0; row < SIDE; row++) {
                    for (int u = 0; u < taken; u++) {
                        int j = tile + row * SIDE + columns[rm + u];
                        pool[base + start + pooled] = j;
                        pooled += groupScores[base + j] >= t ? 1 : 0;
                    }
                }
            }
        }
        for (int j = max(start, fullEnd); j < end; j++) {
            float s = groupScores[base + j];
            if (s >= t) {
                pool[base + start + pooled] = j;
                pooled++;
            }
        }
        // The pool's range, from the few scores in it.
        myLo = 1e30f;
        myHi = -1e30f;
        for (int u = 0; u < pooled; u++) {
            float s = groupScores[base + pool[base + start + u]];
            myLo = min(myLo, s);
            myHi = max(myHi, s);
        }
        chunkLo[lid] = myLo;
        chunkHi[lid] = myHi;
        localBarrier();
        if (lid == 0) {
            rangeOfItems();
            state[0] = need; // still needed from the interval [bounds[0], bounds[1]]
            state[2] = 0; // done
            state[3] = 1; // the interval's top is closed (it holds the maximum)
        }
        localBarrier();
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (state[2] == 0) {
                float lo = bounds[0];
                float width = (bounds[1] - lo) / BUCKETS;
                for (int bkt = 0; bkt < BUCKETS; bkt++) {
                    histogram[lid * BUCKETS + bkt] = 0;
                }
                for (int u = 0; u < pooled; u++) {
                    float s = groupScores[base + pool[base + start + u]];
                    if (s >= lo && (s < bounds[1] || (state[3] == 1 && s == bounds[1]))) {
                        histogram[lid * BUCKETS + bucket(s, lo, width, BUCKETS)] += 1;
                    }
                }
            }
            localBarrier();
            if (lid == 0 && state[2] == 0) {
                float lo = bounds[0];
                float width = (bounds[1] - lo) / BUCKETS;
                int stillNeeded = state[0];
                int above = 0;
                int chosen = 0;
                int inBucket = 0;
                int found = 0;
                sumHistograms();
                for (int bkt = BUCKETS - 1; bkt >= 0; bkt--) {
                    if (found == 0) {
                        int count = totals[bkt];
                        if (above + count >= stillNeeded) {
                            found = 1;
                            chosen = bkt;
                            inBucket = count;
                        } else {
                            above += count;
                        }
                    }
                }
                int bkt = chosen;
                bkt = max(0, bkt);
                float newLo = lo + bkt * width;
                float newHi = bkt == BUCKETS - 1 ? bounds[1] : lo + (bkt + 1) * width;
                if (bkt < BUCKETS - 1) {
                    state[3] = 0;
                }
                state[0] = stillNeeded - above;
                bounds[0] = newLo;
                bounds[1] = newHi;
                if (inBucket <= state[0] || width == 0f) {
                    state[2] = 1;
                }
            }
            localBarrier();
        }
        // Collection in parallel: each item counts its pooled positions above the interval and inside
        // it, offsets come from a prefix sum, and inside positions are taken in index order while needed.
        int above = 0;
        int inside = 0;
        for (int u = 0; u < pooled; u++) {
            float s = groupScores[base + pool[base + start + u]];
            int up = s > bounds[1] || (state[3] == 0 && s == bounds[1]) ? 1 : 0;
            above += up;
            inside += up == 0 && s >= bounds[0] ? 1 : 0;
        }
        aboveOffset[lid] = above;
        insideOffset[lid] = inside;
        localBarrier();
        if (lid == 0) {
            int a = 0;
            int b = 0;
            for (int u = 0; u < LOCAL; u++) {
                int na = aboveOffset[u];
                int nb = insideOffset[u];
                aboveOffset[u] = a;
                insideOffset[u] = b;
                a += na;
                b += nb;
            }
        }
        localBarrier();
        int fromInside = state[0];
        int needAbove = k2 - window - fromInside;
        int na = aboveOffset[lid];
        int nb = insideOffset[lid];
        for (int u = 0; u < pooled; u++) {
            int j = pool[base + start + u];
            float s = groupScores[base + j];
            if (s > bounds[1] || (state[3] == 0 && s == bounds[1])) {
                i2[gid * k2 + na] = j;
                na++;
            } else if (s >= bounds[0]) {
                if (nb < fromInside) {
                    i2[gid * k2 + needAbove + nb] = j;
                }
                nb++;
            }
        }
        for (int j = candidates + lid; j < keyLength; j += LOCAL) {
            i2[gid * k2 + (k2 - window) + (j - candidates)] = j;
        }
    }
}
