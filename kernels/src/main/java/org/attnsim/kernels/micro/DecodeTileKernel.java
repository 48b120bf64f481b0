package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * A GPU decoding step's tile loop ({@code TiledDecodeAttentionKernel}'s pass 0), the GPU's counterpart of
 * {@link OverlapKernel}: each work-group walks {@code tilesPerGroup} tiles of {@value #ROWS} rows of
 * {@value #LENGTH} floats of keys and of values. All its items load a tile into local memory together
 * (adjacent items, adjacent floats; four loads of each array in flight per item), item j scores row j for
 * each of {@code heads} queries, the tile's maxima and probabilities follow, then each item adds the tile
 * into its own output elements with the online-softmax rescale; four barriers a tile. Tile t of group g is
 * tile (g x tilesPerGroup + t) mod {@code wrapTiles} of both arrays: with {@code wrapTiles} all of them the
 * tiles stream from device memory; with a few, every group reads the same cache-resident tiles and the same
 * instructions time the loop alone.
 */
public final class DecodeTileKernel extends Kernel {

    public static final int LENGTH = 64;
    public static final int ROWS = 64;
    /** Work items a group: the decoding kernel's on a GPU. */
    public static final int GROUP = 256;

    final float[] keys;
    final float[] values;
    final float[] queries;
    final float[] out;
    final int tilesPerGroup;
    final int heads;
    final int wrapTiles;
    /**
     * {@value #ROWS} and {@value #LENGTH} as fields, read at run time: the decoding kernel's loops run to its
     * shape's sizes, which its compiler cannot unroll as it would constant bounds.
     */
    final int rows;
    final int length;
    /** 1 / sqrt(LENGTH), written out: computed here, its double constant breaks Aparapi's class reader. */
    final float scale = 0.125f;

    @Local final float[] kTile;
    @Local final float[] vTile;
    @Local final float[] query;
    @Local final float[] scores;
    @Local final float[] weights;
    @Local final float[] acc;
    @Local final float[] runMax;
    @Local final float[] tileMax;
    @Local final float[] runSum;

    /**
     * @param keys    [tiles][ROWS][LENGTH]
     * @param values  [tiles][ROWS][LENGTH]
     * @param queries [heads][LENGTH]
     * @param out     one float per work-group: the sum over its queries of their attention outputs' elements
     * @param heads   1 to {@value #GROUP} / {@value #ROWS}: one score per item, as the decoding kernel for
     *                groups of up to 4 query heads
     */
    public DecodeTileKernel(float[] keys, float[] values, float[] queries, float[] out, int tilesPerGroup, int heads,
            int wrapTiles) {
        if (heads < 1 || heads * ROWS > GROUP) {
            throw new IllegalArgumentException("1 to " + GROUP / ROWS + " heads, not " + heads);
        }
        this.keys = keys;
        this.values = values;
        this.queries = queries;
        this.out = out;
        this.tilesPerGroup = tilesPerGroup;
        this.heads = heads;
        this.wrapTiles = wrapTiles;
        this.rows = ROWS;
        this.length = LENGTH;
        this.kTile = new float[ROWS * (LENGTH + 1)];
        this.vTile = new float[ROWS * LENGTH];
        this.query = new float[heads * LENGTH];
        this.scores = new float[heads * ROWS];
        this.weights = new float[heads * ROWS];
        this.acc = new float[heads * LENGTH];
        this.runMax = new float[heads];
        this.tileMax = new float[heads];
        this.runSum = new float[heads];
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int items = getLocalSize();
        int group = getGroupId();
        int padded = length + 1;
        int elements = heads * length;
        int n = rows * length;
        for (int e = lid; e < elements; e += items) {
            query[e] = queries[e] * scale;
            acc[e] = 0f;
        }
        for (int g = lid; g < heads; g += items) {
            runMax[g] = -1e30f;
            tileMax[g] = -1e30f;
            runSum[g] = 0f;
        }
        localBarrier();
        for (int t = 0; t < tilesPerGroup; t++) {
            int tileBase = (group * tilesPerGroup + t) % wrapTiles * n;
            for (int g = lid; g < heads; g += items) {
                runMax[g] = tileMax[g];
            }
            for (int e = lid; e < n; e += 4 * items) {
                int e1 = e + items;
                int e2 = e1 + items;
                int e3 = e2 + items;
                float k0 = keys[tileBase + e];
                float k1 = keys[tileBase + e1];
                float k2 = keys[tileBase + e2];
                float k3 = keys[tileBase + e3];
                float v0 = values[tileBase + e];
                float v1 = values[tileBase + e1];
                float v2 = values[tileBase + e2];
                float v3 = values[tileBase + e3];
                kTile[e / length * padded + e % length] = k0;
                kTile[e1 / length * padded + e1 % length] = k1;
                kTile[e2 / length * padded + e2 % length] = k2;
                kTile[e3 / length * padded + e3 % length] = k3;
                vTile[e] = v0;
                vTile[e1] = v1;
                vTile[e2] = v2;
                vTile[e3] = v3;
            }
            localBarrier();
            for (int i = lid; i < heads * rows; i += items) {
                int g = i / rows;
                int j = i % rows;
                float s = 0f;
                for (int c = 0; c < length; c++) {
                    s += query[g * length + c] * kTile[j * padded + c];
                }
                scores[i] = s;
            }
            localBarrier();
            for (int i = lid; i < heads * rows; i += items) {
                int g = i / rows;
                float m = runMax[g];
                for (int j = 0; j < rows; j++) {
                    m = max(m, scores[g * rows + j]);
                }
                weights[i] = exp(scores[i] - m);
                if (i % rows == 0) {
                    tileMax[g] = m;
                }
            }
            localBarrier();
            for (int e = lid; e < elements; e += items) {
                int g = e / length;
                int c = e % length;
                float sum = acc[e] * exp(runMax[g] - tileMax[g]);
                for (int j = 0; j < rows; j++) {
                    sum += weights[g * rows + j] * vTile[j * length + c];
                }
                acc[e] = sum;
            }
            for (int g = lid; g < heads; g += items) {
                float tileSum = 0f;
                for (int j = 0; j < rows; j++) {
                    tileSum += weights[g * rows + j];
                }
                runSum[g] = runSum[g] * exp(runMax[g] - tileMax[g]) + tileSum;
            }
            localBarrier();
        }
        if (lid == 0) {
            float total = 0f;
            for (int e = 0; e < elements; e++) {
                total += acc[e] / runSum[e / length];
            }
            out[group] = total;
        }
    }
}
