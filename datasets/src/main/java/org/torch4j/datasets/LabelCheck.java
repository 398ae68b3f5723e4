package org.torch4j.datasets;

import java.nio.file.Path;
import org.torch4j.Tensor;

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
        throw new DatasetFormatException(file, what + " out of range: expected 0.." + (classes - 1) + ", found "
                + value + " at record " + (firstRecord + at));
    }
}
