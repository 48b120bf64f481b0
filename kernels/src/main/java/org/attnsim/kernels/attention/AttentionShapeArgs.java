package org.attnsim.kernels.attention;

/**
 * The sizes an attention kernel runs on, with its tiling: {@code tileRows} query rows per head in a
 * work-group and {@code keyBlock} keys per local-memory tile.
 */
public record AttentionShapeArgs(int batch, int queryHeads, int kvHeads, int queryLength, int keyLength, int headDim,
        boolean causal, int tileRows, int keyBlock) {

    /** Work-groups of about {@value #TARGET_LOCAL} work items: the group's heads times the tile's rows. */
    static final int TARGET_LOCAL = 64;
    static final int KEY_BLOCK = 32;

    public static AttentionShapeArgs of(int batch, int queryHeads, int kvHeads, int queryLength, int keyLength,
            int headDim, boolean causal) {
        int group = queryHeads / kvHeads;
        int rows = Math.max(1, Math.min(queryLength, TARGET_LOCAL / group));
        return new AttentionShapeArgs(batch, queryHeads, kvHeads, queryLength, keyLength, headDim, causal, rows,
                Math.min(KEY_BLOCK, keyLength));
    }

    public int queryElements() {
        return batch * queryHeads * queryLength * headDim;
    }

    public int keyElements() {
        return batch * kvHeads * keyLength * headDim;
    }
}
