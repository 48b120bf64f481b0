package org.attnsim.kernels.measure;

import com.aparapi.Kernel;
import com.aparapi.ProfileInfo;
import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelDeviceProfile;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelProfile;
import java.util.Arrays;
import java.util.List;
import org.attnsim.hwmodels.InvalidInputException;
import org.attnsim.kernels.device.LocalMemory;
import org.attnsim.kernels.device.OpenClUnavailableException;

/**
 * Times a kernel honestly: explicit buffer management (inputs put once, so the kernel is timed alone),
 * warm-up runs (the first compiles the kernel), then repeats until a time budget or a repeat limit,
 * each timed on the host around a blocking execute. After the runs it checks which device really ran
 * the kernel, and refuses a result from anything but the requested OpenCL device. Steps can be timed
 * in rounds, so that the ratio of their times, or their difference, is measured under the same load.
 */
public final class Harness {

    /** How long and how often to measure. */
    public record Budget(int warmups, int minRepeats, int maxRepeats, double seconds) {
        public static final Budget QUICK = new Budget(2, 5, 50, 0.2);
        public static final Budget STANDARD = new Budget(3, 9, 200, 1.0);

        /** This budget with {@code factor} times its seconds (for several steps timed in the same rounds). */
        public Budget times(int factor) {
            return new Budget(warmups, minRepeats, maxRepeats, seconds * factor);
        }

        /**
         * This budget with {@code s} seconds per measurement, its cap on repeats scaled with them, so that a
         * longer budget is not cut short by the count of a shorter one.
         */
        public Budget withSeconds(double s) {
            int cap = (int) Math.min(Integer.MAX_VALUE, Math.max(maxRepeats, Math.ceil(maxRepeats * s / seconds)));
            return new Budget(warmups, minRepeats, cap, s);
        }

        /** This budget with at most {@code limit} seconds per measurement. */
        public Budget atMost(double limit) {
            return new Budget(warmups, minRepeats, maxRepeats, Math.min(seconds, limit));
        }
    }

    /** A kernel that runs in passes, one launch each, told its pass before each launch. */
    public interface Passes {
        void pass(int p);

        /** The range of pass p, where the step's range is that of the first pass. */
        default Range range(int p, Range first) {
            return first;
        }
    }

    /** A kernel, its range and its passes (launches in a row, each knowing its pass): timed as one step. */
    public record Step(String what, Kernel kernel, Range range, int passes) {

        public Step {
            if (passes < 1 || passes > 1 && !(kernel instanceof Passes)) {
                throw new IllegalArgumentException(kernel.getClass().getSimpleName() + " cannot run in " + passes
                        + " passes");
            }
        }

        /** One launch. */
        public Step(String what, Kernel kernel, Range range) {
            this(what, kernel, range, 1);
        }

        /** Runs the step once and returns its seconds by the clock. */
        double run(Clock clock) {
            long start = System.nanoTime();
            double onDevice = 0;
            for (int p = 0; p < passes; p++) {
                if (kernel instanceof Passes multi) {
                    multi.pass(p);
                    kernel.execute(multi.range(p, range));
                } else {
                    kernel.execute(range);
                }
                if (clock == Clock.DEVICE) {
                    onDevice += deviceSeconds(this);
                }
            }
            return clock == Clock.DEVICE ? onDevice : (System.nanoTime() - start) / 1e9;
        }
    }

    private Harness() {
    }

    public static Measurement time(String what, Kernel kernel, Range range, OpenCLDevice device, Budget budget) {
        return time(new Step(what, kernel, range), device, budget);
    }

    public static Measurement time(Step step, OpenCLDevice device, Budget budget) {
        return timeInRounds(List.of(step), device, budget).measurements().get(0);
    }

    /**
     * Times two steps in alternation, a then b in every round, until the budget's repeats or seconds
     * run out. On a shared machine the load moves within seconds; alternating runs put both steps under
     * the same load. For a speed-up take the ratio round by round from {@link #timeInRounds}.
     */
    public static List<Measurement> timeAlternating(Step a, Step b, OpenCLDevice device, Budget budget) {
        return timeAlternating(List.of(a, b), device, budget);
    }

    /** As {@link #timeAlternating(Step, Step, OpenCLDevice, Budget)}, each round running every step in order. */
    public static List<Measurement> timeAlternating(List<Step> steps, OpenCLDevice device, Budget budget) {
        return timeInRounds(steps, device, budget).measurements();
    }

    /**
     * What each step adds to the one before it, where each runs the one before it and then more (a
     * pipeline cut after each of its stages): the steps are timed in rounds, and a step's increment is the
     * median over rounds of its time minus the time of the step before it in the same round (the first
     * step's increment is its time). {@code before} runs, untimed, ahead of every timed step: a kernel that
     * evicts the cache lets each cut start as cold as a step that follows other work (back to back, a cut
     * would find in the last-level cache what the cut before it read).
     */
    public static List<Measurement> timeIncrements(List<Step> prefixes, Step before, OpenCLDevice device,
            Budget budget) {
        return timeInRoundsAfter(prefixes, before, device, budget).increments();
    }

    /** Every step once a round, in order, until the budget runs out: each step's seconds round by round. */
    public static Rounds timeInRounds(List<Step> steps, OpenCLDevice device, Budget budget) {
        return timeInRoundsAfter(steps, null, device, budget);
    }

    /**
     * Every step once a round, in order, each after {@code before} (untimed: a read that evicts the cache, as a step
     * runs after other work; null: nothing), until the budget runs out: each step's seconds round by round.
     */
    public static Rounds timeInRoundsAfter(List<Step> steps, Step before, OpenCLDevice device, Budget budget) {
        Clock clock = clock(steps, device);
        return new Rounds(steps.stream().map(Step::what).toList(), sampleInRounds(steps, before, device, budget,
                clock), device.getName().trim(), clock);
    }

    /**
     * The device's {@link Clock}, where every step's kernel keeps its arrays on the device (explicit buffers);
     * else the host's, which times the copies Aparapi makes around each launch of the others (NVIDIA's driver
     * gave no device times for those, session 19).
     */
    static Clock clock(List<Step> steps, OpenCLDevice device) {
        return steps.stream().allMatch(step -> step.kernel().isExplicit()) ? Clock.of(device) : Clock.HOST;
    }

    /**
     * The seconds of each step in each round by the steps' {@link #clock}, after the warm-ups, with {@code
     * before} (if not null) run untimed ahead of each step; the device checked for every step.
     */
    private static double[][] sampleInRounds(List<Step> steps, Step before, OpenCLDevice device, Budget budget,
            Clock clock) {
        for (Step step : steps) {
            LocalMemory.check(step.kernel(), device, step.what());
        }
        for (int i = 0; i < budget.warmups(); i++) {
            for (Step step : steps) {
                runBefore(before);
                step.run(clock);
            }
        }
        if (budget.warmups() > 0) {
            for (Step step : steps) {
                checkDevice(step.kernel(), device, step.what());
            }
        }
        double[][] samples = new double[steps.size()][budget.maxRepeats()];
        int n = 0;
        long deadline = System.nanoTime() + (long) (budget.seconds() * 1e9);
        while (n < budget.maxRepeats() && (n < budget.minRepeats() || System.nanoTime() < deadline)) {
            for (int i = 0; i < steps.size(); i++) {
                runBefore(before);
                samples[i][n] = steps.get(i).run(clock);
            }
            n++;
        }
        double[][] taken = new double[steps.size()][];
        for (int i = 0; i < steps.size(); i++) {
            checkDevice(steps.get(i).kernel(), device, steps.get(i).what());
            taken[i] = Arrays.copyOf(samples[i], n);
        }
        if (before != null) {
            checkDevice(before.kernel(), device, before.what());
        }
        return taken;
    }

    private static void runBefore(Step before) {
        if (before != null) {
            before.run(Clock.HOST);
        }
    }

    /**
     * The seconds the step's last launch took by the device's profiling clock. Aparapi records them only when
     * started with {@code -Dcom.aparapi.enableProfiling=true}, as attnsim's launchers and its tests are; without
     * them this refuses rather than time the launch on the host's clock.
     */
    static double deviceSeconds(Step step) {
        List<ProfileInfo> info = step.kernel().getProfileInfo();
        double seconds = 0;
        int launches = 0;
        for (ProfileInfo each : info == null ? List.<ProfileInfo>of() : info) {
            if (String.valueOf((Object) each.getType()).equals("X")) {
                seconds += (each.getEnd() - each.getStart()) / 1e9;
                launches++;
            }
        }
        if (launches != 1) {
            throw new InvalidInputException(step.what(), "the device's clock did not time its launch (" + launches
                    + " launch times from Aparapi)", "start Java with -Dcom.aparapi.enableProfiling=true, as attnsim's "
                    + "launchers do");
        }
        return seconds;
    }

    /** The median of the samples and its 95% interval from order statistics. */
    static Measurement summary(String what, double[] s, String device, Clock clock) {
        MedianInterval m = MedianInterval.of(s);
        return new Measurement(what, m.median(), m.low(), m.high(), m.n(), device, false, clock);
    }

    /**
     * The device Aparapi last ran the kernel on, from its profile (isRunningCL and getTargetDevice report
     * the preferred device, not the one used); anything else than {@code device} is an error.
     */
    static void checkDevice(Kernel kernel, OpenCLDevice device, String what) {
        KernelProfile profile = KernelManager.instance().getProfile(kernel.getClass());
        KernelDeviceProfile last;
        try {
            last = profile == null ? null : profile.getLastDeviceProfile();
        } catch (NullPointerException e) {
            last = null; // Aparapi's profile has no device yet: the kernel never ran
        }
        KernelDeviceProfile wanted = profile == null ? null : profile.getDeviceProfile(device);
        if (last == null || last != wanted) {
            throw new OpenClUnavailableException(what, "the kernel did not run on " + device.getName().trim()
                    + " (Aparapi fell back to " + (last == null ? "nothing" : last) + ")");
        }
    }
}
