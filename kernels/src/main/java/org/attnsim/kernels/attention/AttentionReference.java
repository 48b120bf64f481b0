package org.attnsim.kernels.attention;

/**
 * Plain attention in double precision, the yardstick of the kernels: softmax(q k^T / sqrt(d)) v per
 * (batch, query head), the query head reading KV head h_q / G, with the same causal rule as the kernel.
 */
public final class AttentionReference {

    private AttentionReference() {
    }

    public static double[] forward(AttentionShapeArgs a, float[] q, float[] k, float[] v) {
        int d = a.headDim();
        int group = a.queryHeads() / a.kvHeads();
        int offset = a.keyLength() - a.queryLength();
        double scale = 1.0 / Math.sqrt(d);
        double[] out = new double[a.queryElements()];
        double[] scores = new double[a.keyLength()];
        for (int b = 0; b < a.batch(); b++) {
            for (int h = 0; h < a.queryHeads(); h++) {
                int kvBase = (b * a.kvHeads() + h / group) * a.keyLength() * d;
                for (int i = 0; i < a.queryLength(); i++) {
                    int qBase = ((b * a.queryHeads() + h) * a.queryLength() + i) * d;
                    int visible = a.causal() ? Math.min(a.keyLength(), i + offset + 1) : a.keyLength();
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < visible; j++) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += (double) q[qBase + c] * k[kvBase + j * d + c];
                        }
                        scores[j] = s * scale;
                        max = Math.max(max, scores[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < visible; j++) {
                        scores[j] = Math.exp(scores[j] - max);
                        sum += scores[j];
                    }
                    for (int j = 0; j < visible; j++) {
                        double p = scores[j] / sum;
                        for (int c = 0; c < d; c++) {
                            out[qBase + c] += p * v[kvBase + j * d + c];
                        }
                    }
                }
            }
        }
        return out;
    }
}
