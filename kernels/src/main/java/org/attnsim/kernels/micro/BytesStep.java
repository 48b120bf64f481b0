package org.attnsim.kernels.micro;

import com.aparapi.Kernel;
import org.attnsim.kernels.measure.Harness;
import org.attnsim.kernels.measure.Measurement;

/**
 * A bandwidth benchmark with its arrays on the device, as a step to time alone or in alternation with other
 * kernels, and the bytes one run moves.
 */
public abstract class BytesStep implements AutoCloseable {

    private final Kernel kernel;
    private final Harness.Step step;
    private final long bytes;

    BytesStep(Kernel kernel, Harness.Step step, long bytes) {
        this.kernel = kernel;
        this.step = step;
        this.bytes = bytes;
    }

    public Harness.Step step() {
        return step;
    }

    /** Bytes one run moves. */
    public long bytes() {
        return bytes;
    }

    /** The bandwidth of a timed run: its bytes over its median less the launch latency. */
    public double bytesPerSecond(Measurement m, double launchSeconds) {
        return bytes / (m.medianSeconds() - launchSeconds);
    }

    @Override
    public void close() {
        kernel.dispose();
    }
}
