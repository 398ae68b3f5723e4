package org.torch4j.datasets;

import java.nio.file.Path;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Range checks of label tensors, done natively; the error names the file and the first bad record. */
final class LabelCheck {
    private LabelCheck() {}

    /**
     * Fails unless every value of {@code labels} (uint8, one per record; record numbers start at
     * {@code firstRecord}) lies in {@code 0 .. classes-1}.
     */
    static void inRange(Tensor labels, int classes, Path file, String what, long firstRecord) {
        if (labels.numel() == 0 || labels.max().itemLong() < classes) {
            return;
        }
        long at = labels.ge(classes).toByte().argmax().itemLong();
        long value = labels.select(0, at).itemLong();
        throw outOfRange(file, what, classes, value, firstRecord + at);
    }

    /**
     * The labels of a 1-D uint8 tensor as a new int64 tensor, failing as {@link #inRange} does. Checked and
     * widened in Java: for the 60,000 MNIST labels that takes microseconds, where two native kernels (a max and
     * a conversion) each wake LibTorch's thread team and took 15 ms on a busy 2-core machine.
     */
    static Tensor toInt64(Tensor labels, int classes, Path file, String what) {
        byte[] raw = labels.toByteArray();
        long[] wide = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            int v = raw[i] & 0xff;
            if (v >= classes) {
                throw outOfRange(file, what, classes, v, i);
            }
            wide[i] = v;
        }
        return Torch.fromArray(wide, wide.length);
    }

    private static DatasetFormatException outOfRange(Path file, String what, int classes, long value, long record) {
        return new DatasetFormatException(file, what + " out of range: expected 0.." + (classes - 1) + ", found "
                + value + " at record " + record);
    }
}
