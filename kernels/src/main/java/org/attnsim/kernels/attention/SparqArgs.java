package org.attnsim.kernels.attention;

/**
 * SparQ's settings for the kernels: r components, k rows, local window, K stored twice, v_bar mix,
 * whether the scores read the columns in halves (see {@link SparqScoresStage}; {@link #fitting} decides),
 * and the floats in the K and V arrays before their first row ({@link
 * org.attnsim.kernels.device.LineStart}: rows on cache lines).
 */
public record SparqArgs(int r, int k, int window, boolean keyTwice, boolean meanValue, boolean columnHalves,
        int rowStart) {

    public SparqArgs {
        if (rowStart < 0) {
            throw new IllegalArgumentException("a row start of 0 floats or more, not " + rowStart);
        }
        if (columnHalves && (!keyTwice || firstHalfColumns(r) < 4)) {
            throw new IllegalArgumentException("columns in halves need K stored twice and r >= 8, not r = " + r
                    + (keyTwice ? "" : " with K stored once"));
        }
    }

    /** The settings with the rows from the arrays' start. */
    public SparqArgs(int r, int k, int window, boolean keyTwice, boolean meanValue, boolean columnHalves) {
        this(r, k, window, keyTwice, meanValue, columnHalves, 0);
    }

    /** The settings with the columns read all together and the rows from the arrays' start. */
    public SparqArgs(int r, int k, int window, boolean keyTwice, boolean meanValue) {
        this(r, k, window, keyTwice, meanValue, false);
    }

    /** These settings over K and V arrays with {@code floats} before their first row. */
    public SparqArgs withRowStart(int floats) {
        return new SparqArgs(r, k, window, keyTwice, meanValue, columnHalves, floats);
    }

    /**
     * Columns the scores' first half reads, in whole passes of four: half of r up to r 16; above it, read in passes
     * ({@link SparqScoresStage#IN_PASSES}), all but the last {@value SparqScoresStage#PASS_COLUMNS}, which the
     * statistics' half reads.
     */
    public int firstHalfColumns() {
        return firstHalfColumns(r);
    }

    private static int firstHalfColumns(int r) {
        return Math.max(r / 2, r - SparqScoresStage.PASS_COLUMNS) / 4 * 4;
    }

    /** Whether the scores read their first half {@link SparqScoresStage#IN_PASSES}: with halves, above r 16. */
    public boolean inPasses() {
        return columnHalves && r > 2 * SparqScoresStage.PASS_COLUMNS;
    }

    /**
     * These settings reading the columns in halves wherever that can be: K stored twice, at least four
     * columns in each half, and the kernel's whole work-group (the group's first-half scores, a float per
     * query head of the group and position, beside the stages' own arrays) in {@code localBytes} of local
     * memory. A GPU's 48 KiB holds the first half of one head at S 4k, not at 8k.
     */
    public SparqArgs fitting(AttentionShapeArgs a, long localBytes) {
        boolean halves = keyTwice && firstHalfColumns() >= 4
                && SparqDecodeKernel.localBytes(a, new SparqArgs(r, k, window, true, meanValue, true)) <= localBytes;
        return new SparqArgs(r, k, window, keyTwice, meanValue, halves, rowStart);
    }
}
