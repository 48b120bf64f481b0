package org.attnsim.reports.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.attnsim.hwmodels.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {

    @TempDir
    Path tmp;

    @Test
    void namesWithFoldersAreWrittenInsideIt() throws IOException {
        OutputFolder f = new OutputFolder(tmp.resolve("out"));
        f.add("repeats.md", "both");
        f.add("run-1/validation.csv", "a,b\n");
        f.add("run-2/validation.csv", "c,d\n");
        assertEquals(List.of("repeats.md", "run-1/validation.csv", "run-2/validation.csv"),
                List.copyOf(f.commit().keySet()));
        assertEquals("c,d\n", Files.readString(tmp.resolve("out/run-2/validation.csv")));
        try (Stream<Path> all = Files.walk(tmp)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void aFileThatCannotBeWrittenLeavesThePreviousFilesAsTheyWere() throws IOException {
        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("repeats.md"), "the last run's");
        Files.writeString(out.resolve("run-1"), "a file where the new run wants a folder");
        OutputFolder f = new OutputFolder(out);
        f.add("repeats.md", "this run's");
        f.add("run-1/validation.csv", "a,b\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, f::commit);
        assertTrue(e.getMessage().contains("cannot write the output files"), e.getMessage());
        assertEquals("the last run's", Files.readString(out.resolve("repeats.md")));
        try (Stream<Path> all = Files.walk(tmp)) {
            assertTrue(all.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file is left");
        }
    }

    @Test
    void aFolderThatCouldNotBeWrittenFailsBeforeAnythingElseAndOneThatCouldLeavesNothing() throws IOException {
        Path file = tmp.resolve("results.csv");
        Files.writeString(file, "a file where a folder would go");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new OutputFolder(file.resolve("out/run")).checkWritable());
        assertEquals(file.resolve("out/run") + ": cannot create the output folder (" + file + " is not a folder), "
                + "choose a writable folder with -o", e.getMessage());
        new OutputFolder(tmp.resolve("new/out")).checkWritable();
        new OutputFolder(tmp).checkWritable();
        try (Stream<Path> all = Files.list(tmp)) {
            assertEquals(List.of(file), all.toList(), "no folder made and no file left");
        }
    }
}
