package org.attnsim.kernels.device;

import com.aparapi.device.OpenCLDevice;

/**
 * Floats to put before the rows of a float array so that row 0, and every row of 64 floats after it,
 * starts on a 64-byte cache line, where the device reads the Java array in place: PoCL's CPU device, to
 * which Aparapi hands the array itself. Its elements start {@code ARRAY_FLOAT_BASE_OFFSET} bytes (16 in
 * HotSpot) after the array, and G1 (the JVM's choice with two cores and 2 GB or more; the launcher asks
 * for it) starts an array of half a heap region or more (a KV cache) at a region's start. So without a pad
 * a 256-byte row straddles five lines, not four.
 *
 * <p>Measured on the 2-core PoCL machine (session 23), 16k rows of 256 bytes gathered at random from 256
 * MiB after a read that evicts the cache: 206 and 253 us with the rows on lines, 255 and 328 us 16 bytes
 * off them (two runs of 60 rounds). A GPU's buffers are its driver's own, already aligned: no pad there.
 */
public final class LineStart {

    /** A CPU's cache line, the unit the kernels lay their reads out in. */
    public static final int LINE_BYTES = 64;
    /** Floats in a line: the stride at which a kernel reads one float of every line of a row. */
    public static final int LINE_FLOATS = LINE_BYTES / Float.BYTES;

    private LineStart() {
    }

    /** The pad for arrays the device reads: on PoCL, the floats from the array's base offset to a line. */
    public static int padFloats(OpenCLDevice device) {
        return device.getOpenCLPlatform().getName().contains(KernelBuild.POCL) ? padFloats(arrayBaseOffset()) : 0;
    }

    /** The floats from {@code baseOffset} bytes into a line-aligned array to the next line. */
    static int padFloats(int baseOffset) {
        return (LINE_BYTES - baseOffset % LINE_BYTES) % LINE_BYTES / Float.BYTES;
    }

    /** HotSpot's offset of a float array's first element; 0 (no pad) where the JVM does not say. */
    static int arrayBaseOffset() {
        try {
            return Class.forName("sun.misc.Unsafe").getField("ARRAY_FLOAT_BASE_OFFSET").getInt(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }
}
