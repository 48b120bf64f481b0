package org.attnsim.sim.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The element-wise work an eager attention module does between its projections and the attention kernel. */
class EagerHeadPathTest {

    @Test
    void ropeUnderAutocastMovesFp32Products() {
        // bf16 x (2 B), fp32 cos/sin: x cos 2 + 4; negate half 1 + 1; cat 2 + 2; x sin 2 + 4; add 8 + 4 = 30 B.
        assertEquals(30.0, CostModel.eagerRopeBytes(2));
        // fp32 throughout: 8 + 4 + 8 + 8 + 12 = 40 B.
        assertEquals(40.0, CostModel.eagerRopeBytes(4));
    }

    @Test
    void headCopiesOfTheSqaModelUnderAutocast() {
        // One layer of the SQA paper's MHA at 1,024 x 128 (131,072 tokens, q and k and v 256 wide, bf16):
        // q and k copied in fp32 (4 + 4 B) and cast to bf16 (4 + 2 B): 14 B x 131,072 x 512 = 939,524,096 B;
        // v copied in bf16 (2 + 2 B): 4 B x 131,072 x 256 = 134,217,728 B.
        OpCost op = CostModel.eagerHeadCopies(131_072, 256, 256, 2);
        assertEquals(939_524_096.0 + 134_217_728.0, op.deviceBytes());
        assertEquals(5, op.launches());
        assertEquals(0.0, op.matrixFlops() + op.vectorOps() + op.exponentials());
    }

    @Test
    void fp32HasNoCastsLeft() {
        // q (32 wide) and k (8 wide) copied at 4 + 4 B over 16 tokens: 5,120 B; v (8 wide): 1,024 B.
        OpCost op = CostModel.eagerHeadCopies(16, 32, 8, 4);
        assertEquals(8.0 * 16 * 40 + 8.0 * 16 * 8, op.deviceBytes());
        assertEquals(3, op.launches());
    }
}
