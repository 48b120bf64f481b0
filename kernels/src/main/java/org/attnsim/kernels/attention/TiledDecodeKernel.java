package org.attnsim.kernels.attention;

import org.attnsim.kernels.measure.Harness;

/**
 * Decode attention (one new query per sequence and head) shaped for a GPU, split-K (FlashDecoding) over
 * two launches, a pass each. Pass 0: a work-group serves one split of one (batch, KV head)'s cache
 * and walks it in tiles of {@code tileRows} rows. All its work items load a tile of K and of V into local
 * memory together, adjacent items reading adjacent floats (whole 128-byte lines per warp, four independent
 * loads in flight per item); item j then scores row j for every query head of the group, the tile's maxima
 * and probabilities follow, and each item adds the tile into its own output elements (adjacent items,
 * adjacent elements) with the online-softmax rescale; the split's maxima, sums and unscaled outputs go to
 * global memory. Pass 1 combines the splits of each (batch, KV head) into the output.
 *
 * <p>Why two launches of one kernel, not two kernels: Aparapi gives each kernel object buffers of its own,
 * so on a discrete GPU a second kernel would read a copy of the partials the first never wrote. The pass
 * is a field set before each launch, not Aparapi's pass id: one execute of two passes crashed the JVM in
 * native code under NVIDIA's OpenCL, where two launches with the pass in a field ran (session 17).
 *
 * <p>Why not {@link DecodeAttentionKernel} on a GPU: there each work item streams its own chunk of rows,
 * which a CPU core's caches and prefetchers serve well, but a warp's items then read 32 different lines
 * at every load, the per-item accumulators in local memory hit one bank (stride d), and 16 items per
 * (batch, KV head) keep far too few loads in flight: 95 GB/s on an H100 (session 17). And splits: one
 * work-group per (batch, KV head) left 68 of its 132 SMs idle at batch 8 with 8 heads (270 GB/s, where
 * 17 splits reached 1.39 TB/s, 80% of a triad timed in the same process).
 *
 * <p>Layouts as {@link DecodeAttentionKernel}: q and o [B][H_q][d], k and v [B][H_kv][S][d], their elements read
 * through {@link #key} and {@link #value} as they are loaded into the tiles, which hold floats: fp32
 * ({@link TiledDecodeAttentionKernel}), int8 ({@link Int8TiledDecodeAttentionKernel}) or fp8 E4M3 ({@link
 * Fp8TiledDecodeAttentionKernel}). The K tile's rows are padded by one float, so that items scoring adjacent rows
 * read different banks.
 */
public abstract class TiledDecodeKernel extends DecodeKernel implements Harness.Passes {

    /** Rows a tile holds, at most: one row per work item of the scoring step. */
    public static final int MAX_TILE_ROWS = 64;
    /** Work items a work-group holds, at most: they share the tile loads. */
    public static final int MAX_LOCAL = 256;

    final int tileRows;
    final int splits;
    /** Rows of each split: whole tiles. */
    final int splitRows;
    /** Per split of each (batch, KV head): the heads' outputs before the division by their sums. */
    final float[] partialAcc;
    final float[] partialMax;
    final float[] partialSum;
    /** 0: the splits; 1: their combination. */
    int pass;

    @Local final float[] kTile;
    @Local final float[] vTile;
    @Local final float[] queries;
    @Local final float[] scores;
    @Local final float[] weights;
    @Local final float[] acc;
    @Local final float[] runMax;
    @Local final float[] tileMax;
    @Local final float[] runSum;

    TiledDecodeKernel(AttentionShapeArgs a, int tileRows, int splits, float[] q, float[] o, float keyScale,
            float valueScale) {
        super(a, q, o, keyScale, valueScale);
        this.tileRows = tileRows;
        int tiles = (a.keyLength() + tileRows - 1) / tileRows;
        this.splits = Math.max(1, Math.min(splits, tiles));
        this.splitRows = (tiles + this.splits - 1) / this.splits * tileRows;
        int groups = a.batch() * a.kvHeads() * this.splits;
        this.partialAcc = new float[groups * groupSize * headDim];
        this.partialMax = new float[groups * groupSize];
        this.partialSum = new float[groups * groupSize];
        this.kTile = new float[tileRows * (headDim + 1)];
        this.vTile = new float[tileRows * headDim];
        this.queries = new float[groupSize * headDim];
        this.scores = new float[groupSize * tileRows];
        this.weights = new float[groupSize * tileRows];
        this.acc = new float[groupSize * headDim];
        this.runMax = new float[groupSize];
        this.tileMax = new float[groupSize];
        this.runSum = new float[groupSize];
    }

    /** Work items of each pass: a work-group of {@code local} items per split of each (batch, KV head). */
    public int globalSize(int local) {
        return partialMax.length / groupSize * local;
    }

    @Override
    public void pass(int p) {
        pass = p;
    }

    /** Splits of each (batch, KV head)'s cache: at most one per tile. */
    public int splits() {
        return splits;
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int items = getLocalSize();  // not "local": an OpenCL keyword
        int group = getGroupId();
        int bh = group / splits;
        int split = group % splits;
        int b = bh / kvHeads;
        int kvh = bh % kvHeads;
        int kvBase = (b * kvHeads + kvh) * keyLength * headDim;
        int qBase = (b * queryHeads + kvh * groupSize) * headDim;
        int padded = headDim + 1;
        int elements = groupSize * headDim;

        for (int e = lid; e < elements; e += items) {
            queries[e] = q[qBase + e] * scoreScale;
            acc[e] = 0f;
        }
        for (int g = lid; g < groupSize; g += items) {
            runMax[g] = -1e30f;
            tileMax[g] = -1e30f;
            runSum[g] = 0f;
        }
        localBarrier();
        // Pass 1 walks no tiles (its loop runs zero times rather than sitting in a branch: PoCL 3.1
        // miscompiles barriers inside a branch on a kernel argument).
        int first = split * splitRows;
        int last = pass == 0 ? min(keyLength, first + splitRows) : first;
        for (int t0 = first; t0 < last; t0 += tileRows) {
            int rows = min(tileRows, keyLength - t0);
            int n = rows * headDim;
            int tileBase = kvBase + t0 * headDim;
            // The last tile's maxima become the running ones (every item has read both since).
            for (int g = lid; g < groupSize; g += items) {
                runMax[g] = tileMax[g];
            }
            // Four independent loads of K and four of V per item before any is stored.
            for (int e = lid; e < n; e += 4 * items) {
                int e1 = e + items;
                int e2 = e1 + items;
                int e3 = e2 + items;
                float k0 = key(tileBase + e);
                float k1 = e1 < n ? key(tileBase + e1) : 0f;
                float k2 = e2 < n ? key(tileBase + e2) : 0f;
                float k3 = e3 < n ? key(tileBase + e3) : 0f;
                float v0 = value(tileBase + e);
                float v1 = e1 < n ? value(tileBase + e1) : 0f;
                float v2 = e2 < n ? value(tileBase + e2) : 0f;
                float v3 = e3 < n ? value(tileBase + e3) : 0f;
                kTile[e / headDim * padded + e % headDim] = k0;
                vTile[e] = v0;
                if (e1 < n) {
                    kTile[e1 / headDim * padded + e1 % headDim] = k1;
                    vTile[e1] = v1;
                }
                if (e2 < n) {
                    kTile[e2 / headDim * padded + e2 % headDim] = k2;
                    vTile[e2] = v2;
                }
                if (e3 < n) {
                    kTile[e3 / headDim * padded + e3 % headDim] = k3;
                    vTile[e3] = v3;
                }
            }
            localBarrier();
            // Item j scores row j for every head of the group; rows past the cache score -1e30.
            for (int i = lid; i < groupSize * tileRows; i += items) {
                int g = i / tileRows;
                int j = i % tileRows;
                float s = -1e30f;
                if (j < rows) {
                    s = 0f;
                    for (int c = 0; c < headDim; c++) {
                        s += queries[g * headDim + c] * kTile[j * padded + c];
                    }
                }
                scores[i] = s;
            }
            localBarrier();
            for (int i = lid; i < groupSize * tileRows; i += items) {
                int g = i / tileRows;
                float m = runMax[g];
                for (int j = 0; j < rows; j++) {
                    m = max(m, scores[g * tileRows + j]);
                }
                weights[i] = i % tileRows < rows ? exp(scores[i] - m) : 0f;
                if (i % tileRows == 0) {
                    tileMax[g] = m;
                }
            }
            localBarrier();
            for (int e = lid; e < elements; e += items) {
                int g = e / headDim;
                int c = e % headDim;
                float correction = exp(runMax[g] - tileMax[g]);
                float sum = acc[e] * correction;
                for (int j = 0; j < rows; j++) {
                    sum += weights[g * tileRows + j] * vTile[j * headDim + c];
                }
                acc[e] = sum;
            }
            for (int g = lid; g < groupSize; g += items) {
                float tileSum = 0f;
                for (int j = 0; j < rows; j++) {
                    tileSum += weights[g * tileRows + j];
                }
                runSum[g] = runSum[g] * exp(runMax[g] - tileMax[g]) + tileSum;
            }
            localBarrier();
        }
        if (pass == 0) {
            for (int e = lid; e < elements; e += items) {
                partialAcc[group * elements + e] = acc[e];
            }
            for (int g = lid; g < groupSize; g += items) {
                partialMax[group * groupSize + g] = tileMax[g];
                partialSum[group * groupSize + g] = runSum[g];
            }
        } else {
            for (int e = split * items + lid; e < elements; e += splits * items) {
                int g = e / headDim;
                float m = -1e30f;
                for (int p = 0; p < splits; p++) {
                    m = max(m, partialMax[(bh * splits + p) * groupSize + g]);
                }
                float sum = 0f;
                float out = 0f;
                for (int p = 0; p < splits; p++) {
                    int part = (bh * splits + p) * groupSize + g;
                    float w = exp(partialMax[part] - m);
                    sum += partialSum[part] * w;
                    out += partialAcc[(bh * splits + p) * elements + e] * w;
                }
                o[qBase + e] = out / sum * valueScale;
            }
        }
    }
}
