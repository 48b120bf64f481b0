package org.attnsim.kernels.device;

/**
 * What OpenCL says about a device. {@code clockMegahertz}, {@code cacheBytes} and {@code cacheLineBytes}
 * come from clinfo (Aparapi does not expose them) and are 0 when clinfo is not installed.
 */
public record DeviceInfo(int index, String platform, String name, String type, int computeUnits, long clockMegahertz,
        long globalMemoryBytes, long localMemoryBytes, int maxWorkGroupSize, long cacheBytes, long cacheLineBytes) {

    /** "Portable Computing Language / pthread-... (CPU, 2 compute units)". */
    public String label() {
        return platform + " / " + name + " (" + type + ", " + computeUnits + " compute units)";
    }
}
