package org.attnsim.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI in a process of its own whose OpenCL loader is pointed at an empty folder of drivers ({@code
 * OCL_ICD_VENDORS}), as on a machine without PoCL: {@code devices} says so and how to get one, and every command that
 * measures stops before measuring with one line, exit code 2, and writes nothing.
 */
class NoOpenClDeviceTest {

    @TempDir
    Path tmp;

    private record Exit(int code, String out, String err) {
    }

    private Exit run(String... args) throws IOException, InterruptedException {
        Path vendors = Files.createDirectories(tmp.resolve("no-drivers"));
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("OCL_ICD_VENDORS", vendors.toString());
        Process p = pb.start();
        boolean finished = p.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "the CLI finished within two minutes");
        return new Exit(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void devicesSaysThereIsNoneAndHowToGetOne() throws Exception {
        Exit e = run("devices");
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().startsWith("No OpenCL device found: "), e.out());
        assertTrue(e.out().contains("apt-get install pocl-opencl-icd ocl-icd-libopencl1"), e.out());
    }

    @Test
    void validateStopsBeforeMeasuringWithOneLine() throws Exception {
        Path folder = tmp.resolve("validation");
        Exit e = run("validate", "../scenarios/validate-quick.yaml", "-o", folder.toString());
        assertEquals(2, e.code(), e.out() + e.err());
        assertEquals(1, e.err().strip().lines().count(), e.err());
        assertTrue(e.err().startsWith("attnsim: error: --device: no OpenCL device found: "), e.err());
        assertTrue(e.err().contains("Java fallback"), "it says the kernels never fall back: " + e.err());
        assertFalse(Files.exists(folder), "nothing written");
    }

    @Test
    void calibrateAndKernelBenchStopWithOneLine() throws Exception {
        Path profile = tmp.resolve("me.yaml");
        Exit cal = run("calibrate", "-o", profile.toString());
        assertEquals(2, cal.code(), cal.out() + cal.err());
        assertEquals(1, cal.err().strip().lines().count(), cal.err());
        assertFalse(Files.exists(profile), "nothing written");
        Exit bench = run("kernel-bench");
        assertEquals(2, bench.code(), bench.out() + bench.err());
        assertTrue(bench.err().contains("no OpenCL device found"), bench.err());
    }
}
