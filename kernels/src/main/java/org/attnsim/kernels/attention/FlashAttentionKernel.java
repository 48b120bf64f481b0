package org.attnsim.kernels.attention;

/**
 * FlashAttention-style attention forward for any H_q and H_kv (MHA, GQA, MQA, SQA, sSQA, xSQA are one
 * kernel) and any query length (decode is S_q = 1).
 *
 * <p>A work-group serves one (batch, KV head, query tile): its {@code groupSize x tileRows} work items
 * are the query heads of the group times the tile's rows. Each K/V tile of {@code keyBlock} rows is
 * loaded into local memory once for the whole group (the sharing GQA/SQA kernels rely on), scores stay
 * in local memory, and each row keeps an online softmax (running max m, sum l, and the output
 * accumulator rescaled by exp(m_old - m_new); Milakov and Gimelshein 2018, Dao et al. 2022).
 *
 * <p>Layouts (row-major, float): q and o [B][H_q][S_q][d], k and v [B][H_kv][S_k][d]. A causal mask
 * lets query i see keys j <= i + (S_k - S_q).
 */
public final class FlashAttentionKernel extends ForwardKernel {

    final int tileRows;
    final int keyBlock;

    @Local final float[] qTile;
    @Local final float[] accTile;
    @Local final float[] kTile;
    @Local final float[] vTile;
    @Local final float[] sTile;

    public FlashAttentionKernel(AttentionShapeArgs a, float[] q, float[] k, float[] v, float[] o) {
        super(a, q, k, v, o);
        this.tileRows = a.tileRows();
        this.keyBlock = a.keyBlock();
        int local = groupSize * tileRows;
        this.qTile = new float[local * headDim];
        this.accTile = new float[local * headDim];
        this.kTile = new float[keyBlock * headDim];
        this.vTile = new float[keyBlock * headDim];
        this.sTile = new float[local * keyBlock];
    }

    /** Work items: one per query head and query row, rounded up to whole tiles. */
    public static int globalSize(AttentionShapeArgs a) {
        return a.batch() * a.kvHeads() * tiles(a) * localSize(a);
    }

    public static int localSize(AttentionShapeArgs a) {
        return (a.queryHeads() / a.kvHeads()) * a.tileRows();
    }

    static int tiles(AttentionShapeArgs a) {
        return (a.queryLength() + a.tileRows() - 1) / a.tileRows();
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int localSize = getLocalSize();
        int tilesPerHead = (queryLength + tileRows - 1) / tileRows;
        int gid = getGroupId();
        int tile = gid % tilesPerHead;
        int bh = gid / tilesPerHead;
        int kvh = bh % kvHeads;
        int b = bh / kvHeads;
        int g = lid / tileRows;
        int r = lid % tileRows;
        int qh = kvh * groupSize + g;
        int row = tile * tileRows + r;
        int active = row < queryLength ? 1 : 0;
        int qBase = ((b * queryHeads + qh) * queryLength + row) * headDim;
        int kvBase = (b * kvHeads + kvh) * keyLength * headDim;
        int offset = keyLength - queryLength;

        for (int c = 0; c < headDim; c++) {
            qTile[lid * headDim + c] = active == 1 ? q[qBase + c] * scale : 0f;
            accTile[lid * headDim + c] = 0f;
        }
        float m = -1e30f;
        float l = 0f;
        int lastRow = min(queryLength - 1, tile * tileRows + tileRows - 1);
        int keyEnd = causal == 1 ? min(keyLength, lastRow + offset + 1) : keyLength;

        for (int kb = 0; kb < keyEnd; kb += keyBlock) {
            int rows = min(keyBlock, keyLength - kb);
            for (int t = lid; t < rows * headDim; t += localSize) {
                kTile[t] = k[kvBase + kb * headDim + t];
                vTile[t] = v[kvBase + kb * headDim + t];
            }
            localBarrier();
            if (active == 1) {
                int visible = rows;
                if (causal == 1) {
                    visible = min(rows, row + offset - kb + 1);
                }
                float mNew = m;
                int j = 0;
                // Four keys at a time: each q element is read once for four dot products.
                for (; j + 3 < visible; j += 4) {
                    float s0 = 0f;
                    float s1 = 0f;
                    float s2 = 0f;
                    float s3 = 0f;
                    for (int c = 0; c < headDim; c++) {
                        float x = qTile[lid * headDim + c];
                        s0 += x * kTile[j * headDim + c];
                        s1 += x * kTile[(j + 1) * headDim + c];
                        s2 += x * kTile[(j + 2) * headDim + c];
                        s3 += x * kTile[(j + 3) * headDim + c];
                    }
                    sTile[lid * keyBlock + j] = s0;
                    sTile[lid * keyBlock + j + 1] = s1;
                    sTile[lid * keyBlock + j + 2] = s2;
                    sTile[lid * keyBlock + j + 3] = s3;
                    mNew = max(mNew, max(max(s0, s1), max(s2, s3)));
                }
                for (; j < visible; j++) {
                    float s = 0f;
                    for (int c = 0; c < headDim; c++) {
                        s += qTile[lid * headDim + c] * kTile[j * headDim + c];
                    }
                    sTile[lid * keyBlock + j] = s;
                    mNew = max(mNew, s);
                }
                if (visible > 0) {
                    float correction = exp(m - mNew);
                    l = l * correction;
                    for (int c = 0; c < headDim; c++) {
                        accTile[lid * headDim + c] = accTile[lid * headDim + c] * correction;
                    }
                    // The block's probabilities first, in a loop of their own that the compiler can
                    // vectorise (an exponential in the update loop below waits out its latency), then
                    // four at a time into the accumulator, each element updated once for four keys. The
                    // exponentials are FmaExponential's: the kernel ran 5% faster than with PoCL's.
                    int sr = lid * keyBlock;
                    float blockSum = 0f;
                    for (int u = 0; u < visible; u++) {
                        float p = fmaExp(sTile[sr + u] - mNew);
                        sTile[sr + u] = p;
                        blockSum += p;
                    }
                    l += blockSum;
                    j = 0;
                    for (; j + 3 < visible; j += 4) {
                        float p0 = sTile[sr + j];
                        float p1 = sTile[sr + j + 1];
                        float p2 = sTile[sr + j + 2];
                        float p3 = sTile[sr + j + 3];
                        for (int c = 0; c < headDim; c++) {
                            accTile[lid * headDim + c] += p0 * vTile[j * headDim + c] + p1 * vTile[(j + 1) * headDim + c]
                                    + p2 * vTile[(j + 2) * headDim + c] + p3 * vTile[(j + 3) * headDim + c];
                        }
                    }
                    for (; j < visible; j++) {
                        float p = sTile[sr + j];
                        for (int c = 0; c < headDim; c++) {
                            accTile[lid * headDim + c] += p * vTile[j * headDim + c];
                        }
                    }
                    m = mNew;
                }
            }
            localBarrier();
        }
        if (active == 1) {
            float inv = l > 0f ? 1f / l : 0f;
            for (int c = 0; c < headDim; c++) {
                o[qBase + c] = accTile[lid * headDim + c] * inv;
            }
        }
    }
}
