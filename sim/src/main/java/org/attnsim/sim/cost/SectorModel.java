package org.attnsim.sim.cost;

/**
 * What a strided read of r scattered columns from rows of d elements really costs: memory moves whole
 * sectors (32 bytes on NVIDIA GPUs, a 64-byte line on CPUs). With the r columns drawn without
 * replacement from d, a sector holding c columns is missed with probability C(d - c, r) / C(d, r)
 * (hypergeometric), so a row costs sectors x (1 - that) x sector bytes on average.
 */
public final class SectorModel {

    private SectorModel() {
    }

    /** Expected bytes read per row when {@code r} of {@code d} columns are gathered. */
    public static double scatteredColumnBytes(int d, int r, int elementBytes, int sectorBytes) {
        int perSector = Math.max(1, sectorBytes / elementBytes);
        double sectors = Math.ceil((double) d / perSector);
        double untouched = 1.0;
        for (int i = 0; i < perSector; i++) {
            untouched *= Math.max(0.0, (double) (d - r - i)) / (d - i);
        }
        return sectors * (1.0 - untouched) * sectorBytes;
    }

    /** Bytes read to fetch one contiguous row of {@code d} elements: whole sectors. */
    public static double rowBytes(int d, int elementBytes, int sectorBytes) {
        return Math.ceil((double) d * elementBytes / sectorBytes) * sectorBytes;
    }
}
