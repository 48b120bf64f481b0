package org.attnsim.sim.model;

import org.attnsim.hwmodels.InvalidInputException;

/** The rest of a decoder-only transformer around its attention: layers, FFN and vocabulary. */
public record ModelSpec(int layers, FfnKind ffn, int ffnHidden, int vocab) {

    public static ModelSpec of(int layers, FfnKind ffn, int ffnHidden, int vocab, String where) {
        if (layers < 1) {
            throw new InvalidInputException(where, "layers = " + layers, "must be a positive whole number");
        }
        if (ffnHidden < 1) {
            throw new InvalidInputException(where, "ffn hidden size = " + ffnHidden, "must be a positive whole number");
        }
        if (vocab < 1) {
            throw new InvalidInputException(where, "vocabulary = " + vocab, "must be a positive whole number");
        }
        return new ModelSpec(layers, ffn, ffnHidden, vocab);
    }
}
