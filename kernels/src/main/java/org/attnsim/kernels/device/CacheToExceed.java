package org.attnsim.kernels.device;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;

/**
 * The cache a working set must exceed several times over to stream from device memory (the triads, page
 * runs and cache evictions that {@code TriadStep.beyondCache}, {@code PageRunStep.besideShape} and
 * {@code CacheEviction.beyond} size, and the overlap benchmark's streamed rows): the last-level cache the
 * profile names, and on a GPU at least {@value #GPU_FLOOR_MIB} MiB. NVIDIA's OpenCL reports 4.1 MiB of
 * global memory cache for an H100, whose L2 holds 50 MB (a B200's, 126 MB): four times the reported figure
 * stayed in the L2.
 */
public final class CacheToExceed {

    static final int GPU_FLOOR_MIB = 128;

    private CacheToExceed() {
    }

    public static double bytes(OpenCLDevice device, double profileCacheBytes) {
        return bytes(device.getType() == Device.TYPE.GPU, profileCacheBytes);
    }

    static double bytes(boolean gpu, double profileCacheBytes) {
        return gpu ? Math.max(profileCacheBytes, GPU_FLOOR_MIB * 1024.0 * 1024.0) : profileCacheBytes;
    }
}
