package org.attnsim.kernels.attention;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import org.attnsim.kernels.device.LocalMemory;
import org.attnsim.kernels.device.WorkGroups;
import org.attnsim.kernels.measure.Harness;

/**
 * The attention-forward kernel for a device, with its range: {@link TiledFlashAttentionKernel} on a GPU
 * that runs its {@value TiledFlashAttentionKernel#LOCAL}-item work-groups and holds their local tiles,
 * {@link FlashAttentionKernel} (a query row per work item, 40% or more of the FMA rate under PoCL)
 * elsewhere. Its arrays are put on the device once.
 */
public record ForwardLaunch(Kernel kernel, Range range, int passes) {

    /**
     * Key tiles a work-group of the tiled kernel walks at most: longer walks are split (see {@link
     * TiledFlashAttentionKernel}). Chosen, not yet timed: eight tiles of 32 keys took about 60 us on an H100
     * in session 19's runs without splits, a tenth of the longest walk at S 2048.
     */
    static final int WALK_TILES = 8;

    /** The launch as a step to time. */
    public Harness.Step step(String what) {
        return new Harness.Step(what, kernel, range, passes);
    }

    /** The kernel for the device, on the shape with tiles that fit its local memory. */
    public static ForwardLaunch on(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k, float[] v,
            float[] o) {
        if (device.getType() == Device.TYPE.GPU) {
            ForwardLaunch tiled = tiled(device, a, q, k, v, o);
            if (LocalMemory.bytes(tiled.kernel) <= device.getLocalMemSize()
                    && WorkGroups.kernelLimit(tiled.kernel, device) >= TiledFlashAttentionKernel.LOCAL) {
                return tiled;
            }
            tiled.kernel.dispose();
        }
        return rowPerItem(device, a.fitting(device.getLocalMemSize()), q, k, v, o);
    }

    /**
     * {@link TiledFlashAttentionKernel}, whatever the device, each query tile's keys split into runs of at most
     * {@value #WALK_TILES} key tiles.
     */
    public static ForwardLaunch tiled(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k, float[] v,
            float[] o) {
        int keyTiles = TiledFlashAttentionKernel.keyTiles(a);
        return tiled(device, a, (keyTiles + WALK_TILES - 1) / WALK_TILES, q, k, v, o);
    }

    /** {@link TiledFlashAttentionKernel} with each query tile's keys in {@code splits} runs. */
    public static ForwardLaunch tiled(OpenCLDevice device, AttentionShapeArgs a, int splits, float[] q, float[] k,
            float[] v, float[] o) {
        TiledFlashAttentionKernel kernel = new TiledFlashAttentionKernel(a, splits, q, k, v, o);
        return put(kernel, Range.create(device, kernel.globalSize(), TiledFlashAttentionKernel.LOCAL),
                kernel.passes(), q, k, v, o, kernel.splitAcc, kernel.splitMax, kernel.splitSum);
    }

    /** {@link FlashAttentionKernel}, whatever the device. */
    public static ForwardLaunch rowPerItem(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k,
            float[] v, float[] o) {
        FlashAttentionKernel kernel = new FlashAttentionKernel(a, q, k, v, o);
        return put(kernel, Range.create(device, FlashAttentionKernel.globalSize(a), FlashAttentionKernel.localSize(a)),
                1, q, k, v, o);
    }

    private static ForwardLaunch put(Kernel kernel, Range range, int passes, float[]... arrays) {
        kernel.setExplicit(true);
        for (float[] array : arrays) {
            kernel.put(array);
        }
        return new ForwardLaunch(kernel, range, passes);
    }
}
