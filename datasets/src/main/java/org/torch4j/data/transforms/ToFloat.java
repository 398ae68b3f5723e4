package org.torch4j.data.transforms;

import org.torch4j.DType;
import org.torch4j.Tensor;

/**
 * {@code uint8} images to {@code float32} in [0, 1] (divided by 255), as torchvision's {@code ToTensor}
 * does to pixel values; floating-point input is only converted to {@code float32}.
 *
 * <pre>{@code
 * Tensor x = new ToFloat().apply(images);   // uint8 0..255 -> float32 0..1
 * }</pre>
 */
public final class ToFloat implements Transform {
    @Override
    public Tensor apply(Tensor batch) {
        DType d = batch.dtype();
        if (d == DType.UINT8) {
            return batch.toFloat().div_(255.0);
        }
        if (d.isFloatingPoint()) {
            return batch.toFloat();
        }
        throw new IllegalArgumentException("toFloat expects uint8 (scaled by 1/255) or floating-point input, got " + d);
    }

    @Override
    public String toString() {
        return "ToFloat()";
    }
}
