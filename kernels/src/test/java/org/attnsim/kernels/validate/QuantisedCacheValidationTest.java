package org.attnsim.kernels.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.kernels.OpenClTestDevice;
import org.attnsim.kernels.attention.DecodeAttentionKernel;
import org.attnsim.kernels.attention.Fp8DecodeAttentionKernel;
import org.attnsim.kernels.attention.Fp8TiledDecodeAttentionKernel;
import org.attnsim.kernels.attention.Int8DecodeAttentionKernel;
import org.attnsim.kernels.attention.Int8TiledDecodeAttentionKernel;
import org.attnsim.kernels.attention.TiledDecodeAttentionKernel;
import org.attnsim.sim.Point;
import org.attnsim.sim.scenario.Scenario;
import org.attnsim.sim.scenario.ScenarioReader;
import org.attnsim.sim.scenario.Shape;
import org.attnsim.sim.scenario.Sweep;
import org.attnsim.sim.workload.KvDtype;
import org.attnsim.sim.workload.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-check's points of a variant with an int8 or fp8 cache run the device's kernel for that type; other cache
 * types are refused.
 */
class QuantisedCacheValidationTest {

    private static final String SCENARIO = """
            name: kv
            model: {dModel: 256, heads: 4}
            variants: [mha, {variant: mha, kvDtype: int8}, {variant: mha, kvDtype: fp8}]
            hardware: cpu-server-64c
            workload: {phase: decode, seqLen: 2048, batch: 2, dtype: fp32}
            scope: attention
            """;

    @TempDir
    Path tmp;

    @Test
    void quantisedVariantsDecodeWithTheirTypesKernelsFromArraysAQuarterTheSize() throws IOException {
        Scenario s = read(SCENARIO);
        CrossCheck.requireKernelScenario(s);
        var w = Sweep.workload(s, Phase.DECODE, new Shape(2048, 2));
        Point fp32 = Sweep.point(s, s.variants().get(0), w, null, s.hardware().get(0));
        Point int8 = Sweep.point(s, s.variants().get(1), w, null, s.hardware().get(0));
        Point fp8 = Sweep.point(s, s.variants().get(2), w, null, s.hardware().get(0));
        assertEquals(KvDtype.INT8, int8.workload().kvDtype());
        assertEquals(KvDtype.FP8, fp8.workload().kvDtype());
        // q and o: 2 x 4 x 64 floats each; K and V: 2 x 4 x 2048 x 64 elements each, 4 bytes or 1.
        assertEquals(4 * (2 * 512 + 2 * 1_048_576), KernelRunner.arrayBytes(fp32));
        assertEquals(4 * 2 * 512 + 2 * 1_048_576, KernelRunner.arrayBytes(int8));
        assertEquals(4 * 2 * 512 + 2 * 1_048_576, KernelRunner.arrayBytes(fp8));

        OpenCLDevice device = OpenClTestDevice.get();
        boolean gpu = device.getType() == Device.TYPE.GPU;
        try (KernelRunner.Prepared dense = KernelRunner.prepare(fp32, device, 1);
                KernelRunner.Prepared quantised = KernelRunner.prepare(int8, device, 1);
                KernelRunner.Prepared e4m3 = KernelRunner.prepare(fp8, device, 1)) {
            assertEquals(gpu ? TiledDecodeAttentionKernel.class : DecodeAttentionKernel.class,
                    dense.step().kernel().getClass());
            assertEquals(gpu ? Int8TiledDecodeAttentionKernel.class : Int8DecodeAttentionKernel.class,
                    quantised.step().kernel().getClass());
            assertEquals(gpu ? Fp8TiledDecodeAttentionKernel.class : Fp8DecodeAttentionKernel.class,
                    e4m3.step().kernel().getClass());
        }
    }

    @Test
    void aCacheTypeWithoutAKernelIsRefusedNamingTheVariantsField() throws IOException {
        Path f = write(SCENARIO.replace("kvDtype: int8", "kvDtype: bf16"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CrossCheck.requireKernelScenario(ScenarioReader.read(f)));
        assertEquals(f + ": variants (MHA KV bf16).kvDtype", e.where());
        assertEquals("the kernels keep the KV cache in fp32, int8 or fp8, not bf16", e.what());
    }

    @Test
    void aQuantisedCacheWithSparqIsRefused() throws IOException {
        Path f = write(SCENARIO + "sparq: {r: 16, k: 64}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> CrossCheck.requireKernelScenario(ScenarioReader.read(f)));
        assertEquals(f + ": variants (MHA KV int8).kvDtype", e.where());
        assertEquals("SparQ's kernels read an fp32 cache", e.what());
    }

    private Scenario read(String yaml) throws IOException {
        return ScenarioReader.read(write(yaml));
    }

    private Path write(String yaml) throws IOException {
        Path f = tmp.resolve("kv.yaml");
        Files.writeString(f, yaml);
        return f;
    }
}
