package org.attnsim.kernels.device;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The processor that runs PoCL's CPU device, as {@code /proc/cpuinfo} names it: model name, family and model.
 *
 * <p>Why a measurement records it: PoCL names its device after the instruction set LLVM builds for, not after the
 * processor, so a Zen 4 and a Zen 5 both appear as {@code pthread-skylake-avx512-AMD EPYC}. The 2-core VM moved
 * from one to the other between sessions 36 and 37, and the same decoding kernel streamed at 86-97% of the triad on
 * the first and 39% on the second; nothing in the profiles said that the machine had changed. A GPU's rates are
 * its own: the host's processor is not recorded there.
 */
public final class HostCpu {

    private static final Pattern NAME = Pattern.compile("(?m)^model name\\s*:\\s*(.+?)\\s*$");
    private static final Pattern FAMILY = Pattern.compile("(?m)^cpu family\\s*:\\s*(\\d+)\\s*$");
    private static final Pattern MODEL = Pattern.compile("(?m)^model\\s*:\\s*(\\d+)\\s*$");
    private static final String PREFIX = "host CPU ";

    private HostCpu() {
    }

    /** On PoCL, "host CPU AMD EPYC (family 26, model 2)"; empty on other platforms. */
    public static Optional<String> describe(String platform) {
        if (!platform.contains(KernelBuild.POCL)) {
            return Optional.empty();
        }
        return Optional.of(describe(HostPages.read(Path.of("/proc/cpuinfo"))));
    }

    /** The description of the first processor that a {@code /proc/cpuinfo} text lists. */
    static String describe(Optional<String> cpuinfo) {
        Optional<String> name = cpuinfo.flatMap(text -> first(NAME, text));
        if (name.isEmpty()) {
            return PREFIX + "unknown (/proc/cpuinfo unreadable or without a model name)";
        }
        Optional<String> family = first(FAMILY, cpuinfo.get());
        Optional<String> model = first(MODEL, cpuinfo.get());
        return PREFIX + name.get() + (family.isPresent() && model.isPresent()
                ? " (family " + family.get() + ", model " + model.get() + ")" : "");
    }

    /**
     * A one-line warning when a measured profile's figure (its {@code source}) was taken on another host processor
     * than this run's: its rates are another machine's.
     */
    public static Optional<String> mismatch(String source, String platform) {
        return describe(platform).flatMap(now -> mismatchWith(source, now));
    }

    /**
     * As {@link #mismatch(String, String)}, with this run's description given. A profile's description is the last of
     * the list in brackets after the device's name, which its source closes with ") at ".
     */
    static Optional<String> mismatchWith(String source, String now) {
        int at = source.indexOf(PREFIX);
        if (at < 0 || source.contains(now)) {
            return Optional.empty();
        }
        int end = source.indexOf(") at ", at);
        String then = end < 0 ? source.substring(at) : source.substring(at, end);
        return Optional.of("the profile was measured on " + then + ", this run is on " + now.substring(PREFIX.length())
                + ": its rates are another machine's: calibrate again");
    }

    private static Optional<String> first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
