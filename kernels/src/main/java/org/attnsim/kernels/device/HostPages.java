package org.attnsim.kernels.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of the pages behind the Java heap, which on PoCL's CPU device holds the kernels' buffers
 * (Aparapi hands it the Java arrays themselves), as the process's own page counts tell it: a kernel
 * that sets transparent huge pages to "always", or a JVM run with -XX:+UseTransparentHugePages, gives the
 * heap 2 MiB pages without attnsim asking.
 *
 * <p>Why a measurement records it: SparQ's exact stage reads 2k rows scattered over a KV cache of 4 MiB per
 * (batch, KV head), each row in a page of its own, and in 4 KiB pages each waits on a page walk first
 * unless the page tables are still cached. Measured on the 2-core PoCL machine (MHA, S 16k, batch 8, K
 * stored twice, after a read that evicts the cache; session 22): the exact stage 668 us in 4 KiB pages
 * against 511 in 2 MiB ones, and the whole step 4.9 against 4.1 ms in a probe. Right after dense decoding,
 * which walks the same page tables, the step took as long in either (in the cross-check's rounds the
 * speed-up over dense was 4.83x in 4 KiB pages, 4.93x in 2 MiB ones). A GPU's buffers live in its own memory:
 * the heap's pages do not matter there.
 */
public final class HostPages {

    private static final Pattern HUGE = Pattern.compile("(?m)^AnonHugePages:\\s+(\\d+) kB$");

    private HostPages() {
    }

    /**
     * On PoCL, "Java heap in 2 MiB pages (1204 MiB of the process in transparent huge pages)" or "Java heap
     * in 4 KiB pages (no transparent huge pages)"; empty on other platforms, whose buffers are not the heap.
     */
    public static Optional<String> describe(String platform) {
        if (!platform.contains(KernelBuild.POCL)) {
            return Optional.empty();
        }
        return Optional.of(describe(hugeBytes(read(Path.of("/proc/self/smaps_rollup")))));
    }

    static String describe(OptionalLong hugeBytes) {
        if (hugeBytes.isEmpty()) {
            return "Java heap in pages of unknown size (/proc/self/smaps_rollup unreadable)";
        }
        long mib = hugeBytes.getAsLong() >> 20;
        return mib > 0 ? "Java heap in 2 MiB pages (" + mib + " MiB of the process in transparent huge pages)"
                : "Java heap in 4 KiB pages (no transparent huge pages)";
    }

    /**
     * A one-line warning when a measured profile's figure (its {@code source}) was taken with the heap in
     * pages of another size than this run's: its scattered reads then waited on other page walks.
     */
    public static Optional<String> mismatch(String source, String platform) {
        Optional<String> now = describe(platform).map(HostPages::pageSize);
        if (now.isEmpty() || now.get().isEmpty() || !source.contains("Java heap in ")) {
            return Optional.empty();
        }
        String then = pageSize(source.substring(source.indexOf("Java heap in ")));
        if (then.isEmpty() || then.equals(now.get())) {
            return Optional.empty();
        }
        return Optional.of("the profile was measured with the Java heap in " + then + ", this run has it in "
                + now.get() + "; its scattered reads waited on other page walks: calibrate again");
    }

    private static String pageSize(String description) {
        return description.startsWith("Java heap in 2 MiB") ? "2 MiB pages"
                : description.startsWith("Java heap in 4 KiB") ? "4 KiB pages" : "";
    }

    /** The bytes in transparent huge pages that a {@code /proc/PID/smaps_rollup} text counts. */
    static OptionalLong hugeBytes(Optional<String> smapsRollup) {
        if (smapsRollup.isEmpty()) {
            return OptionalLong.empty();
        }
        Matcher m = HUGE.matcher(smapsRollup.get());
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) << 10) : OptionalLong.empty();
    }

    /** A small text file's contents ({@code /proc}'s), or empty where it cannot be read. */
    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
