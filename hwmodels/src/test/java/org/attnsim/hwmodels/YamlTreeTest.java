package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class YamlTreeTest {

    private static InvalidInputException failure(String yaml) {
        return assertThrows(InvalidInputException.class, () -> YamlTree.read(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "s.yaml", "a scenario mapping"));
    }

    @Test
    void aSyntaxErrorIsOneLineNamingItsLineColumnAndProblem() {
        InvalidInputException e = failure("name: x\n  bad: [\n");
        assertEquals("s.yaml: not valid YAML at line 2, column 6 (mapping values are not allowed here), "
                + "expected a scenario mapping", e.getMessage());
    }

    @Test
    void anUnclosedListSaysWhatItWasParsingAndWhatItFound() {
        InvalidInputException e = failure("name: x\nvariants: [mha\n");
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals("not valid YAML at line 3, column 1 (while parsing a flow sequence: expected ',' or ']', "
                + "but got <stream end>)", e.what());
    }

    @Test
    void aKeyGivenTwiceIsAnErrorNotTheLastValue() {
        InvalidInputException top = failure("name: x\nname: y\n");
        assertEquals("not valid YAML at line 2, column 5 (Duplicate field 'name')", top.what());
        InvalidInputException nested = failure("workload:\n  seqLen: 4096\n  batch: 8\n  seqLen: 8192\n");
        assertEquals("not valid YAML at line 4, column 9 (Duplicate field 'seqLen')", nested.what());
    }
}
