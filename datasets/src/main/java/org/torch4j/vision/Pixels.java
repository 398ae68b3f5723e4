package org.torch4j.vision;

import org.torch4j.DType;
import org.torch4j.Tensor;

/** The one float-to-byte rule of the package, shared by saving and BufferedImage conversion. */
final class Pixels {
    private Pixels() {
    }

    /**
     * uint8 pixels of {@code t}: uint8 as is; floating point read as [0, 1] and mapped as torchvision's
     * save_image does, {@code x * 255 + 0.5} clamped to [0, 255] and truncated (so rounded to nearest).
     */
    static Tensor toUint8(Tensor t, String what) {
        if (t.dtype() == DType.UINT8) {
            return t;
        }
        if (!t.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException(what + " needs uint8 pixels or floating-point ones in [0, 1], got "
                    + t.dtype() + " of shape " + t.shape());
        }
        return t.mul(255.0).add_(0.5).clamp_(0, 255).to(DType.UINT8);
    }
}
