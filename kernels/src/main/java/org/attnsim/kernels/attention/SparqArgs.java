package org.attnsim.kernels.attention;

/** SparQ's settings for the kernels: r components, k rows, local window, K stored twice, v_bar mix. */
public record SparqArgs(int r, int k, int window, boolean keyTwice, boolean meanValue) {
}
