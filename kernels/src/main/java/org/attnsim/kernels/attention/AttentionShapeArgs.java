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
    static final int MIN_KEY_BLOCK = 8;

    public static AttentionShapeArgs of(int batch, int queryHeads, int kvHeads, int queryLength, int keyLength,
            int headDim, boolean causal) {
        int group = queryHeads / kvHeads;
        int rows = Math.max(1, Math.min(queryLength, TARGET_LOCAL / group));
        return new AttentionShapeArgs(batch, queryHeads, kvHeads, queryLength, keyLength, headDim, causal, rows,
                Math.min(KEY_BLOCK, keyLength));
    }

    /**
     * This shape with the forward kernel's key block, then its tile rows, halved until the work-group's
     * local tiles fit in {@code localBytes}: a GPU gives a group 48 KiB (an H100 under NVIDIA's OpenCL),
     * where PoCL gives 1-2 MiB and the shape stays as it is.
     */
    public AttentionShapeArgs fitting(long localBytes) {
        AttentionShapeArgs a = this;
        while (a.forwardLocalBytes() > localBytes && (a.keyBlock > MIN_KEY_BLOCK || a.tileRows > 1)) {
            boolean halveKeys = a.keyBlock > MIN_KEY_BLOCK;
            a = new AttentionShapeArgs(batch, queryHeads, kvHeads, queryLength, keyLength, headDim, causal,
                    halveKeys ? a.tileRows : a.tileRows / 2, halveKeys ? a.keyBlock / 2 : a.keyBlock);
        }
        return a;
    }

    /**
     * Bytes of local memory a work-group of {@link FlashAttentionKernel} takes: its Q, accumulator, K, V and
     * score tiles. (Here, not in the kernel: a long constant in a kernel class breaks Aparapi's class reader.)
     */
    public long forwardLocalBytes() {
        long local = (long) (queryHeads / kvHeads) * tileRows;
        return Float.BYTES * (2 * local * headDim + 2L * keyBlock * headDim + local * keyBlock);
    }

    public int queryElements() {
        return batch * queryHeads * queryLength * headDim;
    }

    public int keyElements() {
        return batch * kvHeads * keyLength * headDim;
    }
}
