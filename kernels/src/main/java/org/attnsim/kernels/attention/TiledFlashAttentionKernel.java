package org.attnsim.kernels.attention;

import org.attnsim.kernels.measure.Harness;

/**
 * Attention forward shaped for a GPU (FlashAttention-2's loop order on fp32 lanes): a work-group of
 * {@value #LOCAL} items serves {@value #ROWS} query rows (the group's query heads times consecutive
 * positions, so that GQA, MQA and SQA heads share each K/V tile) and {@value #CHUNK} output elements, and
 * walks the keys in tiles of {@value #KEYS}. Each tile is loaded into local memory by all items together,
 * adjacent items reading adjacent floats. The items form a 16 x 16 grid: item (ty, tx) keeps in registers
 * the scores of rows 4ty..4ty+3 with keys tx and tx+16 (eight dot products sharing each load), and the
 * outputs of those rows in elements tx, tx+16, tx+32 and tx+48 (sixteen sums sharing each load of a
 * probability and a value). The online softmax (running maximum, sum and the accumulator's rescale) takes
 * four items per row.
 *
 * <p>Why not {@link FlashAttentionKernel} on a GPU: there each work item keeps its row's scores and
 * accumulator in local memory with stride d, so that a warp's items hit the same bank at every access, and
 * a work-group holds one row per item: 0.8% of an H100's FMA rate (session 17).
 *
 * <p>Head dimensions above {@value #CHUNK} take one work-group per chunk of {@value #CHUNK} output
 * elements; each computes the scores over all of d again (a 128-dimensional head does its score FLOPs
 * twice). Local tiles are padded by one float where items read down a column, so that they fall in
 * different banks. Layouts as {@link FlashAttentionKernel}: q and o [B][H_q][S_q][d], k and v
 * [B][H_kv][S_k][d]; causal lets query i see keys j <= i + (S_k - S_q).
 *
 * <p>Split-K: with {@code splits} above 1 each query tile's keys are cut into that many runs of whole key
 * tiles, a work-group each, in two launches of the kernel (a pass each, as {@link TiledDecodeAttentionKernel}
 * does and for the same reasons). Pass 0 leaves each run's row maxima, sums and unscaled outputs in global
 * memory; pass 1 joins the runs of each query tile. Without splits, one work-group walks a query tile's keys
 * alone, and on an H100 the causal forward took as long as its last query tile's chain of S / 32 key tiles
 * (485-505 us at S 2048 for MHA and for xSQA, a quarter of the work; session 19).
 */
public final class TiledFlashAttentionKernel extends ForwardKernel implements Harness.Passes {

    /** Work items of a work-group: a 16 x 16 grid. */
    public static final int LOCAL = 256;
    static final int SIDE = 16;
    /** Query rows of a work-group: four per row of the grid. */
    static final int ROWS = 64;
    /** Keys of a tile: two per column of the grid, and eight per item of a row's softmax. */
    static final int KEYS = 32;
    /** Elements of the head dimension a work-group outputs, and that a score tile is summed over at a time. */
    static final int CHUNK = 64;
    static final int PADDED = CHUNK + 1;
    static final int SCORE_STRIDE = KEYS + 1;
    static final int ITEMS_PER_ROW = LOCAL / ROWS;
    static final int KEYS_PER_ITEM = KEYS / ITEMS_PER_ROW;

    /** Positions of each head in a work-group's rows, and heads of the group in them. */
    final int rowsPerHead;
    final int headsPerTile;
    final int headTiles;
    final int queryTiles;
    final int dimChunks;
    /** Runs of each query tile's keys, a work-group each, and the keys of each run (whole key tiles). */
    final int splits;
    final int splitKeys;
    /** Per run of each query tile (only with splits): its rows' outputs before the division by their sums. */
    final float[] splitAcc;
    final float[] splitMax;
    final float[] splitSum;
    /** 0: the runs (or the whole walk without splits); 1: their combination. */
    int pass;

    @Local final float[] qTile;
    @Local final float[] kTile;
    @Local final float[] vTile;
    @Local final float[] sTile;
    @Local final float[] partMax;
    @Local final float[] partSum;
    @Local final float[] rowMax;
    @Local final float[] rowSum;
    @Local final float[] rowCorrection;

    public TiledFlashAttentionKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        this(a, 1, q, k, v, o);
    }

    /** The kernel with each query tile's keys in {@code splits} runs (at most one per key tile). */
    public TiledFlashAttentionKernel(AttentionShapeArgs a, int splits, float[] q, float[] k, float[] v, float[] o) {
        super(a, q, k, v, o);
        this.rowsPerHead = Math.max(1, ROWS / groupSize);
        this.headsPerTile = Math.min(groupSize, ROWS / rowsPerHead);
        this.headTiles = (groupSize + headsPerTile - 1) / headsPerTile;
        this.queryTiles = (a.queryLength() + rowsPerHead - 1) / rowsPerHead;
        this.dimChunks = (a.headDim() + CHUNK - 1) / CHUNK;
        int keyTiles = keyTiles(a);
        this.splits = Math.max(1, Math.min(splits, keyTiles));
        this.splitKeys = (keyTiles + this.splits - 1) / this.splits * KEYS;
        int runs = this.splits > 1 ? tiles() * this.splits : 0;
        this.splitAcc = new float[Math.max(1, runs * ROWS * CHUNK)];
        this.splitMax = new float[Math.max(1, runs * ROWS)];
        this.splitSum = new float[Math.max(1, runs * ROWS)];
        this.qTile = new float[ROWS * PADDED];
        this.kTile = new float[KEYS * PADDED];
        this.vTile = new float[KEYS * CHUNK];
        this.sTile = new float[ROWS * SCORE_STRIDE];
        this.partMax = new float[LOCAL];
        this.partSum = new float[LOCAL];
        this.rowMax = new float[ROWS];
        this.rowSum = new float[ROWS];
        this.rowCorrection = new float[ROWS];
    }

    /** Tiles of {@value #KEYS} keys that the shape's keys fill, the last perhaps in part. */
    static int keyTiles(AttentionShapeArgs a) {
        return (a.keyLength() + KEYS - 1) / KEYS;
    }

    /** Query tiles: one per (batch, KV head, heads of the group, query positions, chunk of d). */
    private int tiles() {
        return batch * kvHeads * headTiles * queryTiles * dimChunks;
    }

    /** Work items of each launch: a work-group per run of each query tile's keys. */
    public int globalSize() {
        return tiles() * splits * LOCAL;
    }

    /** Runs of each query tile's keys: 1 without splits. */
    public int splits() {
        return splits;
    }

    /** Launches of a step: a second joins the runs. */
    public int passes() {
        return splits > 1 ? 2 : 1;
    }

    @Override
    public void pass(int p) {
        pass = p;
    }

    /** The query head of a work-group's row, within its KV head's group (at least groupSize: no head). */
    int rowHead(int headTile, int row) {
        int inTile = row / rowsPerHead;
        return inTile < headsPerTile ? headTile * headsPerTile + inTile : groupSize;
    }

    int rowPosition(int queryTile, int row) {
        return queryTile * rowsPerHead + row % rowsPerHead;
    }

    /** Start of the row's query (and output) in q, or -1 where the row is past the heads or the queries. */
    int rowBase(int b, int kvh, int headTile, int queryTile, int row) {
        int g = rowHead(headTile, row);
        int pos = rowPosition(queryTile, row);
        int head = b * queryHeads + kvh * groupSize + g;
        return g < groupSize && pos < queryLength ? (head * queryLength + pos) * headDim : -1;
    }

    /** The score, or -1e30 where the key is past the cache or (causal) after the row's query. */
    float masked(float s, int queryTile, int row, int key) {
        int last = causal == 1 ? rowPosition(queryTile, row) + keyLength - queryLength : keyLength - 1;
        return key <= last && key < keyLength ? s : -1e30f;
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int wg = getGroupId();
        int split = wg % splits;
        int tile = wg / splits;
        int chunk = tile % dimChunks;
        int rest = tile / dimChunks;
        int queryTile = rest % queryTiles;
        rest = rest / queryTiles;
        int headTile = rest % headTiles;
        rest = rest / headTiles;
        int kvh = rest % kvHeads;
        int b = rest / kvHeads;
        int ty = lid / SIDE;
        int tx = lid % SIDE;
        int row0 = 4 * ty;
        int dimBase = chunk * CHUNK;
        int kvBase = (b * kvHeads + kvh) * keyLength * headDim;
        int softRow = lid / ITEMS_PER_ROW;
        int softFirst = softRow * SCORE_STRIDE + lid % ITEMS_PER_ROW * KEYS_PER_ITEM;

        if (lid < ROWS) {
            rowMax[lid] = -1e30f;
            rowSum[lid] = 0f;
        }
        float a00 = 0f;
        float a01 = 0f;
        float a02 = 0f;
        float a03 = 0f;
        float a10 = 0f;
        float a11 = 0f;
        float a12 = 0f;
        float a13 = 0f;
        float a20 = 0f;
        float a21 = 0f;
        float a22 = 0f;
        float a23 = 0f;
        float a30 = 0f;
        float a31 = 0f;
        float a32 = 0f;
        float a33 = 0f;
        int lastPosition = min(queryLength - 1, queryTile * rowsPerHead + rowsPerHead - 1);
        int keyEnd = causal == 1 ? min(keyLength, lastPosition + keyLength - queryLength + 1) : keyLength;
        // The run's keys; none in pass 1 (the loop runs zero times rather than sitting in a branch: PoCL 3.1
        // miscompiles barriers inside a branch on a kernel argument). A causal run past a row's last key leaves
        // that row's maximum at -1e30, which gives the run no weight when the runs are joined.
        int firstKey = split * splitKeys;
        int lastKey = pass == 0 ? min(keyEnd, firstKey + splitKeys) : firstKey;
        for (int kb = firstKey; kb < lastKey; kb += KEYS) {
            float s00 = 0f;
            float s01 = 0f;
            float s10 = 0f;
            float s11 = 0f;
            float s20 = 0f;
            float s21 = 0f;
            float s30 = 0f;
            float s31 = 0f;
            for (int cc = 0; cc < dimChunks; cc++) {
                // The chunk of every row's query (scaled; once, where d is one chunk) and of the tile's keys,
                // and the values of the work-group's own chunk with the first. Zeros past d and the cache.
                for (int e = lid; e < ROWS * CHUNK && (kb == firstKey || dimChunks > 1); e += LOCAL) {
                    int r = e / CHUNK;
                    int dim = cc * CHUNK + e % CHUNK;
                    int base = rowBase(b, kvh, headTile, queryTile, r);
                    qTile[r * PADDED + e % CHUNK] = base >= 0 && dim < headDim ? q[base + dim] * scale : 0f;
                }
                for (int e = lid; e < KEYS * CHUNK; e += LOCAL) {
                    int key = kb + e / CHUNK;
                    int dim = cc * CHUNK + e % CHUNK;
                    kTile[e / CHUNK * PADDED + e % CHUNK] = key < keyLength && dim < headDim
                            ? k[kvBase + key * headDim + dim] : 0f;
                    if (cc == 0) {
                        int vDim = dimBase + e % CHUNK;
                        vTile[e] = key < keyLength && vDim < headDim ? v[kvBase + key * headDim + vDim] : 0f;
                    }
                }
                localBarrier();
                int width = min(CHUNK, headDim - cc * CHUNK);
                for (int c = 0; c < width; c++) {
                    float q0 = qTile[row0 * PADDED + c];
                    float q1 = qTile[(row0 + 1) * PADDED + c];
                    float q2 = qTile[(row0 + 2) * PADDED + c];
                    float q3 = qTile[(row0 + 3) * PADDED + c];
                    float k0 = kTile[tx * PADDED + c];
                    float k1 = kTile[(tx + SIDE) * PADDED + c];
                    s00 += q0 * k0;
                    s01 += q0 * k1;
                    s10 += q1 * k0;
                    s11 += q1 * k1;
                    s20 += q2 * k0;
                    s21 += q2 * k1;
                    s30 += q3 * k0;
                    s31 += q3 * k1;
                }
                localBarrier();
            }
            sTile[row0 * SCORE_STRIDE + tx] = masked(s00, queryTile, row0, kb + tx);
            sTile[row0 * SCORE_STRIDE + tx + SIDE] = masked(s01, queryTile, row0, kb + tx + SIDE);
            sTile[(row0 + 1) * SCORE_STRIDE + tx] = masked(s10, queryTile, row0 + 1, kb + tx);
            sTile[(row0 + 1) * SCORE_STRIDE + tx + SIDE] = masked(s11, queryTile, row0 + 1, kb + tx + SIDE);
            sTile[(row0 + 2) * SCORE_STRIDE + tx] = masked(s20, queryTile, row0 + 2, kb + tx);
            sTile[(row0 + 2) * SCORE_STRIDE + tx + SIDE] = masked(s21, queryTile, row0 + 2, kb + tx + SIDE);
            sTile[(row0 + 3) * SCORE_STRIDE + tx] = masked(s30, queryTile, row0 + 3, kb + tx);
            sTile[(row0 + 3) * SCORE_STRIDE + tx + SIDE] = masked(s31, queryTile, row0 + 3, kb + tx + SIDE);
            localBarrier();
            // The online softmax, four items per row: their maxima, then the probabilities against the
            // row's new maximum, then the row's sum and rescale.
            float pm = -1e30f;
            for (int u = 0; u < KEYS_PER_ITEM; u++) {
                pm = max(pm, sTile[softFirst + u]);
            }
            partMax[lid] = pm;
            localBarrier();
            int part0 = softRow * ITEMS_PER_ROW;
            float mNew = max(rowMax[softRow], max(max(partMax[part0], partMax[part0 + 1]),
                    max(partMax[part0 + 2], partMax[part0 + 3])));
            float ps = 0f;
            for (int u = 0; u < KEYS_PER_ITEM; u++) {
                float p = exp(sTile[softFirst + u] - mNew);
                sTile[softFirst + u] = p;
                ps += p;
            }
            partSum[lid] = ps;
            localBarrier();
            if (lid % ITEMS_PER_ROW == 0) {
                float correction = exp(rowMax[softRow] - mNew);
                rowSum[softRow] = rowSum[softRow] * correction + partSum[part0] + partSum[part0 + 1]
                        + partSum[part0 + 2] + partSum[part0 + 3];
                rowMax[softRow] = mNew;
                rowCorrection[softRow] = correction;
            }
            localBarrier();
            float c0 = rowCorrection[row0];
            float c1 = rowCorrection[row0 + 1];
            float c2 = rowCorrection[row0 + 2];
            float c3 = rowCorrection[row0 + 3];
            a00 *= c0;
            a01 *= c0;
            a02 *= c0;
            a03 *= c0;
            a10 *= c1;
            a11 *= c1;
            a12 *= c1;
            a13 *= c1;
            a20 *= c2;
            a21 *= c2;
            a22 *= c2;
            a23 *= c2;
            a30 *= c3;
            a31 *= c3;
            a32 *= c3;
            a33 *= c3;
            for (int j = 0; j < KEYS; j++) {
                float p0 = sTile[row0 * SCORE_STRIDE + j];
                float p1 = sTile[(row0 + 1) * SCORE_STRIDE + j];
                float p2 = sTile[(row0 + 2) * SCORE_STRIDE + j];
                float p3 = sTile[(row0 + 3) * SCORE_STRIDE + j];
                float v0 = vTile[j * CHUNK + tx];
                float v1 = vTile[j * CHUNK + tx + SIDE];
                float v2 = vTile[j * CHUNK + tx + 2 * SIDE];
                float v3 = vTile[j * CHUNK + tx + 3 * SIDE];
                a00 += p0 * v0;
                a01 += p0 * v1;
                a02 += p0 * v2;
                a03 += p0 * v3;
                a10 += p1 * v0;
                a11 += p1 * v1;
                a12 += p1 * v2;
                a13 += p1 * v3;
                a20 += p2 * v0;
                a21 += p2 * v1;
                a22 += p2 * v2;
                a23 += p2 * v3;
                a30 += p3 * v0;
                a31 += p3 * v1;
                a32 += p3 * v2;
                a33 += p3 * v3;
            }
            localBarrier();
        }
        if (pass == 0 && splits == 1) {
            store(rowBase(b, kvh, headTile, queryTile, row0), row0, dimBase + tx, a00, a01, a02, a03);
            store(rowBase(b, kvh, headTile, queryTile, row0 + 1), row0 + 1, dimBase + tx, a10, a11, a12, a13);
            store(rowBase(b, kvh, headTile, queryTile, row0 + 2), row0 + 2, dimBase + tx, a20, a21, a22, a23);
            store(rowBase(b, kvh, headTile, queryTile, row0 + 3), row0 + 3, dimBase + tx, a30, a31, a32, a33);
        }
        if (pass == 0 && splits > 1) {
            keep(wg, row0, tx, a00, a01, a02, a03);
            keep(wg, row0 + 1, tx, a10, a11, a12, a13);
            keep(wg, row0 + 2, tx, a20, a21, a22, a23);
            keep(wg, row0 + 3, tx, a30, a31, a32, a33);
            if (lid < ROWS) {
                splitMax[wg * ROWS + lid] = rowMax[lid];
                splitSum[wg * ROWS + lid] = rowSum[lid];
            }
        }
        // Pass 1: the work-groups of a query tile's runs share its rows' elements, each the runs' outputs
        // weighted by e^(m_run - m) over the runs' sums weighted alike, m the rows' maximum over the runs.
        for (int e = split * LOCAL + lid; e < (pass == 1 ? ROWS * CHUNK : 0); e += splits * LOCAL) {
            int row = e / CHUNK;
            int dim = dimBase + e % CHUNK;
            int base = rowBase(b, kvh, headTile, queryTile, row);
            float m = -1e30f;
            for (int p = 0; p < splits; p++) {
                m = max(m, splitMax[(tile * splits + p) * ROWS + row]);
            }
            float sum = 0f;
            float out = 0f;
            for (int p = 0; p < splits; p++) {
                int run = (tile * splits + p) * ROWS + row;
                float w = exp(splitMax[run] - m);
                sum += splitSum[run] * w;
                out += splitAcc[run * CHUNK + e % CHUNK] * w;
            }
            if (base >= 0 && dim < headDim) {
                o[base + dim] = out / sum;
            }
        }
    }

    /** A run's four outputs of a row (elements x, x + 16, x + 32, x + 48 of its chunk), not yet divided. */
    void keep(int wg, int row, int x, float x0, float x1, float x2, float x3) {
        int at = (wg * ROWS + row) * CHUNK + x;
        splitAcc[at] = x0;
        splitAcc[at + SIDE] = x1;
        splitAcc[at + 2 * SIDE] = x2;
        splitAcc[at + 3 * SIDE] = x3;
    }

    /** A row's four outputs (elements dim, dim + 16, dim + 32, dim + 48), divided by its sum. */
    void store(int base, int row, int dim, float x0, float x1, float x2, float x3) {
        if (base >= 0) {
            float inv = 1f / rowSum[row];
            if (dim < headDim) {
                o[base + dim] = x0 * inv;
            }
            if (dim + SIDE < headDim) {
                o[base + dim + SIDE] = x1 * inv;
            }
            if (dim + 2 * SIDE < headDim) {
                o[base + dim + 2 * SIDE] = x2 * inv;
            }
            if (dim + 3 * SIDE < headDim) {
                o[base + dim + 3 * SIDE] = x3 * inv;
            }
        }
    }
}
