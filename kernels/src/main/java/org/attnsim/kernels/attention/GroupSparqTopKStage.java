package org.attnsim.kernels.attention;

/**
 * SparQ's second stage shaped for a GPU ({@link TiledSparqDecodeKernel} runs it as its pass 1): a work-group
 * per (batch, KV head) takes the last {@code window} positions, then the k - window largest group scores among
 * the others, ties to the lower index. As {@link SparqTopKStage} on a CPU, a bound first narrows the scores to a
 * pool: each item takes the maximum of each set of {@value #BOUND_ROWS} of its scores (all items reading
 * adjacent scores), a select over those maxima gives a lower bound of the (k - window)-th largest score, and the
 * positions at or above it (a few hundred at S 16k, k 128) are pooled. A select on the value then runs over the
 * pool: each round splits the interval that holds the k-th largest into {@value #BUCKETS} buckets, every item
 * counts its values in the interval into a histogram of its own in local memory (Aparapi's atomics take only
 * global arrays; bucket-major, so that a warp's counts fall in different banks), the histograms are summed in
 * two steps (sixteen items each, then the sums) and the bucket that holds the k-th is kept; the rounds stop once
 * that bucket holds no more than are still needed. Positions are then collected: each item counts its share, a
 * scan over the items gives the offsets. On an H100 the select over all S scores took 62-74 us of the step's
 * 137-149 (session 19), its first round alone about 24.
 */
abstract class GroupSparqTopKStage extends SplitSparqScoresStage {

    static final int BUCKETS = 16;
    /** Rounds at most: 16^12 = 2^48 narrows any fp32 interval to a single value or to equal ones. */
    static final int MAX_ROUNDS = 12;
    /** Scores of an item whose maximum the bound takes. */
    static final int BOUND_ROWS = 16;
    /** Buckets of the set maxima's histogram, which gives the bound. */
    static final int BOUND_BUCKETS = 256;

    final int[] i2;
    /** Each (batch, KV head)'s set maxima: set by set, item by item. */
    final float[] setMax;
    /** Slots of setMax per (batch, KV head). */
    final int boundStride;
    /** Each (batch, KV head)'s histogram of its set maxima. */
    final int[] boundCounts;
    /** Each (batch, KV head)'s pooled positions: each item's in a segment of its own. */
    final int[] pool;
    /** Slots of the pool per (batch, KV head): S, and the last segment's overhang of up to items - 1. */
    final int poolStride;
    /** The rows taken, k in the paper. */
    final int k2;
    final int window;

    @Local final int[] histogram;
    @Local final int[] partial;
    @Local final int[] totals;
    /** The interval that holds the k-th largest: its low and high edges. */
    @Local final float[] bounds;
    /** Still needed from the interval; the scores in it; 1 once done; 1 while the interval's top is closed. */
    @Local final int[] state;
    @Local final int[] aboveOffset;
    @Local final int[] insideOffset;

    GroupSparqTopKStage(AttentionShapeArgs a, SparqArgs s, int splits, int local, float[] q, float[] k,
            float[] kt) {
        super(a, s, splits, local, q, k, kt);
        this.i2 = new int[a.batch() * a.kvHeads() * s.k()];
        this.boundStride = (a.keyLength() + local * BOUND_ROWS - 1) / (local * BOUND_ROWS) * local;
        this.setMax = new float[a.batch() * a.kvHeads() * boundStride];
        this.boundCounts = new int[a.batch() * a.kvHeads() * BOUND_BUCKETS];
        this.poolStride = a.keyLength() + local;
        this.pool = new int[a.batch() * a.kvHeads() * poolStride];
        this.k2 = s.k();
        this.window = s.window();
        this.histogram = new int[local * BUCKETS];
        this.partial = new int[local];
        this.totals = new int[BUCKETS];
        this.bounds = new float[2];
        this.state = new int[4];
        this.aboveOffset = new int[local];
        this.insideOffset = new int[local];
    }

    /** Pass 1: the (batch, KV head)'s chosen rows into i2. */
    void topK() {
        int lid = getLocalId();
        int items = getLocalSize();
        int bh = pair();
        int base = bh * keyLength;
        int candidates = keyLength - window;
        int need = k2 - window;
        int active = pass == 1 ? 1 : 0;
        int span = items * BOUND_ROWS;
        int sets = active == 1 ? (candidates + span - 1) / span : 0;
        int setBase = bh * boundStride;
        int countBase = bh * BOUND_BUCKETS;
        float s = 0f;
        float lo = 1e30f;
        float hi = -1e30f;
        float m = 0f;
        int j = 0;
        for (int bkt = lid; bkt < (active == 1 ? BOUND_BUCKETS : 0); bkt += items) {
            boundCounts[countBase + bkt] = 0;
        }
        // Each item's scores, read as the warp reads adjacent ones, in sets of BOUND_ROWS: the maximum of each set
        // into setMax, and the range of the scores.
        for (int set = 0; set < sets; set++) {
            m = -1e30f;
            for (int row = 0; row < BOUND_ROWS; row++) {
                j = lid + (set * BOUND_ROWS + row) * items;
                if (j < candidates) {
                    s = groupScores[base + j];
                    m = max(m, s);
                    lo = min(lo, s);
                }
            }
            setMax[setBase + set * items + lid] = m;
            hi = max(hi, m);
        }
        treeLow[lid] = lo;
        treeHigh[lid] = hi;
        localGlobalBarrier();
        for (int step = active == 1 ? items / 2 : 0; step > 0; step /= 2) {
            if (lid < step) {
                treeLow[lid] = min(treeLow[lid], treeLow[lid + step]);
                treeHigh[lid] = max(treeHigh[lid], treeHigh[lid + step]);
            }
            localBarrier();
        }
        // The bound: n = k - window sets each hold a score at or above the n-th largest set maximum, so the n-th
        // largest score is at least the low edge of the bucket that holds that maximum, in a histogram of the
        // maxima over the scores' range. Without n sets (fewer than 16 n candidates) every candidate is pooled.
        lo = treeLow[0];
        hi = treeHigh[0];
        float width = (hi - lo) / BOUND_BUCKETS;
        int bounded = active == 1 && candidates >= BOUND_ROWS * need && need > 0 ? 1 : 0;
        for (int set = 0; set < (bounded == 1 ? sets : 0); set++) {
            m = setMax[setBase + set * items + lid];
            if (m >= lo) {
                atomicAdd(boundCounts, countBase + bucket(m, lo, width, BOUND_BUCKETS), 1);
            }
        }
        if (lid == 0) {
            bounds[0] = lo;
            bounds[1] = hi;
            state[0] = need;
            state[1] = 0;
            state[2] = 0;
            state[3] = 1;
        }
        localGlobalBarrier();
        boundBucket(countBase, need, bounded, lo, width);
        localBarrier();
        // The pool: each item's positions at or above the bound, from its sets that reach it, into a segment of
        // its own, in index order.
        float t = bounds[0];
        int segment = (candidates + items - 1) / items;
        int poolAt = bh * poolStride + lid * segment;
        int pooled = 0;
        for (int set = 0; set < sets; set++) {
            int rows = setMax[setBase + set * items + lid] >= t ? BOUND_ROWS : 0;
            for (int row = 0; row < rows; row++) {
                j = lid + (set * BOUND_ROWS + row) * items;
                if (j < candidates && groupScores[base + j] >= t) {
                    pool[poolAt + pooled] = j;
                    pooled++;
                }
            }
        }
        int rounds = active == 1 ? MAX_ROUNDS : 0;
        for (int round = 0; round < rounds; round++) {
            if (state[2] == 0) {
                lo = bounds[0];
                hi = bounds[1];
                width = (hi - lo) / BUCKETS;
                int topClosed = state[3];
                for (int bkt = 0; bkt < BUCKETS; bkt++) {
                    histogram[bkt * items + lid] = 0;
                }
                for (int u = 0; u < pooled; u++) {
                    s = groupScores[base + pool[poolAt + u]];
                    if (s >= lo && (s < hi || (topClosed == 1 && s == hi))) {
                        histogram[bucket(s, lo, width, BUCKETS) * items + lid] += 1;
                    }
                }
            }
            localBarrier();
            // The counts summed in two steps of sixteen: each item a bucket's count over sixteen items, then
            // sixteen items a bucket's count over those sums.
            if (state[2] == 0) {
                int from = lid / BUCKETS * BUCKETS;
                int count = 0;
                for (int u = from; u < from + BUCKETS; u++) {
                    count += histogram[lid % BUCKETS * items + u];
                }
                partial[lid] = count;
            }
            localBarrier();
            if (state[2] == 0 && lid < BUCKETS) {
                int count = 0;
                for (int u = 0; u < items; u += BUCKETS) {
                    count += partial[u + lid];
                }
                totals[lid] = count;
            }
            localBarrier();
            if (lid == 0 && state[2] == 0) {
                chooseBucket();
            }
            localBarrier();
        }
        // Ties, which need index order, are taken from every candidate; else each item takes its pooled ones.
        int ordered = state[1] > state[0] ? 1 : 0;
        collect(active == 1 ? candidates : 0, bh * k2, base, need, items, ordered, poolAt, pooled);
        for (j = candidates + lid; j < (active == 1 ? keyLength : candidates); j += items) {
            i2[bh * k2 + need + j - candidates] = j;
        }
    }

    /**
     * The bound's bucket: the highest whose count and the counts above it reach {@code need}; without one (fewer
     * counted maxima than needed) the bound stays at the range's low edge, where lid 0 has set it. Each item sums
     * a run of the buckets (all items together read each count once), sets of sixteen items sum their runs, each
     * item adds the sets above its own and the runs above its own in its set, and the one item whose run holds the
     * bucket walks it. One item walking all the counts in global memory took 2-4 us more of the pass's 33-40 on an
     * H100 (session 27). The sums take no loop of barriers: PoCL's compile time grows steeply with those.
     */
    void boundBucket(int countBase, int need, int bounded, float lo, float width) {
        int lid = getLocalId();
        int items = getLocalSize();
        int run = BOUND_BUCKETS / items;
        int first = lid * run;
        int count = 0;
        for (int bkt = first; bkt < (bounded == 1 ? first + run : first); bkt++) {
            count += boundCounts[countBase + bkt];
        }
        aboveOffset[lid] = count;
        localBarrier();
        if (lid < items / BUCKETS) {
            int sum = 0;
            for (int u = lid * BUCKETS; u < lid * BUCKETS + BUCKETS; u++) {
                sum += aboveOffset[u];
            }
            partial[lid] = sum;
        }
        localBarrier();
        int above = 0;
        for (int set = lid / BUCKETS + 1; set < items / BUCKETS; set++) {
            above += partial[set];
        }
        for (int u = lid + 1; u < lid / BUCKETS * BUCKETS + BUCKETS; u++) {
            above += aboveOffset[u];
        }
        if (bounded == 1 && above < need && above + count >= need) {
            int chosen = first;
            for (int bkt = first + run - 1; bkt >= first; bkt--) {
                if (above < need) {
                    above += boundCounts[countBase + bkt];
                    chosen = bkt;
                }
            }
            bounds[0] = lo + chosen * width;
        }
    }

    /** One item's work after a round's counts: the bucket that holds the k-th largest becomes the interval. */
    void chooseBucket() {
        float lo = bounds[0];
        float width = (bounds[1] - lo) / BUCKETS;
        int stillNeeded = state[0];
        int above = 0;
        int chosen = 0;
        int inBucket = 0;
        int found = 0;
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
        if (chosen < BUCKETS - 1) {
            state[3] = 0;
            bounds[1] = lo + (chosen + 1) * width;
        }
        bounds[0] = lo + chosen * width;
        state[0] = stillNeeded - above;
        state[1] = inBucket;
        if (inBucket <= state[0] || width == 0f) {
            state[2] = 1;
        }
    }

    /**
     * Every position above the final interval, and those inside it in index order while still needed, into
     * the (batch, KV head)'s k rows: each item counts its share, and a scan over the items gives where each
     * share's rows go. Where the interval holds just the scores still needed (the usual end), the order does not
     * matter and each item takes its {@code pooled} positions from the pool at {@code poolAt}; where it holds more
     * ({@code ordered}: ties, which only the rounds' limit or a zero width leaves), each item takes a contiguous
     * piece of the {@code scan} candidates themselves, so that the first ones are taken.
     */
    void collect(int scan, int out, int base, int need, int items, int ordered, int poolAt, int pooled) {
        int lid = getLocalId();
        int chunk = (scan + items - 1) / items;
        int first = ordered == 1 ? lid * chunk : 0;
        int end = ordered == 1 ? min(scan, first + chunk) : pooled;
        float lo = bounds[0];
        float hi = bounds[1];
        int openTop = 1 - state[3];
        float s = 0f;
        int above = 0;
        int inside = 0;
        int j = 0;
        for (int x = first; x < end; x++) {
            j = ordered == 1 ? x : pool[poolAt + x];
            s = groupScores[base + j];
            if (s > hi || (openTop == 1 && s == hi)) {
                above++;
            } else if (s >= lo) {
                inside++;
            }
        }
        aboveOffset[lid] = above;
        insideOffset[lid] = inside;
        localBarrier();
        // The offsets by a scan over the items (log2 of their number steps), inclusive, less each item's own.
        int a = 0;
        int b = 0;
        for (int offset = 1; offset < (scan > 0 ? items : 1); offset *= 2) {
            a = lid >= offset ? aboveOffset[lid - offset] : 0;
            b = lid >= offset ? insideOffset[lid - offset] : 0;
            localBarrier();
            aboveOffset[lid] += a;
            insideOffset[lid] += b;
            localBarrier();
        }
        int fromInside = state[0];
        int needAbove = need - fromInside;
        above = aboveOffset[lid] - above;
        inside = insideOffset[lid] - inside;
        for (int x = first; x < end; x++) {
            j = ordered == 1 ? x : pool[poolAt + x];
            s = groupScores[base + j];
            if (s > hi || (openTop == 1 && s == hi)) {
                // Never past the rows' share: a score counted into another bucket than its edges say would
                // otherwise write into the next (batch, KV head)'s rows.
                if (above < needAbove) {
                    i2[out + above] = j;
                }
                above++;
            } else if (s >= lo) {
                if (inside < fromInside) {
                    i2[out + needAbove + inside] = j;
                }
                inside++;
            }
        }
    }
}
