package org.attnsim.kernels.micro;

import com.aparapi.Kernel;

/**
 * Arithmetic on rows read from memory, the shape of a decoding step ({@code DecodeAttentionKernel}'s loop):
 * each work item takes {@code rowsPerItem} consecutive rows of {@code length} elements of keys and of
 * values, four at a time, and for each of {@code heads} queries dots the four key rows with the query (four
 * chains), keeps an online softmax over the scores (an exponential a score and a rescale a group of four)
 * and adds the four value rows, weighted, into the query's accumulator. Row j of item i is row
 * (i x rowsPerItem + j) mod {@code wrapRows} of both arrays: with {@code wrapRows} the whole arrays the
 * rows stream from device memory, two streams an item as a decoding step's K and V; with a few hundred KiB
 * of rows every item reads the same cache-resident rows, and the same instructions measure the arithmetic
 * alone. Before each four rows' arithmetic it reads a float of every line of those four key and value rows, as the
 * decoding kernel does and written as it is (see {@code DecodeAttentionKernel}; until session 52 a float of every
 * line of the next four key rows, as the kernel then read them).
 *
 * <p>Each leaf kernel gives the rows' arrays and their reads ({@link #key}, {@link #value},
 * {@link #lineElements}): fp32 rows ({@link OverlapKernel}), int8 ones ({@link Int8OverlapKernel}) or fp8 E4M3 ones
 * ({@link Fp8OverlapKernel}), the loop written once.
 *
 * <p>Why two arrays and the exponentials (since session 25): with one array read twice and no softmax,
 * this kernel gave p 1.7-3.8 on the 2-core VM, where the decoding kernel itself, timed the same three ways
 * in the same rounds, gave 1.0-1.5, and so did this shape (1.2-1.5).
 */
public abstract class DecodeLoopKernel extends Kernel {

    /** Work items per group, as attnsim's decode kernels run them. */
    public static final int GROUP = 16;
    final float[] queries;
    final float[] out;
    final int rowsPerItem;
    final int heads;
    final int wrapRows;
    /** Elements a row: a field, as the decoding kernel's head size. */
    final int length;
    /** 1 / sqrt(length), times the keys' scale where the rows have one. */
    final float scale;
    /** The values' scale (1 where the rows have none). */
    final float valueScale;

    @Local final float[] acc;
    @Local final float[] runMax;
    @Local final float[] runSum;

    /**
     * @param queries     [heads][length]
     * @param out         one float per work item: the sum over its queries of their attention outputs' elements
     * @param rowsPerItem a multiple of 4
     */
    DecodeLoopKernel(float[] queries, float[] out, int rowsPerItem, int heads, int wrapRows, int length,
            float keyScale, float valueScale) {
        if (rowsPerItem % 4 != 0 || wrapRows % 4 != 0) {
            throw new IllegalArgumentException("rows per item and the wrap take whole groups of four rows");
        }
        this.queries = queries;
        this.out = out;
        this.rowsPerItem = rowsPerItem;
        this.heads = heads;
        this.wrapRows = wrapRows;
        this.length = length;
        this.scale = (float) (keyScale / Math.sqrt(length));
        this.valueScale = valueScale;
        this.acc = new float[GROUP * heads * length];
        this.runMax = new float[GROUP * heads];
        this.runSum = new float[GROUP * heads];
    }

    /** Element i of the keys, as a float (without their scale). */
    abstract float key(int i);

    /** Element i of the values, as a float (without their scale). */
    abstract float value(int i);

    /** Elements a cache line: a constant of each kernel, as the decoding kernels' (a field slows the loop). */
    abstract int lineElements();

    @Override
    public void run() {
        int lid = getLocalId();
        int item = getGlobalId();
        int own = lid * heads * length;
        for (int e = 0; e < heads * length; e++) {
            acc[own + e] = 0f;
        }
        for (int h = 0; h < heads; h++) {
            runMax[lid * heads + h] = -1e30f;
            runSum[lid * heads + h] = 0f;
        }
        float touched = 0f;
        for (int j = 0; j < rowsPerItem; j += 4) {
            int r0 = ((item * rowsPerItem + j) % wrapRows) * length;
            int r1 = r0 + length;
            int r2 = r1 + length;
            int r3 = r2 + length;
            for (int t = 0; t < 4 * length; t += lineElements()) {
                touched = max(touched, key(r0 + t));
                touched = max(touched, value(r0 + t));
            }
            for (int h = 0; h < heads; h++) {
                float s0 = 0f;
                float s1 = 0f;
                float s2 = 0f;
                float s3 = 0f;
                for (int c = 0; c < length; c++) {
                    float x = queries[h * length + c];
                    s0 += x * key(r0 + c);
                    s1 += x * key(r1 + c);
                    s2 += x * key(r2 + c);
                    s3 += x * key(r3 + c);
                }
                s0 = s0 * scale;
                s1 = s1 * scale;
                s2 = s2 * scale;
                s3 = s3 * scale;
                int slot = lid * heads + h;
                float mOld = runMax[slot];
                float mNew = max(mOld, max(max(s0, s1), max(s2, s3)));
                float correction = exp(mOld - mNew);
                float p0 = exp(s0 - mNew);
                float p1 = exp(s1 - mNew);
                float p2 = exp(s2 - mNew);
                float p3 = exp(s3 - mNew);
                runSum[slot] = runSum[slot] * correction + p0 + p1 + p2 + p3;
                runMax[slot] = mNew;
                int a = own + h * length;
                for (int c = 0; c < length; c++) {
                    acc[a + c] = acc[a + c] * correction + p0 * value(r0 + c) + p1 * value(r1 + c)
                            + p2 * value(r2 + c) + p3 * value(r3 + c);
                }
            }
        }
        float total = 0f;
        for (int h = 0; h < heads; h++) {
            float sum = 0f;
            for (int c = 0; c < length; c++) {
                sum += acc[own + h * length + c];
            }
            total += sum * valueScale / runSum[lid * heads + h];
        }
        out[item] = total;
        if (touched < -1f) {
            out[0] = touched;
        }
    }
}
