package org.attnsim.kernels.device;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * How busy other processes and the hypervisor kept the host's CPUs while attnsim measured, from Linux's
 * {@code /proc/stat} (the whole host's CPU time) less {@code /proc/self/stat} (this process's, PoCL's threads
 * included).
 *
 * <p>Why a measurement records it: on PoCL the kernels run on the same cores as everything else, so a process
 * running beside a calibration slows its microbenchmarks and leaves a profile whose rates are low, with nothing in
 * it to say so. In session 41 a Maven build beside a calibration halved the one-core triad (22 GB/s against 44) and
 * the cross-check that followed mispriced every fused SparQ step by 11-21%. Both counters are in the same clock
 * ticks, so the shares below are ratios of ticks and need no tick rate.
 */
public final class HostLoad {

    /**
     * Other processes' and the hypervisor's CPUs, as a share of the host's, above which a measurement is called
     * contended: an idle Debian VM's daemons keep about 0.001 of its CPUs busy, a build beside it 0.5 or more.
     */
    public static final double CONTENDED_SHARE = 0.05;

    /** The counters at one moment, in clock ticks summed over the host's CPUs. */
    public record Sample(long totalTicks, long busyTicks, long stolenTicks, long ownTicks, int cpus) {
    }

    /** Between two samples: the CPUs (of {@code cpus}) that other processes and the hypervisor kept busy on average. */
    public record Share(double otherCpus, double stolenCpus, int cpus) {

        /** True when others and the hypervisor took more than {@link #CONTENDED_SHARE} of the host's CPUs. */
        public boolean contended() {
            return otherCpus + stolenCpus > CONTENDED_SHARE * cpus;
        }

        /** "other processes kept 0.93 of the host's 2 CPUs busy and the hypervisor took 0.00". */
        public String busy() {
            return String.format(Locale.ROOT, "other processes kept %.2f of the host's %d CPUs busy and the hypervisor "
                    + "took %.2f", otherCpus, cpus, stolenCpus);
        }

        /** {@link #busy} and where it was read. */
        public String describe() {
            return busy() + " (/proc/stat)";
        }

        /** A one-line warning when contended: what was busy, and what to do about it. */
        public Optional<String> warning(String what) {
            if (!contended()) {
                return Optional.empty();
            }
            return Optional.of(what + " was contended: " + busy() + ", so its rates are likely low: run it again on a "
                    + "quiet machine");
        }
    }

    private HostLoad() {
    }

    /** The counters now; empty where {@code /proc} cannot be read (not Linux). */
    public static Optional<Sample> now() {
        Optional<String> self = HostPages.read(Path.of("/proc/self/stat"));
        Optional<String> stat = HostPages.read(Path.of("/proc/stat"));
        return stat.isPresent() && self.isPresent() ? parse(stat.get(), self.get()) : Optional.empty();
    }

    /** What others took between {@code before} and {@code after}; empty when either is missing or no tick passed. */
    public static Optional<Share> between(Optional<Sample> before, Optional<Sample> after) {
        if (before.isEmpty() || after.isEmpty()) {
            return Optional.empty();
        }
        Sample a = before.get();
        Sample b = after.get();
        long total = b.totalTicks() - a.totalTicks();
        if (total <= 0) {
            return Optional.empty();
        }
        long others = Math.max(0, (b.busyTicks() - a.busyTicks()) - (b.ownTicks() - a.ownTicks()));
        long stolen = Math.max(0, b.stolenTicks() - a.stolenTicks());
        return Optional.of(new Share((double) b.cpus() * others / total, (double) b.cpus() * stolen / total, b.cpus()));
    }

    /**
     * The counters in a {@code /proc/stat} and a {@code /proc/self/stat} text. The first line of {@code /proc/stat}
     * sums user, nice, system, idle, iowait, irq, softirq, steal (guest time is already in user); busy is all but
     * idle, iowait and steal. In {@code /proc/self/stat}, utime and stime are the 12th and 13th fields after the
     * command's name in brackets, which may itself hold spaces.
     */
    static Optional<Sample> parse(String procStat, String selfStat) {
        try {
            String[] cpu = procStat.lines().findFirst().orElse("").trim().split("\\s+");
            if (cpu.length < 9 || !cpu[0].equals("cpu")) {
                return Optional.empty();
            }
            long[] t = new long[8];
            for (int i = 0; i < t.length; i++) {
                t[i] = Long.parseLong(cpu[i + 1]);
            }
            long busy = t[0] + t[1] + t[2] + t[5] + t[6];
            long total = busy + t[3] + t[4] + t[7];
            int cpus = (int) procStat.lines().filter(l -> l.matches("cpu\\d+\\s.*")).count();
            String[] self = selfStat.substring(selfStat.lastIndexOf(')') + 1).trim().split("\\s+");
            long own = Long.parseLong(self[11]) + Long.parseLong(self[12]);
            return cpus == 0 ? Optional.empty() : Optional.of(new Sample(total, busy, t[7], own, cpus));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
