package org.attnsim.kernels.micro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnPiecesTest {

    @Test
    void everyPageIsReadOnceAndEachItemReadsItsRowOfEveryColumnOfItsBlock() {
        int items = 64;
        int columns = 8;
        int perBlock = 16;
        int[] pages = Microbenchmarks.columnPieces(items, columns, perBlock, new Random(3));
        int[] reads = new int[items * columns];
        for (int i = 0; i < items; i++) {
            boolean[] seen = new boolean[columns];
            for (int c = 0; c < columns; c++) {
                int page = pages[i * columns + c];
                reads[page]++;
                int block = page / (columns * perBlock);
                int column = page / perBlock % columns;
                assertEquals(i / perBlock, block, "item " + i + " stays in its block");
                assertEquals(i % perBlock, page % perBlock, "item " + i + " reads its own piece of the column");
                seen[column] = true;
            }
            for (boolean s : seen) {
                assertTrue(s, "item " + i + " reads every column");
            }
        }
        for (int r : reads) {
            assertEquals(1, r);
        }
    }
}
