package org.torch4j.vision;

import java.util.Objects;
import org.torch4j.Device;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * torchvision's {@code make_grid}: lays a batch of images out as one picture, {@code nrow} images a row, with
 * {@code padding} pixels of {@code padValue} between and around them.
 *
 * <pre>{@code
 * Tensor batch = Torch.rand(48, 3, 32, 32);
 * Tensor grid = Grid.makeGrid(batch, GridOptions.defaults().nrow(12));   // 3 x 138 x 410
 * }</pre>
 *
 * Accepts {@code N x C x H x W}, a single {@code C x H x W} image or a single {@code H x W} one. One-channel
 * images become three identical channels; other channel counts are kept. A batch of one image is returned
 * without padding, as torchvision does (then, without {@code normalize}, the result is a view of the input).
 * The result has the input's dtype and device; the input is never changed, not even by {@code normalize}.
 */
public final class Grid {
    private Grid() {
    }

    /** {@code make_grid(tensor)} with torchvision's defaults (nrow 8, padding 2). */
    public static Tensor makeGrid(Tensor tensor) {
        return makeGrid(tensor, GridOptions.defaults());
    }

    /** {@code make_grid(tensor, nrow, padding, normalize)}. */
    public static Tensor makeGrid(Tensor tensor, int nrow, int padding, boolean normalize) {
        return makeGrid(tensor, GridOptions.defaults().nrow(nrow).padding(padding).normalize(normalize));
    }

    /** {@code make_grid} with all of torchvision's parameters. */
    public static Tensor makeGrid(Tensor tensor, GridOptions options) {
        Objects.requireNonNull(tensor, "tensor");
        Objects.requireNonNull(options, "options");
        int dim = tensor.dim();
        if (dim < 2 || dim > 4) {
            throw new IllegalArgumentException("makeGrid expects N x C x H x W, C x H x W or H x W, got shape "
                    + tensor.shape());
        }
        if (dim == 4 && tensor.size(0) == 0) {
            throw new IllegalArgumentException("makeGrid got an empty batch, shape " + tensor.shape());
        }
        if (tensor.numel() == 0) {
            throw new IllegalArgumentException("makeGrid got images with no pixels, shape " + tensor.shape());
        }
        if (options.normalize() && !tensor.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("normalize needs a floating-point tensor, got " + tensor.dtype()
                    + " (convert with toFloat() first)");
        }
        try (Scope scope = Scope.open()) {
            Tensor batch = asBatch(tensor);
            if (options.normalize()) {
                batch = batch.clone();
                if (options.scaleEach()) {
                    for (long k = 0; k < batch.size(0); k++) {
                        normalizeInPlace(batch.select(0, k), options.valueRange());
                    }
                } else {
                    normalizeInPlace(batch, options.valueRange());
                }
            }
            Tensor grid = batch.size(0) == 1 ? batch.squeeze(0) : layOut(batch, options);
            return scope.keep(grid);
        }
    }

    /** A 4-d batch view of the input with one-channel images repeated to three channels. */
    private static Tensor asBatch(Tensor t) {
        Tensor b = t;
        if (b.dim() == 2) {
            b = b.unsqueeze(0);
        }
        if (b.dim() == 3) {
            b = b.unsqueeze(0);
        }
        if (b.size(1) == 1) {
            b = Torch.cat(new Tensor[] {b, b, b}, 1);
        }
        return b;
    }

    private static void normalizeInPlace(Tensor img, double[] range) {
        double low;
        double high;
        if (range != null) {
            low = range[0];
            high = range[1];
        } else {
            low = img.min().itemDouble();
            high = img.max().itemDouble();
        }
        // the 1e-5 floor keeps a constant image finite, as torchvision does
        img.clamp_(low, high).sub_(low).div_(Math.max(high - low, 1e-5));
    }

    private static Tensor layOut(Tensor batch, GridOptions o) {
        long n = batch.size(0);
        long channels = batch.size(1);
        int padding = o.padding();
        long xmaps = Math.min(o.nrow(), n);
        long ymaps = (n + xmaps - 1) / xmaps;
        long cellH = batch.size(2) + padding;
        long cellW = batch.size(3) + padding;
        Tensor grid = Torch.full(new long[] {channels, cellH * ymaps + padding, cellW * xmaps + padding},
                o.padValue(), batch.dtype());
        if (!batch.device().equals(Device.CPU)) {
            grid = grid.to(batch.device());
        }
        for (long k = 0; k < n; k++) {
            long y = k / xmaps;
            long x = k % xmaps;
            grid.narrow(1, y * cellH + padding, cellH - padding)
                    .narrow(2, x * cellW + padding, cellW - padding)
                    .copy_(batch.select(0, k));
        }
        return grid;
    }
}
