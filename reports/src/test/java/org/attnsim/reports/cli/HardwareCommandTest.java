package org.attnsim.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HardwareCommandTest {

    @Test
    void listShowsEveryBundledProfile() {
        CliRun r = CliRun.of("hardware", "list");
        assertEquals(0, r.code(), r.err());
        for (String id : new String[] {"a100-40gb-sxm", "a100-80gb-sxm", "h100-sxm", "h100-pcie", "h200-sxm",
                "cpu-server-64c"}) {
            assertTrue(r.out().contains(id), id);
        }
    }

    @Test
    void showPrintsFiguresWithSources() {
        CliRun r = CliRun.of("hardware", "show", "h100-sxm");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("989 TFLOP/s"), r.out());
        assertTrue(r.out().contains("NVIDIA H100 datasheet"), r.out());
    }

    @Test
    void unknownProfileIsAUserError() {
        CliRun r = CliRun.of("hardware", "show", "v100");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("attnsim: error: hardware show: unknown hardware 'v100'"), r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"run", "--help"}, {"predict", "--help"},
            {"hardware", "--help"}, {"hardware", "list", "--help"}, {"bench", "--help"}}) {
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: attnsim"), r.out());
        }
    }
}
