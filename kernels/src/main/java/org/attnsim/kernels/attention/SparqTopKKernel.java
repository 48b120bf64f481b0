package org.attnsim.kernels.attention;

import com.aparapi.Kernel;

/**
 * SparQ stage 2 (Algorithm 1, line 3) for one (batch, KV head) per work-group: the last {@code window}
 * positions, then the k - window largest group scores among the others. A radix select on the value:
 * each pass splits the interval that holds the k-th largest score into {@value #BUCKETS} buckets,
 * counts every candidate into them (local histograms, one per work item, then summed) and keeps the
 * bucket that holds the k-th; it stops once that bucket holds no more candidates than are still needed.
 * Positions are then collected by all work items: every one above the final interval, and those inside
 * it in index order until enough are taken.
 *
 * <p>Before the first pass each of the {@value #LOCAL} work items finds the m = ceil((k - window) / LOCAL)
 * largest scores of its own chunk in a small sorted array (one comparison per score once it is full). The
 * smallest of the items' m-th largest has at least LOCAL x m >= k - window scores at or above it, so it
 * is a lower bound of the k-th largest: the passes start there instead of at the minimum. One more scan
 * copies each item's positions at or above that bound, in index order, into its part of a scratch pool;
 * the passes and the collection then read those few hundred positions instead of every score again.
 */
public final class SparqTopKKernel extends Kernel {

    public static final int LOCAL = 16;
    static final int BUCKETS = 256;
    static final int MAX_PASSES = 6;
    /** The largest per-item sorted array (local memory: LOCAL x this many floats); larger k starts from the minimum. */
    static final int MAX_TOP = 64;

    final float[] groupScores;
    final int[] i2;
    final int[] pool;
    final int keyLength;
    final int k;
    final int window;
    final int topSize;

    @Local final int[] histogram;
    @Local final float[] bounds;
    @Local final int[] state;
    @Local final int[] aboveOffset;
    @Local final int[] insideOffset;
    @Local final float[] chunkLo;
    @Local final float[] chunkHi;
    @Local final float[] chunkFloor;
    @Local final float[] top;

    public SparqTopKKernel(AttentionShapeArgs a, SparqArgs s, float[] groupScores, int[] i2) {
        this.groupScores = groupScores;
        this.i2 = i2;
        this.pool = new int[groupScores.length];
        this.keyLength = a.keyLength();
        this.k = s.k();
        this.window = s.window();
        this.histogram = new int[LOCAL * BUCKETS];
        this.bounds = new float[2];
        this.state = new int[4];
        this.aboveOffset = new int[LOCAL];
        this.insideOffset = new int[LOCAL];
        this.chunkLo = new float[LOCAL];
        this.chunkHi = new float[LOCAL];
        this.chunkFloor = new float[LOCAL];
        int perItem = (s.k() - s.window() + LOCAL - 1) / LOCAL;
        int candidates = a.keyLength() - s.window();
        int chunk = (candidates + LOCAL - 1) / LOCAL;
        // Sorted arrays only when every item's chunk (the last is the shortest) can fill one: a chunk without a
        // floor would leave only the minimum as a bound, and the scan keeps no minimum beside the array.
        boolean everyChunkFills = candidates - (LOCAL - 1) * chunk >= perItem;
        this.topSize = perItem <= MAX_TOP && everyChunkFills ? perItem : 0;
        this.top = new float[LOCAL * Math.max(1, topSize)];
    }

    /** The bucket of s: boundaries lo + i x width, compared the same way wherever a bucket is decided. */
    int bucket(float s, float lo, float width) {
        int bkt = width > 0f ? (int) ((s - lo) / width) : 0;
        bkt = min(BUCKETS - 1, max(0, bkt));
        while (bkt < BUCKETS - 1 && s >= lo + (bkt + 1) * width) {
            bkt++;
        }
        while (bkt > 0 && s < lo + bkt * width) {
            bkt--;
        }
        return bkt;
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int gid = getGroupId();
        int base = gid * keyLength;
        int candidates = keyLength - window;
        int chunk = (candidates + LOCAL - 1) / LOCAL;
        int start = lid * chunk;
        int end = min(candidates, start + chunk);
        float myLo = 1e30f;
        float myHi = -1e30f;
        // The chunk's topSize-th largest score and its maximum in one pass; without the arrays, its range.
        // No running minimum and maximum beside the array: each is a chain of dependent fmin or fmax, a few
        // cycles a score (measured at S 16k, batch 8: the stage took 2.33 ms with them, 2.02 without).
        if (topSize > 0) {
            int hb = lid * topSize;
            // The chunk's topSize largest scores, sorted ascending, from sentinels below every score: a
            // score above the smallest replaces it and bubbles up by min and max, without a branch that
            // depends on the data (a heap's sift-down mispredicted about every other level: 1.1 ms of
            // this stage at S 16k, batch 8).
            for (int i = 0; i < topSize; i++) {
                top[hb + i] = -1e30f;
            }
            float root = -1e30f; // top[hb], kept in a register: almost every score only meets it
            for (int j = start; j < end; j++) {
                float s = groupScores[base + j];
                if (s > root) {
                    float carry = s;
                    for (int i = 1; i < topSize; i++) {
                        float next = top[hb + i];
                        top[hb + i - 1] = min(carry, next);
                        carry = max(carry, next);
                    }
                    top[hb + topSize - 1] = carry;
                    root = top[hb];
                }
            }
            // The array holds the chunk's largest scores: its first is the floor, its last the maximum.
            // Every item has a floor here, so the floor stands in for the chunk's minimum.
            myLo = root;
            myHi = top[hb + topSize - 1];
            chunkFloor[lid] = root;
        } else {
            for (int j = start; j < end; j++) {
                myLo = min(myLo, groupScores[base + j]);
                myHi = max(myHi, groupScores[base + j]);
            }
            chunkFloor[lid] = -1e30f;
        }
        chunkLo[lid] = myLo;
        chunkHi[lid] = myHi;
        localBarrier();
        if (lid == 0) {
            float lo = 1e30f;
            float hi = -1e30f;
            float floor = 1e30f;
            for (int u = 0; u < LOCAL; u++) {
                lo = min(lo, chunkLo[u]);
                hi = max(hi, chunkHi[u]);
                floor = min(floor, chunkFloor[u]);
            }
            lo = max(lo, floor);
            bounds[0] = lo;
            bounds[1] = hi;
            state[0] = k - window; // still needed from the interval [bounds[0], bounds[1]]
            state[1] = candidates; // positions inside the interval
            state[2] = 0; // done
            state[3] = 1; // the interval's top is closed (it holds the maximum)
        }
        localBarrier();
        int pooled = 0;
        float floorAll = bounds[0];
        for (int j = start; j < end; j++) {
            if (groupScores[base + j] >= floorAll) {
                pool[base + start + pooled] = j;
                pooled++;
            }
        }
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
                        histogram[lid * BUCKETS + bucket(s, lo, width)] += 1;
                    }
                }
            }
            localBarrier();
            if (lid == 0 && state[2] == 0) {
                float lo = bounds[0];
                float width = (bounds[1] - lo) / BUCKETS;
                int need = state[0];
                int above = 0;
                int chosen = 0;
                int inBucket = 0;
                int found = 0;
                for (int bkt = BUCKETS - 1; bkt >= 0; bkt--) {
                    if (found == 0) {
                        int count = 0;
                        for (int u = 0; u < LOCAL; u++) {
                            count += histogram[u * BUCKETS + bkt];
                        }
                        if (above + count >= need) {
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
                state[0] = need - above;
                state[1] = inBucket;
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
            if (s > bounds[1] || (state[3] == 0 && s == bounds[1])) {
                above++;
            } else if (s >= bounds[0]) {
                inside++;
            }
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
        int needAbove = k - window - fromInside;
        int na = aboveOffset[lid];
        int nb = insideOffset[lid];
        for (int u = 0; u < pooled; u++) {
            int j = pool[base + start + u];
            float s = groupScores[base + j];
            if (s > bounds[1] || (state[3] == 0 && s == bounds[1])) {
                i2[gid * k + na] = j;
                na++;
            } else if (s >= bounds[0]) {
                if (nb < fromInside) {
                    i2[gid * k + needAbove + nb] = j;
                }
                nb++;
            }
        }
        for (int j = candidates + lid; j < keyLength; j += LOCAL) {
            i2[gid * k + (k - window) + (j - candidates)] = j;
        }
    }
}
