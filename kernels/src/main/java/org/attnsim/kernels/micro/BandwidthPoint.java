package org.attnsim.kernels.micro;

import org.attnsim.kernels.measure.Measurement;

/** Triad bandwidth at one working-set size (the bytes of all three arrays). */
public record BandwidthPoint(long workingSetBytes, double bytesMoved, Measurement measurement) {

    public double bytesPerSecond() {
        return bytesMoved / measurement.medianSeconds();
    }
}
