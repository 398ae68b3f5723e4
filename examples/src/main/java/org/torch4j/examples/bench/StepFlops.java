package org.torch4j.examples.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The analytic floating-point work of one SGD training step of the benchmarked networks, counted over
 * the convolutions and linear layers (pooling, activations, batch norm, the loss and the SGD update are
 * under 1% and left out). For a layer with {@code M} multiply-adds per sample, the forward pass costs
 * {@code 2M} FLOPs, the weight gradient {@code 2M} and the input gradient {@code 2M}, except for the first
 * layer, whose input needs no gradient. So a step is {@code 2 * batch * (3 * sum(M) - M_first)}.
 *
 * <pre>{@code
 * StepFlops f = StepFlops.of("mnist-lecture");
 * double mflop = f.flopsPerStep(100) / 1e6;   // 707.8
 * }</pre>
 *
 * @param model  the CLI's model name
 * @param layers the layers in forward order
 */
public record StepFlops(String model, List<Layer> layers) {
    /** One convolution or linear layer and its multiply-adds per sample. */
    public record Layer(String name, String shape, long macs) {}

    public static StepFlops of(String model) {
        List<Layer> l = new ArrayList<>();
        switch (model) {
            case "mnist-lecture" -> {
                conv(l, "conv1", 1, 32, 5, 24);
                conv(l, "conv2", 32, 64, 5, 4);
                linear(l, "fc1", 256, 200);
                linear(l, "fc2", 200, 10);
            }
            case "cifar-lecture" -> {
                conv(l, "conv1", 3, 32, 5, 28);
                conv(l, "conv2", 32, 64, 5, 5);
                linear(l, "fc1", 256, 200);
                linear(l, "fc2", 200, 10);
            }
            case "cifar-resnet" -> {
                conv(l, "conv1", 3, 16, 3, 32);
                conv(l, "layer1.conv1", 16, 16, 3, 32);
                conv(l, "layer1.conv2", 16, 16, 3, 32);
                conv(l, "layer2.conv1", 16, 32, 3, 16);
                conv(l, "layer2.conv2", 32, 32, 3, 16);
                conv(l, "layer2.shortcutConv", 16, 32, 1, 16);
                conv(l, "layer3.conv1", 32, 64, 3, 8);
                conv(l, "layer3.conv2", 64, 64, 3, 8);
                conv(l, "layer3.shortcutConv", 32, 64, 1, 8);
                linear(l, "fc", 64, 10);
            }
            default -> throw new IllegalArgumentException("no FLOP count for model '" + model + "'");
        }
        return new StepFlops(model, List.copyOf(l));
    }

    private static void conv(List<Layer> l, String name, int in, int out, int k, int outSize) {
        l.add(new Layer(name, String.format(Locale.ROOT, "conv %d->%d k%d, out %dx%d", in, out, k, outSize, outSize),
                (long) out * outSize * outSize * in * k * k));
    }

    private static void linear(List<Layer> l, String name, int in, int out) {
        l.add(new Layer(name, "linear " + in + "->" + out, (long) in * out));
    }

    /** Multiply-adds of one sample's forward pass. */
    public long forwardMacsPerSample() {
        return layers.stream().mapToLong(Layer::macs).sum();
    }

    /** FLOPs of one training step (forward, backward, no input gradient for the first layer). */
    public double flopsPerStep(int batch) {
        return 2.0 * batch * (3 * forwardMacsPerSample() - layers.get(0).macs());
    }

    /** A one-paragraph derivation for the report. */
    public String derivation(int batch) {
        StringBuilder sb = new StringBuilder();
        for (Layer layer : layers) {
            if (sb.length() > 0) {
                sb.append(" + ");
            }
            sb.append(String.format(Locale.ROOT, "%s (%s) %,d", layer.name(), layer.shape(), layer.macs()));
        }
        return String.format(Locale.ROOT, "%s: multiply-adds per sample %s = %,d; step = 2 x %d x (3 x %,d - %,d) = %.1f MFLOP",
                model, sb, forwardMacsPerSample(), batch, forwardMacsPerSample(), layers.get(0).macs(),
                flopsPerStep(batch) / 1e6);
    }
}
