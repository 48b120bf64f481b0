package org.attnsim.kernels.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostLoadTest {

    /** The head of /proc/stat on the 2-core VM of session 42, and ten seconds later with ticks added by hand. */
    private static final String STAT_BEFORE = "cpu  1922471 0 222059 2184115 3266 0 639 5316 0 0\n"
            + "cpu0 961000 0 111000 1092000 1600 0 300 2600 0 0\ncpu1 961471 0 111059 1092115 1666 0 339 2716 0 0\n"
            + "intr 123 0 0\nctxt 456\n";
    /**
     * Ten seconds on two CPUs are 2,000 ticks: user +1,500, system +100, idle +340, iowait +10, softirq +10, steal
     * +40.
     */
    private static final String STAT_AFTER = "cpu  1923971 0 222159 2184455 3276 0 649 5356 0 0\n"
            + "cpu0 0 0 0 0 0 0 0 0 0 0\ncpu1 0 0 0 0 0 0 0 0 0 0\n";
    /** A command name with a space and a bracket; utime 300, stime 50 before, 1,300 and 100 after. */
    private static final String SELF_BEFORE = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 0 0 300 50 0 0 20 0 "
            + "30 0 100 0 0";
    private static final String SELF_AFTER = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1300 100 0 0 "
            + "20 0 30 0 100 0 0";

    @Test
    void theCountersAreReadFromBothFiles() {
        HostLoad.Sample s = HostLoad.parse(STAT_BEFORE, SELF_BEFORE).orElseThrow();
        assertEquals(2, s.cpus());
        assertEquals(1922471 + 222059 + 639, s.busyTicks());
        assertEquals(1922471 + 222059 + 639 + 2184115 + 3266 + 5316, s.totalTicks());
        assertEquals(5316, s.stolenTicks());
        assertEquals(350, s.ownTicks());
    }

    @Test
    void othersAreTheBusyTicksLessThisProcesssAsCpusOfTheHost() {
        HostLoad.Share share = HostLoad.between(HostLoad.parse(STAT_BEFORE, SELF_BEFORE),
                HostLoad.parse(STAT_AFTER, SELF_AFTER)).orElseThrow();
        // busy +1,610 of 2,000 ticks, this process +1,050: others 560, stolen 40, on 2 CPUs
        assertEquals(2 * 560 / 2000.0, share.otherCpus(), 1e-12);
        assertEquals(2 * 40 / 2000.0, share.stolenCpus(), 1e-12);
        assertTrue(share.contended());
        assertEquals("other processes kept 0.56 of the host's 2 CPUs busy and the hypervisor took 0.04 "
                + "(/proc/stat)", share.describe());
        assertTrue(share.warning("the calibration").orElseThrow().startsWith("the calibration was contended: other "
                + "processes kept 0.56 of the host's 2 CPUs busy and the hypervisor took 0.04"));
    }

    @Test
    void aQuietHostIsNotContended() {
        HostLoad.Share quiet = new HostLoad.Share(0.06, 0.03, 2);
        assertFalse(quiet.contended());
        assertTrue(quiet.warning("the calibration").isEmpty());
        assertTrue(new HostLoad.Share(0.08, 0.03, 2).contended());
    }

    @Test
    void unreadableOrMissingCountersGiveNothing() {
        assertTrue(HostLoad.parse("intr 1 2 3\n", SELF_BEFORE).isEmpty());
        assertTrue(HostLoad.parse("cpu 1 2 3\ncpu0 1 2 3\n", SELF_BEFORE).isEmpty());
        assertTrue(HostLoad.parse(STAT_BEFORE, "4242 (java) S 1").isEmpty());
        assertTrue(HostLoad.between(Optional.empty(), HostLoad.parse(STAT_AFTER, SELF_AFTER)).isEmpty());
        Optional<HostLoad.Sample> same = HostLoad.parse(STAT_BEFORE, SELF_BEFORE);
        assertTrue(HostLoad.between(same, same).isEmpty());
    }

    @Test
    void aBusyProcessBesideThisOneIsSeen() throws Exception {
        Optional<HostLoad.Sample> before = HostLoad.now();
        assumeTrue(before.isPresent(), "/proc/stat is Linux's");
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            Thread.sleep(1500);
            HostLoad.Share share = HostLoad.between(before, HostLoad.now()).orElseThrow();
            // the loop has a CPU of its own (or shares one with this idle thread) for most of 1.5 s
            assertTrue(share.otherCpus() > 0.5, share::describe);
            assertTrue(share.contended(), share::describe);
        } finally {
            busy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
