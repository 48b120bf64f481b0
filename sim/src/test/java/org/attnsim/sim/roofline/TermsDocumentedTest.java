package org.attnsim.sim.roofline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every timing term is named where users switch terms (the scenario schema) and described in the main README. */
class TermsDocumentedTest {

    @Test
    void everyTermIsInTheScenarioSchemaAndTheReadmesTable() throws IOException {
        // Surefire runs in the module's folder; the documents are the repository's.
        String schema = Files.readString(Path.of("..", "scenarios", "README.md"));
        String readme = Files.readString(Path.of("..", "README.md"));
        for (Term t : Term.values()) {
            assertTrue(schema.contains("`" + t.id() + "`"), t.id() + " missing from scenarios/README.md");
            assertTrue(readme.contains("| `" + t.id() + "` |"), t.id() + " missing from the README's table of terms");
        }
    }
}
