package org.attnsim.kernels.attention;

/**
 * What SparQ's top-k kernels share: which of {@code buckets} equal buckets of an interval a score falls in,
 * the interval's edges computed the same way wherever a bucket is decided, so that a round's counts and the
 * interval it keeps agree score for score. (A base class: an Aparapi kernel can call only its own methods
 * and its superclasses'.)
 */
abstract class ValueBuckets extends FmaExponential {

    /** The bucket of s among {@code buckets} from lo, each {@code width} wide: boundaries lo + i x width. */
    int bucket(float s, float lo, float width, int buckets) {
        int bkt = width > 0f ? (int) ((s - lo) / width) : 0;
        bkt = min(buckets - 1, max(0, bkt));
        while (bkt < buckets - 1 && s >= lo + (bkt + 1) * width) {
            bkt++;
        }
        while (bkt > 0 && s < lo + bkt * width) {
            bkt--;
        }
        return bkt;
    }
}
