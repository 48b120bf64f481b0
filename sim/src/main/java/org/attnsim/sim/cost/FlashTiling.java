package org.attnsim.sim.cost;

/**
 * Tile sizes of a FlashAttention-style kernel. The block edge is the largest power of two up to 128
 * (FlashAttention-2 uses blocks of {64, 128} x {64, 128}: Dao 2023, section 3.3) for which a Q tile and
 * double-buffered K and V tiles fit in the SRAM of one SM or core: (1 + 2 x 2) x block x d x bytes
 * <= SRAM (the FlashAttention paper's SRAM constraint, Dao et al. 2022, Algorithm 1).
 */
public final class FlashTiling {

    static final int MAX_BLOCK = 128;
    static final int MIN_BLOCK = 16;

    private FlashTiling() {
    }

    public static int blockSize(int headDim, int elementBytes, double sramBytes) {
        for (int block = MAX_BLOCK; block > MIN_BLOCK; block /= 2) {
            if (5.0 * block * headDim * elementBytes <= sramBytes) {
                return block;
            }
        }
        return MIN_BLOCK;
    }

    /**
     * Keys one query tile row-block visits, summed over the query tiles of one head: every key per tile
     * without a mask; with a causal mask tile i sees (i + 1) x block keys, the last one all of them.
     */
    static double keysVisited(int queryLength, int keyLength, int block, boolean causal) {
        double tiles = Math.ceil((double) queryLength / block);
        if (!causal) {
            return tiles * keyLength;
        }
        return block * tiles * (tiles - 1) / 2.0 + keyLength;
    }

    /** Queries visited per key tile, summed over the key tiles (backward pass): the mirror image. */
    static double queriesVisited(int queryLength, int keyLength, int block, boolean causal) {
        double tiles = Math.ceil((double) keyLength / block);
        if (!causal) {
            return tiles * queryLength;
        }
        return tiles * queryLength - block * tiles * (tiles - 1) / 2.0;
    }
}
