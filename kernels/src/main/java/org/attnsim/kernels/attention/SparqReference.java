package org.attnsim.kernels.attention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * SparQ Attention in double precision, the yardstick of the kernels, with the same rules: i1 from |q|
 * summed over the group, per-head temperature and approximate softmax, rows chosen on the group-summed
 * scores (the last {@code window} positions, then the largest, ties to the lower index), alpha per head,
 * and the mean value v_bar over the cache.
 */
public final class SparqReference {

    /** The output [B][H_q][d] and the chosen rows per (batch, KV head), sorted. */
    public record Result(double[] output, int[][] selected) {
    }

    private SparqReference() {
    }

    public static Result decode(AttentionShapeArgs a, SparqArgs s, float[] q, float[] k, float[] v) {
        int d = a.headDim();
        int len = a.keyLength();
        int group = a.queryHeads() / a.kvHeads();
        double[] out = new double[a.queryElements()];
        int[][] chosen = new int[a.batch() * a.kvHeads()][];
        for (int b = 0; b < a.batch(); b++) {
            for (int kvh = 0; kvh < a.kvHeads(); kvh++) {
                int gid = b * a.kvHeads() + kvh;
                int kvBase = s.rowStart() + gid * len * d;
                double[] absSum = new double[d];
                for (int g = 0; g < group; g++) {
                    for (int c = 0; c < d; c++) {
                        absSum[c] += Math.abs(q[((b * a.queryHeads()) + kvh * group + g) * d + c]);
                    }
                }
                Integer[] order = new Integer[d];
                for (int c = 0; c < d; c++) {
                    order[c] = c;
                }
                Arrays.sort(order, Comparator.comparingDouble((Integer c) -> -absSum[c]).thenComparingInt(c -> c));
                int[] i1 = new int[s.r()];
                for (int t = 0; t < s.r(); t++) {
                    i1[t] = order[t];
                }
                double[][] approx = new double[group][len];
                double[] groupScore = new double[len];
                for (int g = 0; g < group; g++) {
                    int qBase = (b * a.queryHeads() + kvh * group + g) * d;
                    double all = 0;
                    double part = 0;
                    for (int c = 0; c < d; c++) {
                        all += Math.abs(q[qBase + c]);
                    }
                    for (int c : i1) {
                        part += Math.abs(q[qBase + c]);
                    }
                    double tau = Math.sqrt(d * part / all);
                    for (int j = 0; j < len; j++) {
                        double x = 0;
                        for (int c : i1) {
                            x += (double) q[qBase + c] * k[kvBase + j * d + c];
                        }
                        approx[g][j] = x / tau;
                        groupScore[j] += approx[g][j];
                    }
                }
                int candidates = len - s.window();
                Integer[] rank = new Integer[candidates];
                for (int j = 0; j < candidates; j++) {
                    rank[j] = j;
                }
                Arrays.sort(rank, Comparator.comparingDouble((Integer j) -> -groupScore[j]).thenComparingInt(j -> j));
                List<Integer> rows = new ArrayList<>();
                for (int t = 0; t < s.k() - s.window(); t++) {
                    rows.add(rank[t]);
                }
                for (int j = candidates; j < len; j++) {
                    rows.add(j);
                }
                chosen[gid] = rows.stream().mapToInt(Integer::intValue).sorted().toArray();
                double[] vbar = new double[d];
                for (int j = 0; j < len; j++) {
                    for (int c = 0; c < d; c++) {
                        vbar[c] += v[kvBase + j * d + c] / (double) len;
                    }
                }
                for (int g = 0; g < group; g++) {
                    int qBase = (b * a.queryHeads() + kvh * group + g) * d;
                    double max = Arrays.stream(approx[g]).max().orElseThrow();
                    double total = 0;
                    for (int j = 0; j < len; j++) {
                        total += Math.exp(approx[g][j] - max);
                    }
                    double mass = 0;
                    double[] sc = new double[rows.size()];
                    double m = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t < rows.size(); t++) {
                        int j = rows.get(t);
                        mass += Math.exp(approx[g][j] - max);
                        double x = 0;
                        for (int c = 0; c < d; c++) {
                            x += (double) q[qBase + c] * k[kvBase + j * d + c];
                        }
                        sc[t] = x / Math.sqrt(d);
                        m = Math.max(m, sc[t]);
                    }
                    double sum = 0;
                    for (int t = 0; t < sc.length; t++) {
                        sc[t] = Math.exp(sc[t] - m);
                        sum += sc[t];
                    }
                    double alpha = mass / total;
                    for (int c = 0; c < d; c++) {
                        double y = 0;
                        for (int t = 0; t < sc.length; t++) {
                            y += sc[t] / sum * v[kvBase + rows.get(t) * d + c];
                        }
                        out[qBase + c] = s.meanValue() ? alpha * y + (1 - alpha) * vbar[c] : y;
                    }
                }
            }
        }
        return new Result(out, chosen);
    }
}
