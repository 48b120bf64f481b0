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
public record ForwardLaunch(Kernel kernel, Range range) {

    /** The launch as a step to time. */
    public Harness.Step step(String what) {
        return new Harness.Step(what, kernel, range);
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

    /** {@link TiledFlashAttentionKernel}, whatever the device. */
    public static ForwardLaunch tiled(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k, float[] v,
            float[] o) {
        TiledFlashAttentionKernel kernel = new TiledFlashAttentionKernel(a, q, k, v, o);
        return put(kernel, Range.create(device, kernel.globalSize(), TiledFlashAttentionKernel.LOCAL), q, k, v, o);
    }

    /** {@link FlashAttentionKernel}, whatever the device. */
    public static ForwardLaunch rowPerItem(OpenCLDevice device, AttentionShapeArgs a, float[] q, float[] k,
            float[] v, float[] o) {
        FlashAttentionKernel kernel = new FlashAttentionKernel(a, q, k, v, o);
        return put(kernel, Range.create(device, FlashAttentionKernel.globalSize(a), FlashAttentionKernel.localSize(a)),
                q, k, v, o);
    }

    private static ForwardLaunch put(Kernel kernel, Range range, float[]... arrays) {
        kernel.setExplicit(true);
        for (float[] array : arrays) {
            kernel.put(array);
        }
        return new ForwardLaunch(kernel, range);
    }
}
