package org.attnsim.sim.model;

import org.attnsim.hwmodels.InvalidInputException;

/**
 * The head layout of one attention layer. {@code heads} is the MHA baseline's head count H, which fixes
 * d_head = d_model / H for every variant (SQA paper, section 3); {@code queryHeads} (H_q) and
 * {@code kvHeads} (H_kv) are what a variant actually uses. Each KV head serves H_q / H_kv query heads.
 */
public record AttentionShape(int dModel, int heads, int queryHeads, int kvHeads) {

    /** Checks the layout; {@code where} names the file or option for the error. */
    public static AttentionShape of(int dModel, int heads, int queryHeads, int kvHeads, String where) {
        positive(dModel, "d_model", where);
        positive(heads, "heads", where);
        positive(queryHeads, "query heads", where);
        positive(kvHeads, "kv heads", where);
        if (dModel % heads != 0) {
            throw new InvalidInputException(where, "heads " + heads + " do not divide d_model " + dModel,
                    "d_model must be a multiple of heads (d_head = d_model / heads)");
        }
        if (kvHeads > queryHeads) {
            throw new InvalidInputException(where, "kv heads " + kvHeads + " exceed query heads " + queryHeads,
                    "allowed: 1 <= kv heads <= query heads (rSQA's repeated queries are not modelled)");
        }
        if (queryHeads % kvHeads != 0) {
            throw new InvalidInputException(where, "query heads " + queryHeads + " are not a multiple of kv heads "
                    + kvHeads, "each kv head must serve a whole group of query heads");
        }
        return new AttentionShape(dModel, heads, queryHeads, kvHeads);
    }

    private static void positive(int value, String name, String where) {
        if (value < 1) {
            throw new InvalidInputException(where, name + " is " + value, "must be a positive whole number");
        }
    }

    public int headDim() {
        return dModel / heads;
    }

    /** Query heads per KV head, G = H_q / H_kv. */
    public int groupSize() {
        return queryHeads / kvHeads;
    }
}
