package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Arithmetic on rows read from memory, the shape of a decoding step: each work item takes
 * {@code rowsPerItem} consecutive rows of {@value #LENGTH} floats, four at a time, and for each of
 * {@code heads} queries dots the four rows with the query (four chains) and adds them, weighted by those
 * dot products, into the query's accumulator row (an update that waits on each chain). Row j of item i
 * is row (i x rowsPerItem + j) mod {@code wrapRows}: with {@code wrapRows} the whole array the rows stream
 * from device memory, with a few hundred KiB of rows every item reads the same cache-resident rows, and
 * the same instructions measure the arithmetic alone.
 */
public final class OverlapKernel extends Kernel {

    public static final int LENGTH = 64;
    /** Work items per group, as attnsim's decode kernels run them. */
    public static final int GROUP = 16;
    final float[] rows;
    final float[] queries;
    final float[] out;
    final int rowsPerItem;
    final int heads;
    final int wrapRows;

    @Local final float[] acc;

    /**
     * The accumulators halve at every group of four rows, so that they stay bounded.
     *
     * @param rows        [rows][LENGTH]
     * @param queries     [heads][LENGTH]
     * @param out         one float per work item: the sum of its accumulators
     * @param rowsPerItem a multiple of 4
     */
    public OverlapKernel(float[] rows, float[] queries, float[] out, int rowsPerItem, int heads, int wrapRows) {
        if (rowsPerItem % 4 != 0 || wrapRows % 4 != 0) {
            throw new IllegalArgumentException("rows per item and the wrap take whole groups of four rows");
        }
        this.rows = rows;
        this.queries = queries;
        this.out = out;
        this.rowsPerItem = rowsPerItem;
        this.heads = heads;
        this.wrapRows = wrapRows;
        this.acc = new float[GROUP * heads * LENGTH];
    }

    @Override
    public void run() {
        int lid = getLocalId();
        int item = getGlobalId();
        int own = lid * heads * LENGTH;
        for (int e = 0; e < heads * LENGTH; e++) {
            acc[own + e] = 0f;
        }
        for (int j = 0; j < rowsPerItem; j += 4) {
            int r0 = ((item * rowsPerItem + j) % wrapRows) * LENGTH;
            int r1 = r0 + LENGTH;
            int r2 = r1 + LENGTH;
            int r3 = r2 + LENGTH;
            for (int h = 0; h < heads; h++) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int c = 0; c < LENGTH; c++) {
                    float x = queries[h * LENGTH + c];
                    s0 += x * rows[r0 + c];
                    s1 += x * rows[r1 + c];
                    s2 += x * rows[r2 + c];
                    s3 += x * rows[r3 + c];
                }
                int a = own + h * LENGTH;
                for (int c = 0; c < LENGTH; c++) {
                    acc[a + c] = acc[a + c] * 0.5f + s0 * rows[r0 + c] + s1 * rows[r1 + c] + s2 * rows[r2 + c]
                            + s3 * rows[r3 + c];
                }
            }
        }
        float total = 0f;
        for (int e = 0; e < heads * LENGTH; e++) {
            total += acc[own + e];
        }
        out[item] = total;
    }
}
