package org.attnsim.kernels.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.attnsim.sim.workload.Phase;
import org.junit.jupiter.api.Test;

class CrossCheckBatchesTest {

    @Test
    void pointsThatFitTogetherShareOneBatch() {
        assertEquals(List.of(List.of(0, 1, 2)), CrossCheck.batches(List.of(3L, 3L, 3L), 9));
    }

    @Test
    void aBatchClosesBeforeThePointThatWouldOverflowIt() {
        assertEquals(List.of(List.of(0, 1), List.of(2, 3), List.of(4)),
                CrossCheck.batches(List.of(3L, 3L, 4L, 2L, 5L), 6));
    }

    @Test
    void aPointLargerThanTheRoomStillRunsInABatchOfItsOwn() {
        assertEquals(List.of(List.of(0), List.of(1), List.of(2)), CrossCheck.batches(List.of(1L, 10L, 1L), 5));
    }

    @Test
    void withoutOtherPointsTheBaselineRunsInOneEmptyBatch() {
        assertEquals(List.of(List.of()), CrossCheck.batches(List.of(), 5));
    }

    @Test
    void eachPhaseRunsInSetsOfItsOwnEvenWhereTheyFitTogether() {
        assertEquals(List.of(List.of(0, 1), List.of(2)), CrossCheck.setsOfCells(
                List.of(Phase.FORWARD, Phase.FORWARD, Phase.DECODE), List.of(1L, 1L, 1L), 100));
    }

    @Test
    void aPhaseTooLargeForTheRoomSplitsIntoBatchesNumberedAcrossThePhases() {
        assertEquals(List.of(List.of(0), List.of(1, 2), List.of(3)), CrossCheck.setsOfCells(
                List.of(Phase.FORWARD, Phase.DECODE, Phase.DECODE, Phase.DECODE), List.of(5L, 2L, 3L, 4L), 6));
    }

    @Test
    void noCellsGiveNoSets() {
        assertEquals(List.of(), CrossCheck.setsOfCells(List.of(), List.of(), 5));
    }
}
