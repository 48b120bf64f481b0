package org.attnsim.sim.cost;

import java.util.List;
import org.attnsim.hwmodels.DeviceKind;
import org.attnsim.sim.model.KeyLayout;
import org.attnsim.sim.model.SparqConfig;
import org.attnsim.sim.workload.Framework;

/**
 * SparQ Attention's decode step (Ribar et al., ICML 2024, Algorithm 1) in three stages:
 * <ol>
 * <li>approximate scores: top-r of |q| (summed over the query group), then q[i1] . K[:, i1] over all S
 * positions with the paper's temperature, softmax statistics, scores written in fp32;</li>
 * <li>top-k over the approximate scores (shared by the query heads of a KV group);</li>
 * <li>exact attention over the k gathered rows of K and V, mixed with the running mean v_bar.</li>
 * </ol>
 * The approximate scores are kept in the element type, written by the score kernel and rewritten by a
 * softmax (the paper's reference code). The top-k is torch.topk (see {@link #torchTopK}); the slice is
 * read from device memory once and from the cache after that; for the single-block select
 * {@value #TOPK_BLOCKS_PER_SM} blocks of 1024 threads fit on an SM at once. Rows are fetched in whole
 * sectors; with K stored once, the r columns cost the sectors they touch.
 *
 * <p>Launches follow the paper's benchmark code, sparq_attn with gather_matmul "custom"
 * (graphcore-research/llm-inference-research, 2023-sparse-attention; its A100 sweep ran PyTorch 2.1.2):
 * stage 1 is abs(q), torch.topk(|q|, r) (a select and a sort), two sums, a multiply, a divide and a square
 * root for the temperature, the Triton kernel gather_inner_bmv and a torch.compile'd scaled softmax;
 * stage 2 is torch.topk(s_hat, k), sorted; stage 3 is the Triton kernels gather_outer_bmv and
 * gather_inner_matrix_only_bmv around a second compiled softmax, the sum of s_hat[i2] and, with v_bar,
 * torch.lerp. Each Triton launch and each call of a compiled function also costs host time.
 */
final class SparqDecode {

    static final int RADIX_BITS = 2;
    static final int TOPK_GATHER_PASSES = 2;
    static final int TOPK_BLOCKS_PER_SM = 2;
    static final int MULTI_BLOCK_RADIX_BITS = 8;
    /** Fill, two memsets, the k-th value's counts, two CUB scans by key (two kernels each), the gather. */
    static final int MULTI_BLOCK_FIXED_LAUNCHES = 1 + 2 + 1 + 2 * 2 + 1;
    /** torch.topk sorts what it selects unless told not to (TensorTopK.cpp: sortKeyValueInplace for small k). */
    static final int TOPK_SORT_LAUNCHES = 1;
    /** Stage 1's element-wise launches: abs, two sums, multiply, divide, square root. */
    static final int TEMPERATURE_LAUNCHES = 6;
    static final int INDEX_BYTES = 8;
    /**
     * Cache lines of gathered rows a CPU core keeps under way, page walks included, where the profile has no
     * measured figure (see {@link #exactRoundTrips}).
     */
    static final int LINES_IN_FLIGHT = 12;
    static final int FP32_BYTES = 4;
    /**
     * Host time of one launch through Triton's Python launcher, for a kernel with many arguments (pointers
     * and strides of q, K, K^T, V and the outputs): 62 us with the Triton 2.2 that shipped with PyTorch 2.2
     * (triton-lang/triton PR #3503, 2024-03; 40 us with few arguments). The paper's sweep ran in January
     * 2024. The launcher's latency grew from 70 to 350 us over the months before April 2024 in another
     * benchmark (issue #3619), so this is not the high end.
     */
    static final double TRITON_LAUNCH_SECONDS = 62e-6;
    /**
     * Host time of a call to a torch.compile'd function on a cache hit: Dynamo's guards and wrapper, about
     * 35-40 us for a trivial function (pytorch/pytorch PR #190390, 2026). PyTorch 2.1 evaluated its guards
     * in Python, so for the paper's sweep this is a lower bound.
     */
    static final double COMPILED_CALL_SECONDS = 35e-6;

    private SparqDecode() {
    }

    /**
     * Work-groups a compute unit that a GPU's scores pass aims at (kernels' SparqPipeline.GROUPS_PER_UNIT):
     * each (batch, KV head)'s positions are split for that many.
     */
    static final int TILED_SCORES_GROUPS_PER_UNIT = 4;
    /** Work items of a fused stage per (batch, KV head) group (attnsim's OpenCL kernels use 16). */
    static final int FUSED_ITEMS_PER_GROUP = 16;
    /**
     * Columns the fused kernel's K-twice scores read at a time (kernels' SparqScoresStage.PASS_COLUMNS): above twice
     * as many, the first half of the columns goes in passes of this many, a barrier before each further one.
     */
    static final int FUSED_PASS_COLUMNS = 8;
    /**
     * Columns the fused kernel's K-twice scores read in passes after the first (kernels' SparqArgs.firstHalfColumns):
     * above r 16 the first half is all the columns but the last {@value #FUSED_PASS_COLUMNS}, in whole passes of four,
     * and its first pass reads {@value #FUSED_PASS_COLUMNS} of them; else none.
     */
    static int furtherPassColumns(int r) {
        return r > 2 * FUSED_PASS_COLUMNS ? (r - FUSED_PASS_COLUMNS) / 4 * 4 - FUSED_PASS_COLUMNS : 0;
    }

    /** Buckets a pass of the fused top-k splits the scores into (attnsim's SparqTopKStage). */
    static final int FUSED_TOPK_BUCKETS = 256;
    /** Rows and columns of a fused top-k tile: the maximum of each column of 16 scores bounds the k-th. */
    static final int FUSED_TOPK_TILE_SIDE = 16;
    /**
     * Instructions per score of the column maxima: an 8-lane load and an 8-lane maximum for each 8 scores of
     * a tile's row, and the row loop's share.
     */
    static final double FUSED_TOPK_COLUMN_MAX_OPS = 0.5;
    /**
     * Instructions per column maximum besides: its store, the range's minimum and maximum, and its count
     * into the histogram by a multiply (subtract, multiply, convert, clamp twice, the count's load, add and
     * store).
     */
    static final double FUSED_TOPK_COLUMN_OPS = 11;
    /**
     * Instructions to count one pooled score into a bucketing pass's histogram, whose boundaries are exact:
     * subtract, divide, convert, clamp twice, the two boundary checks (multiply, add, compare and branch
     * each), the count's load, add and store, and the loop.
     */
    static final double FUSED_TOPK_BUCKET_OPS = 20;
    /**
     * A histogram's fixed work per group: 16 items' 256 counts zeroed and then summed 8 lanes at a time,
     * and the walk down from the top bucket (load, add, compare).
     */
    static final double FUSED_TOPK_HISTOGRAM_OPS = 2.0 * 16 * FUSED_TOPK_BUCKETS / 8 + 3 * FUSED_TOPK_BUCKETS;
    /** Instructions per column when the pool's scan checks a tile's column maxima against the bound. */
    static final double FUSED_TOPK_COLUMN_CHECK_OPS = 5;
    /**
     * Instructions per score of the pool's scan and of a bucketing or collecting pass over the pool: load,
     * one or two compares against the bounds, the count's add or the store behind them (the scan and the
     * collection's count store and add unconditionally, without branches), and the loop's increment,
     * compare and branch.
     */
    static final double FUSED_TOPK_PASS_OPS = 7;
    /**
     * The pool, in multiples of n = k - window, is n (1 + 0.75 n / columns): a column that reaches the bound
     * holds other scores above it too. Fitted to a simulation of the kernel's bound on independent normal
     * scores (numpy, 200 groups each): 1.05-1.37 n at S 4k-32k and n 64-256, within 8% of the formula.
     */
    static final double FUSED_TOPK_POOL_SPILL = 0.75;
    /**
     * The bounded pool's bucketing passes, 2 - e^(-2n / buckets): a second pass whenever the bucket that holds
     * the n-th largest holds more scores than are still needed. Fitted to a simulation of the kernel's passes
     * on independent normal scores (numpy, 100-200 groups each): 1.13-1.84 passes at S 4k-32k and n 32-256,
     * within 8% of the formula.
     */
    static double fusedTopKBoundedPasses(double need) {
        return 2 - Math.exp(-2 * need / FUSED_TOPK_BUCKETS);
    }

    /**
     * SparQ's ops; {@code linesInFlight} is what a CPU core keeps under way gathering rows (the profile's
     * measured figure, else {@value #LINES_IN_FLIGHT}); {@code cacheBytes} the last-level cache's capacity.
     */
    static List<OpCost> ops(AttentionDims a, SparqConfig c, int units, int sectorBytes, Framework framework,
            DeviceKind kind, double linesInFlight, double cacheBytes) {
        return framework == Framework.EAGER ? eager(a, c, units, sectorBytes)
                : fused(a, c, units, sectorBytes, kind, linesInFlight, cacheBytes);
    }

    /**
     * SparQ as attnsim's own OpenCL kernel, which takes each (batch, KV head) through the three stages in
     * one work-group: per-head approximate scores are built in blocks of local memory (with K stored twice
     * from every selected column in turn), one exponential per score for the softmax statistics; top-k as
     * {@link #fusedTopK}; exact attention with v_bar mixed in (two exponentials per row: the probability
     * and alpha's mass). One launch for the step, counted with the first stage. On a CPU the
     * statistics' exponentials are the kernel's own, on the FMA pipes ({@link OpCost#fmaExponentials}). On a GPU
     * attnsim runs the same stages as TiledSparqDecodeKernel instead, in a launch each: the scores over splits of
     * each group's positions, {@value #TILED_SCORES_GROUPS_PER_UNIT} work-groups a compute unit, then one
     * work-group a group for the top-k and again for the exact attention.
     */
    static List<OpCost> fused(AttentionDims a, SparqConfig c, int units, int sectorBytes, DeviceKind kind,
            double linesInFlight, double cacheBytes) {
        int d = a.headDim();
        int e = a.elementBytes();
        // K and V are read from the cache, in its own element type (the query and v_bar in the compute dtype).
        int ce = a.cacheElementBytes();
        long s = a.keyLength();
        double groups = (double) a.batch() * a.kvHeads();
        double heads = (double) a.batch() * a.queryHeads();
        double columnBytesPerRow = c.keyLayout() == KeyLayout.TWICE
                ? (double) c.r() * ce
                : SectorModel.scatteredColumnBytes(d, c.r(), ce, sectorBytes);
        double q = heads * d * e;
        double scores = heads * s;
        double groupScoreBytes = groups * s * FP32_BYTES;
        boolean tiled = kind == DeviceKind.GPU;
        double items = groups * FUSED_ITEMS_PER_GROUP;
        double splits = tiled ? tiledScoreSplits(s, groups, units) : 1;
        double scoreTiles = tiled ? groups * splits : items;
        double keyBytes = groups * s * columnBytesPerRow;
        double rereads = tiled ? tiledScoreRereads(keyBytes, a.groupSize(), groups * splits, units, cacheBytes) : 0;
        double stage1Device = q + keyBytes + rereads + groupScoreBytes + groups * c.r() * INDEX_BYTES;
        // The scores are built in a block of local memory; heads after a group's first add into its row. On a GPU
        // the heads after a group's first read its split again, from the cache where the rereads above are none.
        double cachedRereads = tiled && rereads == 0 ? (a.groupSize() - 1) * keyBytes : 0;
        double stage1Cache = stage1Device + cachedRereads + 2.0 * (a.groupSize() - 1) * groupScoreBytes;
        double groupTiles = tiled ? groups : items;
        int launchEach = tiled ? 1 : 0;
        // Stored twice, each pass adds four columns into the block. Stored once, each row is read whole and
        // dotted with the query masked to its r components (d FMAs instead of r gathered loads), four rows at a
        // time, each in one accumulator, with each of the group's heads in turn. Nothing reads the block before
        // the statistics' pass, so the model takes the calibrated row-update rate, and how far the rows' stream
        // hides under this arithmetic is the profile's measured overlap. On a CPU, though, the first head's four
        // chains start from the rows' loads, so a group of rows waits for them and runs at four times the
        // one-accumulator rate; the further heads' dot products, on the rows now in L1, interleave. A copy of
        // the loop on cache-resident rows took 1.87 ms a million rows for one head and 0.95 for each further one
        // (72 and 141 GFLOP/s) on the Zen 5 VM, where four chains say 58 and the row updates 106. Unchained, the
        // K-once steps of GQA came out 6-21% fast in fifteen saved runs and MHA's 9-15% fast while the memory
        // ran at 73-75 GB/s; with the first head chained, GQA's -8 to 0% and MHA's -4 to +7%, SQA's (two heads)
        // -1 to +13%, leaving out three disturbed runs (session 41). (On the earlier 2-core machine the loop ran
        // at 97-120 GFLOP/s for 1-8 heads on resident rows, above four chains' 50.) Where the profile measured this
        // loop by heads a row (onceScoresArithmetic: the kernel itself, streamed, at 1-8 heads), its factor at the
        // op's heads scales this arithmetic: at 8 heads a row the kernel took 20.6-21.6 ms a million rows whether
        // the triad ran at 47 or 75 GB/s, where this arithmetic and its statistics say 12.8 (session 42).
        boolean once = c.keyLayout() == KeyLayout.ONCE;
        double approxFlops = 2.0 * (once ? d : c.r()) * scores;
        // Per score, besides its exponential: subtract the running maximum, clamp, add into the sum, store
        // into the group's row (no pass for the block's maximum: the sum is kept against the running one). On a
        // CPU the exponential is the kernel's own, on the FMA pipes, clamped by two selects: PoCL's took about
        // 1.5 times as long in a loop of 64 scores (1.79 against 2.71 Gexp/s on the 2-core machine, session 20).
        boolean fmaExp = kind == DeviceKind.CPU;
        double statsOps = (fmaExp ? 5 : 4) * scores;
        OpCost approx = new OpCost("sparq approx scores", OpGroup.ATTENTION, Pass.FORWARD, approxFlops,
                statsOps + groups * s * (a.groupSize() - 1) + a.conversionOps(groups * s * (once ? d : c.r())), scores,
                stage1Device, stage1Cache, scoreTiles, 1, 1)
                .withFmaExponentials(fmaExp ? scores : 0)
                .withChains(once && kind == DeviceKind.CPU ? approxFlops / a.groupSize() : 0,
                        TiledAttention.DOT_CHAINS, d)
                .withOnceScoreHeads(once ? a.groupSize() : 0)
                // Stored twice, each work item takes its piece of the r columns (S / 16 fp32 scores: 4 KiB
                // at S = 16k), half of them at a time, 256 bytes of each in turn, then the block's softmax
                // statistics: page-sized runs, each starting cold, read together and not alongside other
                // arithmetic than their own FMAs (the profile's page-run bandwidth is measured reading them the
                // same way, adding each float it reads).
                .withPageRuns(c.keyLayout() == KeyLayout.TWICE ? groups * s * columnBytesPerRow : 0)
                .withTwiceScoreHeads(once ? 0 : a.groupSize(), once ? 0 : groups * s * furtherPassColumns(c.r()) * ce)
                // Each block's statistics (the exponentials, the group's row) in a pass over the block alone.
                .withStatisticsApart();

        OpCost topk = fusedTopK(groups, s, c, groupTiles).withLaunches(launchEach);

        double indices = groups * c.k() * INDEX_BYTES;
        double rows = 2 * groups * c.k() * SectorModel.rowBytes(d, ce, sectorBytes);
        double vbar = c.meanValue() ? groups * d * e : 0;
        double stage3Bytes = rows + indices + 2 * q + vbar;
        double exact = heads * c.k();
        // Each row's exact score and its approximate one (the query masked to its r components, a dense dot
        // product like the exact one) for four rows at a time: eight accumulators, then the value update; two
        // exponentials a row, the probability and alpha's mass. Each row lies in a page of its own, cold after
        // the scores' stream. A work-group is one (batch, KV head): its first item pays the round trips and the
        // other heads of the group find the same rows cached, so the latency is counted per group (GQA's stage
        // took 0.27-0.31 ms where per head would say 0.78). On a CPU each item is a head that runs alone, its
        // loads first and then its loops (see OpCost#itemLoops).
        OpCost attend = new OpCost("sparq exact attention", OpGroup.ATTENTION, Pass.FORWARD, 6.0 * d * exact,
                TiledAttention.FORWARD_VECTOR_OPS_PER_SCORE * exact + (c.meanValue() ? 3.0 * heads * d : 0)
                        + a.conversionOps(2.0 * groups * c.k() * d), 2 * exact,
                stage3Bytes, stage3Bytes, groups, launchEach, 1, 1.0,
                exactRoundTrips(c.k(), d, ce, sectorBytes, kind, linesInFlight), 1)
                .withChains(4.0 * d * exact, 2 * TiledAttention.DOT_CHAINS, d);
        return List.of(approx, topk, tiled ? attend : attend.withItemLoops());
    }

    /**
     * Bytes that a GPU's scores pass reads from device memory again, besides {@code keyBytes} (the columns with K
     * stored twice, the rows' sectors once): TiledSparqDecodeKernel scores the heads of a group one after another,
     * each over the whole split, so each head after the first reads the split again. From the last-level cache where
     * what one head's pass of the resident work-groups ({@value #TILED_SCORES_GROUPS_PER_UNIT} a compute unit) reads
     * fits in it, else, read in the same order, every reread misses and comes from device memory. On an H100 GQA's
     * K-once scores (4 heads a group, 16 groups of 512-position splits, 62 MB of sectors against a 50 MB L2) took
     * 127-135 us where xSQA's, one head a group over the same bytes, took 42-46, about 12 of them fixed (session 27):
     * four reads of the split.
     */
    static double tiledScoreRereads(double keyBytes, int groupSize, double workGroups, int units, double cacheBytes) {
        double resident = Math.min(1.0, TILED_SCORES_GROUPS_PER_UNIT * units / workGroups);
        return groupSize > 1 && keyBytes * resident > cacheBytes ? (groupSize - 1) * keyBytes : 0;
    }

    /**
     * The splits of each group's positions in a GPU's scores pass, as the kernel makes them
     * (SplitSparqScoresStage): the length for {@value #TILED_SCORES_GROUPS_PER_UNIT} work-groups a compute unit,
     * rounded up to a whole multiple of 32 positions, then as many splits as that length needs.
     */
    static double tiledScoreSplits(long s, double groups, int units) {
        double wanted = Math.ceil(TILED_SCORES_GROUPS_PER_UNIT * units / groups);
        double length = Math.ceil(Math.ceil(s / wanted) / 32) * 32;
        return Math.ceil(s / length);
    }

    /**
     * The memory round trips of a group's exact stage. On a CPU the kernel first reads a float of every line
     * of the k rows of K and of V, all loads independent, so the round trips are those lines over the lines
     * a core keeps under way, {@code linesInFlight}: a calibrated profile measures it with the same loads
     * (GatherKernel), each row in a page of its own after a read that evicts the cache, so that the page walks
     * count; 7.4-11.8 on the 2-core PoCL machine (session 24). The fallback, {@value #LINES_IN_FLIGHT}, is
     * fitted there: MHA, S 16k, batch 8, 1,024 lines a group, a 162 ns memory latency, the stage 390 and
     * 477 us in two runs, 75 and 92 round trips a group (session 23). Elsewhere each item gathers its rows
     * four at a time: a page walk and the rows, two round trips, for each four rows of K and again of V.
     */
    static double exactRoundTrips(int k, int d, int elementBytes, int sectorBytes, DeviceKind kind,
            double linesInFlight) {
        if (kind == DeviceKind.CPU) {
            double lines = 2.0 * k * SectorModel.rowBytes(d, elementBytes, sectorBytes) / sectorBytes;
            return Math.ceil(lines / linesInFlight);
        }
        return 2 * 2 * Math.ceil(k / (double) TiledAttention.DOT_CHAINS);
    }

    /**
     * Stage 2 as attnsim's SparqTopKStage runs it, per group. Every whole tile of 16 x 16 candidates gives
     * its 16 column maxima (vector loads and maxima) and a histogram of them gives a lower bound of the
     * n-th largest score, n = k - window, when there are at least n columns. The pool's scan then checks
     * each tile's columns and reads the 16 scores of each column that reaches the bound (about n of them),
     * and the candidates after the last whole tile. One or two bucketing passes (see
     * {@link #fusedTopKBoundedPasses}) and two collecting passes read the pool.
     * Without a bound every candidate is pooled and each bucketing pass narrows [min, max] by 256.
     */
    static OpCost fusedTopK(double groups, long s, SparqConfig c, double items) {
        double candidates = s - c.window();
        double need = c.k() - c.window();
        int side = FUSED_TOPK_TILE_SIDE;
        double tiles = Math.floor(candidates / (side * side));
        double columns = tiles * side;
        double tail = candidates - tiles * side * side;
        double columnWork = FUSED_TOPK_COLUMN_MAX_OPS * tiles * side * side + FUSED_TOPK_COLUMN_OPS * columns
                + FUSED_TOPK_HISTOGRAM_OPS;
        boolean bounded = need > 0 && columns >= need;
        double scanned;
        double pooled;
        double bucketPasses;
        if (bounded) {
            scanned = Math.min(columns, need) * side + tail;
            pooled = Math.min(candidates, need * (1 + FUSED_TOPK_POOL_SPILL * need / columns));
            bucketPasses = fusedTopKBoundedPasses(need);
        } else {
            scanned = candidates;
            pooled = candidates;
            bucketPasses = Math.max(1, Math.ceil(Math.log(candidates / c.k()) / Math.log(FUSED_TOPK_BUCKETS)));
        }
        double perGroup = columnWork + FUSED_TOPK_COLUMN_CHECK_OPS * columns + FUSED_TOPK_PASS_OPS * scanned
                + pooled * (FUSED_TOPK_PASS_OPS * (bucketPasses + 2) + FUSED_TOPK_BUCKET_OPS * bucketPasses)
                + FUSED_TOPK_HISTOGRAM_OPS * bucketPasses;
        double ops = groups * perGroup;
        double indices = groups * c.k() * INDEX_BYTES;
        // The group's scores come from the cache: its own work-group wrote them just before, after at most
        // S r e bytes of column stream (1 MiB at S 16k, r 16, fp32), which an L2 or a CPU's L3 holds.
        double cached = groups * FP32_BYTES * (candidates + scanned + pooled * (bucketPasses + 2) * 2) + indices;
        // Barrier-separated phases: column maxima, their histogram, the bound, the pool, each bucketing pass,
        // and the collection's count and placement.
        double passes = 4 + bucketPasses + 2;
        // No page runs: the scores' pages were written by the same core just before, so their walks are done.
        // Integer and compare work on a GPU's lanes; on a CPU each work item's own loops of data-dependent length
        // and counts at data-dependent addresses, which the compiler cannot vectorise across work items.
        return new OpCost("sparq top-k", OpGroup.ATTENTION, Pass.FORWARD, 0, ops, 0, indices, cached,
                items, 0, 1, 1.0, passes, TOPK_BLOCKS_PER_SM).withOtherVectorOps(ops).withScalarOps(ops);
    }

    /**
     * Stage 2 as torch.topk runs it over one slice of scores per KV group. PyTorch picks the multi-block
     * radix select for many long slices (should_use_multiblock in aten/src/ATen/native/cuda/TensorTopK.cu,
     * from the measurements of pytorch/pytorch#74267: e.g. 800-4,000 slices of at least 800 scores):
     * {@value #MULTI_BLOCK_RADIX_BITS}-bit digits, each pass two launches (a histogram over the slice, then
     * the per-block counts), then the k-th value's counts, two CUB scans by key and the gather; before them
     * a fill and two memsets. Each pass is a launch of its own, so no work item waits inside a kernel. Sorted
 * output adds one more launch.
     * Otherwise one block per slice makes one dependent pass per {@value #RADIX_BITS}-bit digit and
     * {@value #TOPK_GATHER_PASSES} gather passes in a single launch (SortingRadixSelect.cuh). Its vector work is
     * digit extraction, compares and counting: integer instructions throughout.
     */
    static OpCost torchTopK(double slices, long sliceLength, double sliceBytes, double indexBytes, int e,
            boolean sorted) {
        int sort = sorted ? TOPK_SORT_LAUNCHES : 0;
        if (usesMultiBlockTopK(slices, sliceLength)) {
            double radixPasses = 8.0 * e / MULTI_BLOCK_RADIX_BITS;
            double reads = radixPasses + 1;
            int launches = (int) (2 * radixPasses) + MULTI_BLOCK_FIXED_LAUNCHES + sort;
            return new OpCost("sparq top-k", OpGroup.ATTENTION, Pass.FORWARD, 0, reads * slices * sliceLength, 0,
                    sliceBytes + indexBytes, reads * sliceBytes + indexBytes, slices, launches, 1)
                    .withOtherVectorOps(reads * slices * sliceLength);
        }
        double passes = 8.0 * e / RADIX_BITS + TOPK_GATHER_PASSES;
        return new OpCost("sparq top-k", OpGroup.ATTENTION, Pass.FORWARD, 0, passes * slices * sliceLength, 0,
                sliceBytes + indexBytes, passes * sliceBytes + indexBytes, slices, 3 + sort, 1, 1.0, passes,
                TOPK_BLOCKS_PER_SM).withOtherVectorOps(passes * slices * sliceLength);
    }

    /** PyTorch's choice of the multi-block top-k (TensorTopK.cu, should_use_multiblock, CUB scan-by-key builds). */
    static boolean usesMultiBlockTopK(double slices, long length) {
        return slices <= 20 && length >= 20000
                || slices > 20 && slices <= 40 && length >= 10000
                || slices > 40 && slices <= 80 && length >= 8000
                || slices > 80 && slices < 200 && length >= 5000
                || slices >= 200 && slices < 800 && length >= 3000
                || slices >= 800 && slices <= 4000 && length >= 800
                || slices > 4000 && length >= 400;
    }

    /** The paper's implementation: PyTorch operations around two Triton kernels (see the class comment). */
    static List<OpCost> eager(AttentionDims a, SparqConfig c, int units, int sectorBytes) {
        int d = a.headDim();
        int e = a.elementBytes();
        long s = a.keyLength();
        double b = a.batch();
        double groups = b * a.kvHeads();
        double heads = b * a.queryHeads();
        double splits = Math.max(1, Math.min(Math.ceil(s / 128.0), Math.ceil(units / groups)));

        // Stage 1: r columns of K per KV head; scores summed over the group, written, then softmaxed in place.
        double columnBytesPerRow = c.keyLayout() == KeyLayout.TWICE
                ? (double) c.r() * e
                : SectorModel.scatteredColumnBytes(d, c.r(), e, sectorBytes);
        double q = heads * d * e;
        double scoreBytes = groups * s * e;
        double stage1Bytes = q + groups * s * columnBytesPerRow + 3 * scoreBytes + groups * c.r() * INDEX_BYTES;
        double approxScores = heads * s;
        // abs, top-r (select and sort), the temperature's five ops, |q| summed over a group, score kernel, softmax.
        int stage1Launches = TEMPERATURE_LAUNCHES + (1 + TOPK_SORT_LAUNCHES) + (a.groupSize() > 1 ? 1 : 0) + 2;
        OpCost approx = new OpCost("sparq approx scores", OpGroup.ATTENTION, Pass.FORWARD, 2.0 * c.r() * approxScores,
                TiledAttention.FORWARD_VECTOR_OPS_PER_SCORE * approxScores + heads * d, approxScores, stage1Bytes,
                stage1Bytes, groups * splits, stage1Launches, 1)
                .withHostSeconds(TRITON_LAUNCH_SECONDS + COMPILED_CALL_SECONDS);

        double indices = groups * c.k() * INDEX_BYTES;
        OpCost topk = torchTopK(groups, s, scoreBytes, indices, e, true);

        // Stage 3: gather k rows of K and V, exact attention, mix with v_bar; append the new token.
        double rows = 2 * groups * c.k() * SectorModel.rowBytes(d, e, sectorBytes);
        double vbar = c.meanValue() ? groups * d * e * 3 : 0;
        double append = groups * d * e * (c.keyLayout() == KeyLayout.TWICE ? 3 : 2);
        double stage3Bytes = rows + groups * c.k() * INDEX_BYTES + 2 * q + vbar + append;
        double exact = heads * c.k();
        // Two Triton kernels around a compiled softmax, the sum of s_hat[i2] (alpha) and, with v_bar, lerp.
        OpCost attend = new OpCost("sparq exact attention", OpGroup.ATTENTION, Pass.FORWARD, 4.0 * d * exact,
                TiledAttention.FORWARD_VECTOR_OPS_PER_SCORE * exact + (c.meanValue() ? 3.0 * heads * d : 0), exact,
                stage3Bytes, stage3Bytes, groups, 4 + (c.meanValue() ? 1 : 0), 1)
                .withHostSeconds(2 * TRITON_LAUNCH_SECONDS + COMPILED_CALL_SECONDS);
        return List.of(approx, topk, attend);
    }
}
