package org.attnsim.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.Arrays;
import org.attnsim.hwmodels.QuantisedCache;
import org.attnsim.kernels.attention.AttentionReference;
import org.attnsim.kernels.attention.DecodeAttentionKernel;
import org.attnsim.kernels.attention.Fp8DecodeAttentionKernel;
import org.attnsim.kernels.attention.Fp8TiledDecodeAttentionKernel;
import org.attnsim.kernels.attention.Int8DecodeAttentionKernel;
import org.attnsim.kernels.attention.Int8TiledDecodeAttentionKernel;
import org.attnsim.kernels.attention.QuantisedTensor;
import org.attnsim.kernels.attention.TiledDecodeAttentionKernel;
import org.attnsim.kernels.micro.Microbenchmarks;
import org.attnsim.kernels.micro.OneQueryDecode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class OneQueryDecodeTest {

    /**
     * 2,500 rows of d 64 cut into 8 sequences a compute unit (on 2 units, 16 of 156 rows, the last 4 rows unread):
     * the device's decoding kernel over them attends as the double-precision reference does over the same rows.
     */
    @Test
    void itIsTheDevicesDecodingKernelOverTheBenchmarksOwnRows() {
        OpenCLDevice device = OpenClTestDevice.get();
        int rows = 2500;
        int d = 64;
        float[] keys = Microbenchmarks.randomRows(rows * d, 3);
        float[] values = Microbenchmarks.randomRows(rows * d, 4);
        try (OneQueryDecode decode = OneQueryDecode.over(device, keys, values, rows, d)) {
            int batch = OneQueryDecode.SEQUENCES_PER_UNIT * device.getMaxComputeUnits();
            int length = rows / batch;
            assertEquals(batch, decode.shape().batch());
            assertEquals(length, decode.shape().keyLength());
            assertEquals(1, decode.shape().queryHeads());
            assertEquals(1, decode.shape().kvHeads());
            assertEquals(2.0 * batch * length * d * Float.BYTES, decode.bytes());
            assertEquals((double) batch * length / device.getMaxComputeUnits() / 64, decode.tilesPerUnit(), 1e-12);
            assertEquals(device.getType() == Device.TYPE.GPU ? TiledDecodeAttentionKernel.class
                    : DecodeAttentionKernel.class, decode.launch().kernel().getClass());

            OpenClTestDevice.runOnce(decode.step(), device);
            decode.launch().kernel().get(decode.outputs());
            double[] ref = AttentionReference.forward(decode.shape(), decode.queries(),
                    Arrays.copyOf(keys, batch * length * d), Arrays.copyOf(values, batch * length * d));
            double error = FlashAttentionKernelTest.relativeError(decode.outputs(), ref);
            assertTrue(error < 1e-4, "relative error " + error);
        }
    }

    /** The same rows quantised: the device's kernel for their type over them, as the reference over them decoded. */
    @ParameterizedTest
    @EnumSource(QuantisedCache.class)
    void itsQuantisedStepIsTheDevicesKernelOfThatTypeOverTheSameRowsQuantised(QuantisedCache type) {
        OpenCLDevice device = OpenClTestDevice.get();
        int rows = 2500;
        int d = 64;
        float[] keys = Microbenchmarks.randomRows(rows * d, 5);
        float[] values = Microbenchmarks.randomRows(rows * d, 6);
        QuantisedTensor k = QuantisedTensor.of(type, keys);
        QuantisedTensor v = QuantisedTensor.of(type, values);
        try (OneQueryDecode decode = OneQueryDecode.overQuantised(device, k, v, rows, d)) {
            int batch = OneQueryDecode.SEQUENCES_PER_UNIT * device.getMaxComputeUnits();
            int length = rows / batch;
            assertEquals(batch, decode.shape().batch());
            assertEquals(length, decode.shape().keyLength());
            assertEquals(2.0 * batch * length * d, decode.bytes());
            assertEquals((double) batch * length / device.getMaxComputeUnits() / 64, decode.tilesPerUnit(), 1e-12);
            boolean gpu = device.getType() == Device.TYPE.GPU;
            assertEquals(switch (type) {
                case INT8 -> gpu ? Int8TiledDecodeAttentionKernel.class : Int8DecodeAttentionKernel.class;
                case FP8 -> gpu ? Fp8TiledDecodeAttentionKernel.class : Fp8DecodeAttentionKernel.class;
            }, decode.launch().kernel().getClass());

            OpenClTestDevice.runOnce(decode.step(), device);
            decode.launch().kernel().get(decode.outputs());
            double[] ref = AttentionReference.forward(decode.shape(), decode.queries(),
                    Arrays.copyOf(k.dequantised(), batch * length * d),
                    Arrays.copyOf(v.dequantised(), batch * length * d));
            double error = FlashAttentionKernelTest.relativeError(decode.outputs(), ref);
            assertTrue(error < 1e-4, "relative error " + error);
        }
    }

    @Test
    void rowsTooFewForItsSequencesAreRefused() {
        OpenCLDevice device = OpenClTestDevice.get();
        float[] rows = new float[64 * 4];
        assertThrows(IllegalArgumentException.class, () -> OneQueryDecode.over(device, rows, rows, 4, 64));
        assertThrows(IllegalArgumentException.class, () -> OneQueryDecode.over(device, rows, rows, 8000, 64));
    }
}
