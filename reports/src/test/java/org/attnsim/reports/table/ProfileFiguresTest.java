package org.attnsim.reports.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.attnsim.hwmodels.Figure;
import org.attnsim.hwmodels.HardwareCatalog;
import org.attnsim.hwmodels.HardwareProfile;
import org.attnsim.hwmodels.OnceScoresArithmetic;
import org.junit.jupiter.api.Test;

class ProfileFiguresTest {

    @Test
    void theKOnceScoresFactorsFollowTheMemoryLatencyByHeadsWithTheirSources() {
        HardwareProfile cpu = HardwareCatalog.resolve("cpu-server-64c", "test", null);
        HardwareProfile measured = cpu.withOnceScoresArithmetic(Optional.of(new OnceScoresArithmetic(List.of(
                new OnceScoresArithmetic.Case(1, new Figure(1, "measured: one | head")),
                new OnceScoresArithmetic.Case(8, new Figure(1.654, "measured: eight"))))));
        List<String[]> plain = ProfileFigures.of(cpu);
        List<String[]> rows = ProfileFigures.of(measured);
        assertEquals(plain.size() + 2, rows.size());
        int latency = 0;
        while (!rows.get(latency)[0].equals("memory latency")) {
            latency++;
        }
        assertArrayEquals(new String[] {"SparQ K-once scores' arithmetic, 1 heads a row", "1.00x",
                "measured: one / head"}, rows.get(latency + 1));
        assertArrayEquals(new String[] {"SparQ K-once scores' arithmetic, 8 heads a row", "1.65x", "measured: eight"},
                rows.get(latency + 2));
        assertTrue(plain.stream().noneMatch(r -> r[0].startsWith("SparQ K-once")));
    }
}
