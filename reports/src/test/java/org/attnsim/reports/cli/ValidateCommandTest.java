package org.attnsim.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.attnsim.kernels.device.OpenClDevices;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attnsim devices}, {@code calibrate} and {@code validate} end to end on the real OpenCL device. */
class ValidateCommandTest {

    @TempDir
    Path tmp;

    static void requireOpenCl() {
        if (OpenClDevices.all().isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("CI=true but no OpenCL device: .ci/run must install PoCL");
            }
            Assumptions.abort("no OpenCL device");
        }
    }

    @Test
    void devicesListsTheOpenClDevice() {
        requireOpenCl();
        CliRun r = CliRun.of("devices");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(OpenClDevices.all().get(0).getName().trim()), r.out());
    }

    @Test
    void calibrateThenValidateQuick() throws IOException {
        requireOpenCl();
        Path profile = tmp.resolve("me.yaml");
        CliRun cal = CliRun.of("calibrate", "--quick", "-o", profile.toString());
        assertEquals(0, cal.code(), cal.err());
        String yaml = Files.readString(profile);
        assertTrue(yaml.contains("measured on"), "figures say they were measured");

        CliRun v = CliRun.of("validate", "../scenarios/validate-quick.yaml", "--quick", "--profile", profile.toString(),
                "-o", tmp.resolve("v").toString(), "--format", "json");
        assertEquals(0, v.code(), v.err());
        JsonNode rows = new ObjectMapper().readTree(v.out());
        assertEquals(8, rows.size());
        for (JsonNode row : rows) {
            for (String key : List.of("variant", "phase", "seqLen", "batch", "predictedSeconds", "measuredSeconds",
                    "device")) {
                assertTrue(row.has(key), key);
            }
            assertTrue(row.get("measuredSeconds").asDouble() > 0);
            assertEquals(OpenClDevices.all().get(0).getName().trim(), row.get("device").asText());
        }
        for (String f : List.of("validation.csv", "validation.json", "validation.md", "report.pdf",
                "measured-vs-predicted.png", "speedups-measured.png")) {
            assertTrue(Files.isRegularFile(tmp.resolve("v").resolve(f)), f);
        }
    }

    @Test
    void nonKernelScenarioIsAUserError() {
        CliRun r = CliRun.of("validate", "../scenarios/quickstart.yaml");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("attnsim: error: ../scenarios/quickstart.yaml: scope: validate runs the attention "
                + "core only"), r.err());
    }
}
