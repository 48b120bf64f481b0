package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * FMAs in the inner loops of the GPU-shaped forward kernel ({@code TiledFlashAttentionKernel}), on tiles
 * that stay in local memory: a work-group of {@value #LOCAL} items (a 16 x 16 grid) loads a 64 x 64 tile
 * of queries, a 32 x 64 tile of keys, a 64 x 32 tile of probabilities and a 32 x 64 tile of values, padded
 * as there, and then every pass each item (ty, tx) adds the dot products of rows 4ty..4ty+3 with keys tx
 * and tx+16 into eight sums (six local loads for eight FMAs) and the probabilities of those rows times
 * value elements tx, tx+16, tx+32 and tx+48 into sixteen (eight loads for sixteen FMAs), after halving
 * all 24 sums. {@value #FLOPS_PER_PASS} FLOPs per item and pass counted (the halvings not).
 */
public final class MicroTileKernel extends Kernel {
    public static final int LOCAL = 256;
    static final int SIDE = 16;
    static final int ROWS = 64;
    static final int KEYS = 32;
    static final int WIDTH = 64;
    static final int PADDED = WIDTH + 1;
    static final int SCORE_STRIDE = KEYS + 1;
    /** Floats of a work-group's tiles in {@code tiles}: queries, keys, probabilities, values. */
    public static final int TILE_FLOATS = ROWS * WIDTH + KEYS * WIDTH + ROWS * KEYS + KEYS * WIDTH;
    public static final int FLOPS_PER_PASS = 2 * (8 * WIDTH + 16 * KEYS);

    final float[] tiles;
    final float[] out;
    final int iterations;

    @Local final float[] qTile = new float[ROWS * PADDED];
    @Local final float[] kTile = new float[KEYS * PADDED];
    @Local final float[] pTile = new float[ROWS * SCORE_STRIDE];
    @Local final float[] vTile = new float[KEYS * WIDTH];

    /** {@code tiles} holds {@link #TILE_FLOATS} floats per work-group; {@code out} one per work item. */
    public MicroTileKernel(float[] tiles, float[] out, int iterations) {
        this.tiles = tiles;
        this.out = out;
        this.iterations = iterations;
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int base = getGroupId() * TILE_FLOATS;
        for (int e = lid; e < ROWS * WIDTH; e += LOCAL) {
            qTile[e / WIDTH * PADDED + e % WIDTH] = tiles[base + e];
        }
        for (int e = lid; e < KEYS * WIDTH; e += LOCAL) {
            kTile[e / WIDTH * PADDED + e % WIDTH] = tiles[base + ROWS * WIDTH + e];
            vTile[e] = tiles[base + ROWS * WIDTH + KEYS * WIDTH + ROWS * KEYS + e];
        }
        for (int e = lid; e < ROWS * KEYS; e += LOCAL) {
            pTile[e / KEYS * SCORE_STRIDE + e % KEYS] = tiles[base + ROWS * WIDTH + KEYS * WIDTH + e];
        }
        localBarrier();
        int row0 = 4 * (lid / SIDE);
        int tx = lid % SIDE;
        float s00 = 0f;
        float s01 = 0f;
        float s10 = 0f;
        float s11 = 0f;
        float s20 = 0f;
        float s21 = 0f;
        float s30 = 0f;
        float s31 = 0f;
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
        for (int t = 0; t < iterations; t++) {
            // Every sum halved each pass, as the forward kernel rescales its outputs by each tile's
            // correction: no pass computes what the one before did.
            s00 *= 0.5f;
            s01 *= 0.5f;
            s10 *= 0.5f;
            s11 *= 0.5f;
            s20 *= 0.5f;
            s21 *= 0.5f;
            s30 *= 0.5f;
            s31 *= 0.5f;
            a00 *= 0.5f;
            a01 *= 0.5f;
            a02 *= 0.5f;
            a03 *= 0.5f;
            a10 *= 0.5f;
            a11 *= 0.5f;
            a12 *= 0.5f;
            a13 *= 0.5f;
            a20 *= 0.5f;
            a21 *= 0.5f;
            a22 *= 0.5f;
            a23 *= 0.5f;
            a30 *= 0.5f;
            a31 *= 0.5f;
            a32 *= 0.5f;
            a33 *= 0.5f;
            for (int c = 0; c < WIDTH; c++) {
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
            for (int j = 0; j < KEYS; j++) {
                float p0 = pTile[row0 * SCORE_STRIDE + j];
                float p1 = pTile[(row0 + 1) * SCORE_STRIDE + j];
                float p2 = pTile[(row0 + 2) * SCORE_STRIDE + j];
                float p3 = pTile[(row0 + 3) * SCORE_STRIDE + j];
                float v0 = vTile[j * WIDTH + tx];
                float v1 = vTile[j * WIDTH + tx + SIDE];
                float v2 = vTile[j * WIDTH + tx + 2 * SIDE];
                float v3 = vTile[j * WIDTH + tx + 3 * SIDE];
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
        }
        out[getGlobalId()] = s00 + s01 + s10 + s11 + s20 + s21 + s30 + s31 + a00 + a01 + a02 + a03 + a10 + a11 + a12
                + a13 + a20 + a21 + a22 + a23 + a30 + a31 + a32 + a33;
    }
}
