package org.attnsim.reports.table;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * Writes a run's files all or nothing: every file is rendered in memory first, written under a
 * temporary name in the same folder and then moved into place, so a reader never sees a half-written
 * file and a failed run leaves the previous files as they were. A name may hold folders ("run-1/report.pdf"):
 * they are made inside this folder.
 */
public final class OutputFolder {

    private final Path dir;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public OutputFolder(Path dir) {
        this.dir = dir;
    }

    public void add(String name, String text) {
        files.put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public void add(String name, byte[] bytes) {
        files.put(name, bytes.clone());
    }

    /** Temporary files are private (0600); the results are ordinary files for everyone to read. */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /**
     * Fails now where the files could not be written later, so that a long measurement does not end on an error it
     * could have given first: where the nearest of the folder and its parents that exists is not a folder, or no file
     * can be created in it (one is created there and deleted). Leaves nothing behind.
     */
    public void checkWritable() {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw cannotCreate(existing == null ? "no part of the path exists" : existing + " is not a folder");
        }
        try {
            Files.delete(Files.createTempFile(existing, ".attnsim-check.", ".tmp"));
        } catch (IOException e) {
            throw cannotWrite(e);
        }
    }

    /** Writes everything; returns the paths written, in order. */
    public Map<String, Path> commit() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw cannotCreate(e.getMessage());
        }
        Map<String, Path> temps = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
                temps.put(f.getKey(), tmp);
                Files.write(tmp, f.getValue());
                readableByAll(tmp);
            }
            Map<String, Path> written = new LinkedHashMap<>();
            for (Map.Entry<String, Path> t : temps.entrySet()) {
                Path target = dir.resolve(t.getKey());
                try {
                    Files.move(t.getValue(), target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(t.getValue(), target, StandardCopyOption.REPLACE_EXISTING);
                }
                written.put(t.getKey(), target);
            }
            return written;
        } catch (IOException e) {
            for (Path tmp : temps.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the error below is what the user needs to see
                }
            }
            throw cannotWrite(e);
        }
    }

    private InvalidInputException cannotCreate(String why) {
        return new InvalidInputException(dir.toString(), "cannot create the output folder (" + why + ")",
                "choose a writable folder with -o");
    }

    private InvalidInputException cannotWrite(IOException e) {
        return new InvalidInputException(dir.toString(), "cannot write the output files (" + e.getMessage() + ")",
                "choose a writable folder with -o");
    }
}
