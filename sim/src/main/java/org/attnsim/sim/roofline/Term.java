package org.attnsim.sim.roofline;

import java.util.Locale;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * The named effects of the timing model beyond the plain roofline (work / peak). Each can be switched
 * off in a scenario to see what it contributes.
 */
public enum Term {
    ACHIEVABLE_PEAK("achievable-peak",
            "Each unit reaches only the profile's efficiency fraction of its datasheet peak.",
            "profile efficiency figures (each with its own source)"),
    SIZE_EFFICIENCY("size-efficiency",
            "An op of n FLOPs or bytes runs at peak x n / (n + n_half): small ops reach less of peak.",
            "Hockney and Jesshope, Parallel Computers 2 (1988): the n-half model"),
    WAVE_QUANTISATION("wave-quantisation",
            "Work items run in waves over the SMs or cores; a partial last wave leaves units idle.",
            "NVIDIA Matrix Multiplication Background User's Guide: wave quantization"),
    LAUNCH_LATENCY("launch-latency",
            "Every kernel launch costs the profile's fixed latency; a kernel launched through Triton's Python"
                    + " launcher adds its host time.",
            "profile launchLatency figure; Triton launcher: triton-lang/triton PR #3503 (62 us for a kernel"
                    + " with many arguments, Triton 2.2)"),
    SPECIAL_FUNCTION_UNIT("special-function-unit",
            "Exponentials run on the special-function unit at its own, much lower, rate.",
            "CUDA C Programming Guide, arithmetic instruction throughput; FlashAttention-3 (Shah et al. 2024), section 3"),
    INTEGER_LANES("integer-lanes",
            "Vector work other than fp32 add, multiply and FMA (integer arithmetic and logic, compare, min, max: the "
                    + "dropout RNG, row maxima, converts) runs on the INT32 lanes at their own rate; Hopper doubled the "
                    + "FP32 lanes per SM but not these (profiles with an otherVectorRate only).",
            "NVIDIA A100 and H100 whitepapers, cores per SM (A100: 64 FP32, 64 INT32; H100: 128 FP32, 64 INT32); CUDA C "
                    + "Programming Guide, arithmetic instruction throughput; profile otherVectorRate figure"),
    SOFTMAX_SERIALISATION("softmax-serialisation",
            "Within a fused kernel the matrix, vector and exponential work run one after another, not overlapped "
                    + "(off by default: the units overlap).",
            "FlashAttention-3 (Shah et al. 2024), section 3.1: on H100 FlashAttention-2's warpgroups do not overlap "
                    + "softmax with the GEMMs well"),
    DEPENDENT_LATENCY("dependent-latency",
            "Work items that make sequential passes over their data (a radix-select top-k) wait a memory round trip "
                    + "per pass; with few items resident per SM the latency is not hidden.",
            "PyTorch aten/src/ATen/native/cuda/SortingRadixSelect.cuh (2-bit digits, one block per slice); profile "
                    + "memoryLatency figure"),
    FMA_LATENCY("fma-latency",
            "Dot products a work item keeps in a few dependent accumulator chains wait out each FMA's latency where "
                    + "the device has no other thread to switch to (a CPU core runs work items one after another): they "
                    + "run at the number of chains times the one-chain rate, the rate of a dot product kept in one "
                    + "accumulator, at the length of the op's dots where the profile timed dots of 64 and of 128 "
                    + "floats (a dot's time linear in its length: a start and a cost per float) (profiles with a "
                    + "dependentFmaRate only).",
            "Hager and Wellein, Introduction to High Performance Computing for Scientists and Engineers (2010), "
                    + "section 1.2.3: pipelining and dependent operations; profile dependentFmaRate and "
                    + "dependentFmaRate128 figures (DotProductKernel)"),
    MEASURED_OVERLAP("measured-overlap",
            "Arithmetic and device-memory traffic overlap only in part: an op takes (t_compute^p + "
                    + "t_memory^p)^(1/p) instead of the longer of the two, with the exponent p measured on the device "
                    + "(a CPU core's prefetchers and reorder window reach only so far ahead of its arithmetic); "
                    + "an exponent below 1 means they add and the memory streams at p of its bandwidth, "
                    + "t_compute + t_memory / p (the measured loop ran past the sum); the ops of one launch "
                    + "(SparQ's fused stages, whose work-groups are at different stages at "
                    + "once) overlap likewise, its memory-bound ops against the rest; a decoding kernel's pass that "
                    + "scores one query head a row takes the exponent measured on that kernel itself, where the "
                    + "profile's decodeTile has one; on a CPU whose profile measured it, SparQ's scores take their "
                    + "arithmetic at the factor measured on the scores kernel at their query heads a KV head, for the "
                    + "way K is stored (K stored twice above r 16, read in passes, at that kernel's own); "
                    + "profiles with an overlapExponent only.",
            "Stengel, Treibig, Hager and Wellein, ICS 2015 (the ECM model: on a CPU core part of the data "
                    + "transfer time does not overlap with the arithmetic); profile overlapExponent figure "
                    + "(OverlapKernel, a decoding step's loop: its keys and values streamed against the same "
                    + "arithmetic on cache-resident rows and a triad, in the same rounds; on a GPU DecodeTileKernel, "
                    + "its decoding kernel's tile loop, likewise; decodeTile oneHeadOverlapExponent: the decoding "
                    + "kernel itself at one query a row, streamed, against that loop's one-head case on resident rows "
                    + "and the triad, in the same rounds; onceScoresArithmetic and twiceScoresArithmetic: "
                    + "SparqScoresKernel with K stored once and twice at 1, 2, 4 and 8 heads a KV head, streamed "
                    + "beside a triad, against the model's price of its op; twicePassesScoresArithmetic: "
                    + "ManyColumnSparqScoresKernel likewise at r 32)"),
    DECODE_TILES("decode-tiles",
            "A decoding kernel walks the cache 64 rows at a time, scoring them for each query head of a group, "
                    + "with an online softmax, and adding them into the outputs. Its arithmetic is not what paces "
                    + "such a loop: 64 rows take the measured time of that loop on resident rows with every compute "
                    + "unit busy, for the group's query heads (profiles with a decodeTile only). A CPU's kernel "
                    + "scores a group of more than two heads two at a time, each pair a pass over tiles of 512 rows: "
                    + "the passes after the first find the rows in the core's cache and overlap no reads, and each "
                    + "walks the rows again at what one head costs beyond a further one, times the factor measured "
                    + "on the kernel itself at eight queries a row against four, and the kernel's start, its four "
                    + "queries against two less one such pass, once a tile, where the profile has them.",
            "measured by attnsim (kernels/MEASUREMENTS.md, sessions 26, 34 and 38): on an H100 1.4-2.5 us a tile a "
                    + "compute unit for 1-4 heads, where its FLOPs at the matrix rate say 0.08-0.32 us; on the 2-core "
                    + "VM 8.3-10.6 ms a million rows at one head, where the rates say 7.3; GQA's 4-query rows on the "
                    + "Zen 5 VM took their arithmetic's time plus their memory's in one pass, 10% less in two, and "
                    + "the second pass 1.07-1.20 times what the line prices it at (session 41), the passes after it "
                    + "0.26 us a tile less with the memory slow (session 48); profile decodeTile figure "
                    + "(DecodeTileKernel on a GPU, OverlapKernel on a CPU; furtherPassFactor and pairedStart, "
                    + "DecodeAttentionKernel at 2, 4 and 8 heads a row)"),
    PAGE_RUNS("page-runs",
            "Reads in runs of at most a page start cold (prefetchers stop at page boundaries); where a unit runs one "
                    + "work item at a time (a CPU core) and the reads have a loop of their own, they take the measured "
                    + "page-run bandwidth and add to the arithmetic instead of overlapping it, less one FMA on each "
                    + "element read, which the loop that measures the rate also does; FMAs beyond that (a query "
                    + "group's other heads, on elements already in L1) overlap the runs at the measured overlap "
                    + "exponent where the profile has one and measured-overlap is on; the runs' bytes leave the "
                    + "memory stream, which is timed at the device bandwidth (profiles with a pageRunBandwidth only); "
                    + "SparQ's K-twice scores read in passes (above r 16) read the columns of their passes after the "
                    + "first no faster than the rate measured on their kernel, where the profile has one: a rate of "
                    + "the core's loop, whose time no other core's absence from a fused launch's stream shortens.",
            "Intel 64 and IA-32 Architectures Optimization Reference Manual, L2 streamer: prefetches stay within a "
                    + "4 KiB page; profile pageRunBandwidth figure (PageRunKernel) and twicePassesBandwidth "
                    + "(ManyColumnSparqScoresKernel at one query head a KV head, r 32)"),
    STATISTICS_PASS("statistics-pass",
            "An op that computes its softmax statistics in a pass of their own over a block its dot products have "
                    + "just left in the cache (SparQ's approximate scores) reads nothing from device memory during "
                    + "that pass: where a unit runs one work item at a time (a CPU core) the pass's vector work and "
                    + "exponentials add to the time its reads and dot products take together, instead of "
                    + "overlapping the reads; the compiler vectorises that loop along the block, so its vector "
                    + "work runs at the FMA pipes' rate, as its own exponentials do.",
            "measured by attnsim (kernels/MEASUREMENTS.md, sessions 15 and 21): in five validate-local runs on "
                    + "the 2-core PoCL machine, SparQ's K-once steps of MHA, SQA and xSQA came out 5-29% slower than "
                    + "predicted with "
                    + "the pass overlapping the reads, 4-21% slower with it added; with the pass's vector work at "
                    + "the rate of scalar loops, the scores stage of MHA, GQA and SQA (K stored twice) was predicted "
                    + "23-36% slower than its cut measured, at the FMA pipes' rate -6% to +18%"),
    SCALAR_CODE("scalar-code",
            "Work that each work item runs on its own (loops of data-dependent length, counts at data-dependent "
                    + "addresses: the fused SparQ top-k's histograms, scans and passes) runs as scalar code at the "
                    + "measured scalar rate where a unit runs one work item at a time (a CPU core, whose OpenCL "
                    + "compiler vectorises only work items in lockstep), and exponentials taken a few at a time "
                    + "inside such a loop (decoding's online softmax, four keys at a time) at the measured scalar "
                    + "exponential rate (profiles with a scalarRate or scalarExpRate only).",
            "pocl documentation, Kernel compiler: on CPU targets the kernel becomes a work-group function that "
                    + "loops over the work items, which the compiler can vectorise across them; measured by attnsim: "
                    + "the top-k's per-item loops ran 2-3x slower than its instruction count at the FMA loop rate "
                    + "(kernels/MEASUREMENTS.md, session 9); profile scalarRate figure (HistogramKernel) and "
                    + "scalarExpRate figure (OnlineSoftmaxKernel)"),
    ITEM_LOOPS("item-loops",
            "An op whose work items each run alone, in loops of their own (SparQ's exact stage: an item a head, over "
                    + "the rows its top-k chose), first reads a float of every line it needs, all loads independent, "
                    + "then computes on what they brought in: its FMAs take the rate of FMAs in a per-item loop (the "
                    + "profile's vector fraction of its peak), since the compiler does not vectorise them across work "
                    + "items; where a unit runs one work item at a time (a CPU core) the op takes the longer of its "
                    + "round trips and that arithmetic.",
            "measured by attnsim (kernels/MEASUREMENTS.md, sessions 28 and 49): the exact stage alone on the older "
                    + "2-core PoCL machine, S 16k, batch 8, 16 groups: 77-79 us with its rows cached for 1 head a "
                    + "group, 172-193 us for 4 (4-5 us a further head a core, where a per-item loop of FMAs says "
                    + "about 4 and the row-update rate 1.4); after a read that evicts the cache 239-390 us, its rows' "
                    + "round trips (136 us) on top there; on the Zen 5 VM the two added priced the stage 15-35% above "
                    + "what it added to SparQ's K-twice steps (medians by variant over 22 runs of session 48), the "
                    + "longer of the two -24 to +7%; profile "
                    + "vector efficiency figure (LoopFmaKernel)"),
    UNIT_BANDWIDTH("unit-bandwidth",
            "The cores of one launch are at different stages of their work-groups at once (SparQ's fused step: scores, "
                    + "top-k, exact attention): a core that streams while others compute or wait draws more than its "
                    + "share of the device's bandwidth, up to what one core draws alone. The launch's streaming (its "
                    + "ops' device-memory time) and the rest of its ops' time then take less than their sum (see the "
                    + "sim's SharedLaunch; a CPU with a measured unitBandwidth only); an op's own non-streaming "
                    + "time, already in its measured price, leaves its stream no more bandwidth. Rows streamed by a "
                    + "loop that works on them draw what the decoding kernel draws on one core alone, page runs "
                    + "what the page-run loop does, where measured; else what a triad does.",
            "measured by attnsim (kernels/MEASUREMENTS.md, session 30): on the 2-core PoCL machine one core's "
                    + "triad ran at 0.79-0.92 of two cores' in six calibrations; with the stages summed, "
                    + "validate-local's speed-ups missed by "
                    + "10.4% at the median and 24.0% at worst, with this term by 2.2-2.9% and 8.7-19.2% in three runs; "
                    + "profile unitBandwidth figure (UnitTriadKernel); on the Zen 5 VM the decoding kernel on one "
                    + "core drew 0.70 of its two cores' bandwidth, where the triad drew 0.86-0.97, and SparQ's "
                    + "K-once steps came out 8-12% fast with the triad's share (session 39); profile decodeTile "
                    + "oneUnitBandwidth figure; page runs on one core 0.73 of two cores' where the triad drew 0.89 in "
                    + "the same rounds, and SparQ's K-twice steps 3.6-7.4% fast with the triad's share in a "
                    + "validate-local run (session 58); profile unitPageRunBandwidth figure (UnitPageRunKernel)"),
    LAUNCH_AFTER_WORK("launch-after-work",
            "A kernel that follows milliseconds of other work (a decoder's other layers; the other points of the "
                    + "cross-check's rounds) starts more slowly than one launched back to back: the threads that run "
                    + "it wake, and each op's code and state come back into the caches, each stage of a fused launch "
                    + "too. A launch takes the latency measured after a read that evicts the cache, and each op what a "
                    + "one-op step, its threads awake, lost to the read, a fused launch's later stages what SparQ's "
                    + "fused step lost beyond that, a stage (profiles with launchLatencyAfterWork and opStartAfterWork "
                    + "only).",
            "measured by attnsim (kernels/MEASUREMENTS.md, session 31): on the 2-core PoCL machine SparQ's K-twice "
                    + "steps at S 16k had come out 138-361 us slower than predicted in five runs of six, whatever "
                    + "their size (1-4 ms); "
                    + "its three stages at S 256 took 57-91, 15-16 and "
                    + "9-18 us as cuts after an empty kernel, 128-147, 22-44 and 26-39 us after the read, the empty "
                    + "kernel 22-84 and 69-104 us; profile launchLatencyAfterWork and opStartAfterWork figures "
                    + "(EmptyKernel and the decoding kernel after CacheEviction); session 33: SparQ's fused step "
                    + "lost 59-73 us, the decoding step 35-44 (stageStartAfterWork)"),
    PASSES_STEP("passes-step",
            "On a CPU whose profile measured it, the fused SparQ step whose K-twice scores read their columns in "
                    + "passes (above r 16) takes the measured seconds a score (a query head at a position) more than "
                    + "its stages' prices: PoCL builds that kernel's stages after the passes slower than the one-pass "
                    + "kernel's, so a step is more than its scores cut and the one-pass kernel's later stages "
                    + "(profiles with a twicePassesStepPerScore only).",
            "measured by attnsim (kernels/MEASUREMENTS.md, sessions 56 and 57): on the Zen 5 VM the passes kernel's "
                    + "step took about 3 us a (group, query head) at S 16k beyond its scores cut and the one-pass "
                    + "kernel's top-k and exact stage, at 8 to 64 groups, 1 to 4 heads a group, d 64 and 128; profile "
                    + "twicePassesStepPerScore figure (both kernels' fused steps and scores cuts in the same rounds)"),
    FORWARD_ARITHMETIC("forward-arithmetic",
            "On a CPU whose profile measured it, attnsim's attention-forward kernel takes its FMAs at the factor "
                    + "measured on the kernel itself at the op's head dimension (between measured dimensions, linear "
                    + "in log2 d): its dot products and value updates are loops over d, whose rate depends on d "
                    + "(profiles with a forwardArithmetic only).",
            "measured by attnsim (kernels/MEASUREMENTS.md, session 44): on the Zen 5 VM, MHA's forward (d_model 512, "
                    + "S 1k to 4k, no mask) ran 11-14% slower than its FMAs at the row-update rate say at d 32 and "
                    + "1-8% faster at d 64; profile forwardArithmetic figure (FlashAttentionKernel at d 32, 64 and "
                    + "128 on resident heads, beside the row-update benchmark in the same rounds, against the model's "
                    + "price of its op)"),
    CACHE_REUSE("cache-reuse",
            "Tiles re-read by concurrent work items (K/V per query tile) are served by the last-level cache.",
            "FlashAttention-2 (Dao 2023), section 3: blocks of one head run concurrently and share K/V in L2");

    private final String id;
    private final String description;
    private final String source;

    Term(String id, String description, String source) {
        this.id = id;
        this.description = description;
        this.source = source;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public String source() {
        return source;
    }

    public static Term parse(String text, String where) {
        for (Term t : values()) {
            if (t.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Term t : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(t.id);
        }
        throw new InvalidInputException(where, "unknown term '" + text + "'", "allowed: " + known);
    }
}
