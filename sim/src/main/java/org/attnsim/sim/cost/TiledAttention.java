package org.attnsim.sim.cost;

import java.util.List;
import org.attnsim.hwmodels.DecodeTile;
import org.attnsim.hwmodels.DeviceKind;

/**
 * FlashAttention-2 style fused attention (Dao 2023): the S x S scores never leave SRAM.
 *
 * <p>Forward: each (batch, query head, query tile) work item loads its Q tile once and streams the K/V
 * tiles it needs; the IO is Q + O + logsumexp + K/V re-read once per query tile (Theta(N^2 d^2 / M),
 * Dao et al. 2022, Theorem 2). The K/V re-reads are served by the last-level cache when cache reuse
 * is modelled (the tiles of one head run concurrently and read the same K/V tile at nearly the same
 * time; query heads of one GQA/SQA group share their KV head), so device memory sees K/V once.
 *
 * <p>Backward (Dao 2023, Algorithm 2): work items are key tiles; each streams the Q, dO, logsumexp and
 * D rows it needs and accumulates dQ in fp32 with atomics; matrix FLOPs are 2.5 x forward (five
 * matmuls instead of two), and P is recomputed, so the exponentials are paid again.
 */
final class TiledAttention {

    /** FP32 vector ops per score in the forward pass: row max, scale-and-subtract (one FMA), row sum, convert. */
    static final double FORWARD_VECTOR_OPS_PER_SCORE = 4;
    /** Backward: scale-and-subtract logsumexp, dP - D, multiply by P, two converts. */
    static final double BACKWARD_VECTOR_OPS_PER_SCORE = 5;
    /** Of those, the ones that are not fp32 add, multiply or FMA: the row max and the convert forward, two converts backward. */
    static final double OTHER_VECTOR_OPS_PER_SCORE = 2;
    /** Bytes of one fp32 logsumexp or D value. */
    static final int FP32_BYTES = 4;
    /**
     * Dot products a decode work item keeps in flight (attnsim's DecodeAttentionKernel: four keys at a
     * time). Each group of four is followed by the value update that needs it, so on a CPU consecutive
     * groups do not overlap and run at four times the one-accumulator dot-product rate (the fma-latency
     * term; a GPU hides the latency behind other warps). The forward kernel computes all dot products of
     * a key block before any update, so they overlap one another: its QK^T alone ran at 83 GFLOP/s here
     * (S 2048), near the row-update rate, against 49 for four chains.
     */
    static final int DOT_CHAINS = 4;
    /**
     * Attention dropout inside the kernel: one Philox4x32-10 call (10 rounds of two 32-bit multiplies,
     * xors and key additions, about 64 integer ops; Salmon et al., SC 2011) gives 16 random bytes, one
     * per score (FlashAttention-2, csrc/flash_attn/src/dropout.h), plus a compare and select per score:
     * about 5 vector ops per score, paid again in the backward pass, which regenerates the mask. All of
     * them are integer or compare instructions.
     */
    static final double DROPOUT_VECTOR_OPS_PER_SCORE = 5;
    /** Work-groups per compute unit that attnsim's GPU decoding kernel splits each cache for (DecodeLaunch). */
    static final int TILED_DECODE_GROUPS_PER_UNIT = 8;

    private TiledAttention() {
    }

    static double dropoutOps(double dropout) {
        return dropout > 0 ? DROPOUT_VECTOR_OPS_PER_SCORE : 0;
    }

    /**
     * On a CPU, attnsim's forward kernel takes each score's exponential on the FMA pipes (FmaExponential). The
     * rescale of each row's running sum, one exponential per key block from the OpenCL library, is not counted.
     */
    static OpCost forward(AttentionDims a, int block, int units, boolean cacheReuse, double dropout, DeviceKind kind) {
        double scores = a.scoreElements();
        double keys = FlashTiling.keysVisited(a.queryLength(), a.keyLength(), block, a.causal());
        double kvStream = (double) a.batch() * a.queryHeads() * keys * 2 * a.headDim() * a.elementBytes();
        double q = a.headBytes(a.queryHeads(), a.queryLength());
        double o = q;
        double lse = (double) a.batch() * a.queryHeads() * a.queryLength() * FP32_BYTES;
        double kvOnce = 2 * a.headBytes(a.kvHeads(), a.keyLength());
        double cache = q + o + lse + kvStream;
        double device = q + o + lse + (cacheReuse ? Math.min(kvOnce, kvStream) : kvStream);
        double tiles = (double) a.batch() * a.queryHeads() * Math.ceil((double) a.queryLength() / block);
        return new OpCost("attention", OpGroup.ATTENTION, Pass.FORWARD, 4.0 * a.headDim() * scores,
                (FORWARD_VECTOR_OPS_PER_SCORE + dropoutOps(dropout)) * scores, scores, device, cache, tiles, 1, 1,
                kind == DeviceKind.CPU ? rowByRowPadding(a) : padding(a, block))
                .withOtherVectorOps((OTHER_VECTOR_OPS_PER_SCORE + dropoutOps(dropout)) * scores)
                .withFmaExponentials(kind == DeviceKind.CPU ? scores : 0)
                .withForwardHeadDim(a.headDim());
    }

    static OpCost backward(AttentionDims a, int block, boolean cacheReuse, double dropout) {
        double scores = a.scoreElements();
        int d = a.headDim();
        int e = a.elementBytes();
        double queries = FlashTiling.queriesVisited(a.queryLength(), a.keyLength(), block, a.causal());
        double bh = (double) a.batch() * a.queryHeads();
        // Per key tile: Q and dO rows (dtype), logsumexp and D (fp32); dQ accumulated in fp32 (read + write).
        double qStream = bh * queries * (2.0 * d * e + 2.0 * FP32_BYTES);
        double dqAccumulate = bh * queries * d * FP32_BYTES * 2.0;
        double q = a.headBytes(a.queryHeads(), a.queryLength());
        double rowStats = bh * a.queryLength() * FP32_BYTES;
        double kv = 2 * a.headBytes(a.kvHeads(), a.keyLength());
        // Pre-kernel D = rowsum(dO * O): reads O and dO, writes D.
        double preprocess = 2 * q + rowStats;
        double qOnce = 2 * q + 2 * rowStats;
        double dqFinal = bh * a.queryLength() * d * (2.0 * FP32_BYTES + e);
        // With G > 1, dK and dV come out per query head and are summed over the group afterwards.
        double dkvExpanded = a.groupSize() > 1 ? 2 * 2 * a.headBytes(a.queryHeads(), a.keyLength()) : 0;
        double dkv = 2 * a.headBytes(a.kvHeads(), a.keyLength());
        double fixed = preprocess + kv + dqFinal + dkvExpanded + dkv;
        double cache = fixed + qStream + dqAccumulate;
        double device = fixed + (cacheReuse ? qOnce : qStream + dqAccumulate);
        double tiles = bh * Math.ceil((double) a.keyLength() / block);
        int launches = 3 + (a.groupSize() > 1 ? 1 : 0);
        return new OpCost("attention", OpGroup.ATTENTION, Pass.BACKWARD, 10.0 * d * scores,
                (BACKWARD_VECTOR_OPS_PER_SCORE + dropoutOps(dropout)) * scores, scores, device, cache, tiles, launches,
                1, padding(a, block)).withOtherVectorOps((OTHER_VECTOR_OPS_PER_SCORE + dropoutOps(dropout)) * scores);
    }

    /**
     * Executed / counted scores: every tile computes block x block scores (masked ones included), while
     * the count keeps the convention S_q x S_k (halved when causal).
     */
    static double padding(AttentionDims a, int block) {
        int paddedQ = (int) Math.ceil((double) a.queryLength() / block) * block;
        int paddedK = (int) Math.ceil((double) a.keyLength() / block) * block;
        double executed = (double) block * FlashTiling.keysVisited(paddedQ, paddedK, block, a.causal());
        double counted = (double) a.queryLength() * a.keyLength() * (a.causal() ? 0.5 : 1.0);
        return executed / counted;
    }

    /**
     * Executed / counted scores of a kernel that masks row by row, as attnsim's CPU forward kernel does (a work item
     * per query row, FlashAttentionKernel, scores only the keys its row sees; its tiles of K and V are still loaded
     * whole, up to the tile's last row): under a causal mask query i of S_q (S_q <= S_k) sees S_k - S_q + i + 1 keys.
     * Counted at the diagonal tiles' whole blocks, MHA's causal forward at d 64 came out 13, 11 and 9% slow at S 1k,
     * 2k and 4k on the Zen 5 VM where the same kernel without the mask came out 6-8% slow (session 44).
     */
    static double rowByRowPadding(AttentionDims a) {
        if (!a.causal()) {
            return 1;
        }
        double queries = a.queryLength();
        double executed = queries * (a.keyLength() - queries) + queries * (queries + 1) / 2;
        return executed / (queries * a.keyLength() * 0.5);
    }

    /**
     * One query per sequence and head against a KV cache of S_k positions (FlashDecoding style): the
     * query heads of a group are packed into one work item, and the cache is split into chunks so that
     * there are enough work items to fill the device. The partial results are combined by the last work
     * item of each group in the same launch (a last-block reduction), so a split costs the partials'
     * bytes but no extra launch; a separate combine kernel would make time fall when a larger batch
     * stops needing the split.
     */
    static OpCost decode(AttentionDims a, int block, int units) {
        double scores = a.scoreElements();
        int d = a.headDim();
        double groups = (double) a.batch() * a.kvHeads();
        double splits = Math.max(1, Math.min(Math.ceil((double) a.keyLength() / block), Math.ceil(units / groups)));
        double kv = 2 * a.cacheBytes(a.keyLength());
        double qo = 2 * a.headBytes(a.queryHeads(), 1);
        double append = 2 * a.cacheBytes(1);
        double converted = a.conversionOps(2.0 * groups * a.keyLength() * d);
        double partials = splits > 1 ? (double) a.batch() * a.queryHeads() * splits * (d + 2) * FP32_BYTES * 2 : 0;
        double bytes = kv + qo + append + partials;
        // Each split covers whole key blocks; the longest split sets the pace.
        double blocks = Math.ceil((double) a.keyLength() / block);
        double executedKeys = splits * Math.ceil(blocks / splits) * block;
        // A profile that timed this loop on resident rows (a CPU's calibration, OverlapKernel) takes its rows in
        // tiles at that time instead of the arithmetic built from rates: on the 2-core VM the loop took 8.3-10.6 ms
        // a million rows for one head where those rates add to 7.3 (session 34).
        return new OpCost("attention", OpGroup.ATTENTION, Pass.FORWARD, 4.0 * d * scores,
                FORWARD_VECTOR_OPS_PER_SCORE * scores + converted, scores, bytes, bytes, groups * splits, 1, 1,
                executedKeys / a.keyLength()).withChains(2.0 * d * scores, DOT_CHAINS, d)
                .withOtherVectorOps(OTHER_VECTOR_OPS_PER_SCORE * scores)
                // Each work item keeps its heads' online softmax four keys at a time: the exponentials are
                // calls inside its own loop, not a row of them in a loop of their own.
                .withScalarExponentials(scores)
                .withTileLoops(groups * executedKeys / DecodeTile.ROWS, a.groupSize(),
                        DecodeTile.CPU_HEADS_A_PASS);
    }

    /**
     * attnsim's GPU decoding kernel (TiledDecodeAttentionKernel), for a profile that measured its tile loop: each
     * (batch, KV head)'s cache split for {@value #TILED_DECODE_GROUPS_PER_UNIT} work-groups a compute unit, each
     * split walked in tiles of {@value DecodeTile#ROWS} rows ({@link OpCost#tileLoops}), its heads' unscaled
     * outputs, maxima and sums written out; then a second launch combines the splits of each (batch, KV head).
     */
    static List<OpCost> tiledDecode(AttentionDims a, int units) {
        double scores = a.scoreElements();
        int d = a.headDim();
        double groups = (double) a.batch() * a.kvHeads();
        double tiles = Math.ceil((double) a.keyLength() / DecodeTile.ROWS);
        double splits = Math.max(1, Math.min(tiles, Math.ceil(TILED_DECODE_GROUPS_PER_UNIT * units / groups)));
        double kv = 2 * a.cacheBytes(a.keyLength());
        double q = a.headBytes(a.queryHeads(), 1);
        double partials = (double) a.batch() * a.queryHeads() * splits * (d + 2) * FP32_BYTES;
        double append = 2 * a.cacheBytes(1);
        double walkBytes = kv + append + q + partials;
        double converted = a.conversionOps(2.0 * groups * a.keyLength() * d);
        OpCost walk = new OpCost("attention", OpGroup.ATTENTION, Pass.FORWARD, 4.0 * d * scores,
                FORWARD_VECTOR_OPS_PER_SCORE * scores + converted, scores, walkBytes, walkBytes, groups * splits, 1, 1,
                tiles * DecodeTile.ROWS / a.keyLength()).withOtherVectorOps(OTHER_VECTOR_OPS_PER_SCORE * scores)
                .withTileLoops(groups * tiles, a.groupSize());
        // Per output element: each split's maximum, then its weight (an exponential), sum and output.
        double elements = (double) a.batch() * a.queryHeads() * d;
        double combineBytes = partials + q;
        OpCost combine = new OpCost("attention combine", OpGroup.ATTENTION, Pass.FORWARD, 0, 4 * elements * splits,
                elements * splits, combineBytes, combineBytes, groups, 1, 1);
        return List.of(walk, combine);
    }
}
