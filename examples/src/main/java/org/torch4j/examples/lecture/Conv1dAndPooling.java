package org.torch4j.examples.lecture;

import static org.torch4j.Torch.*;

import java.io.PrintStream;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * The lecture's 1d convolution and pooling examples: {@code (1, 2, 3, 4) ⊛ (3, 2) = (7, 12, 17)}, the step
 * detector {@code (0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4) ⊛ (-1, 1)}, {@code max_pool2d} with kernel {@code (1, 2)} on
 * the slide's 2 x 2 x 6 tensor, and the output size of {@code conv2d} on a 117 x 4 x 10 x 3 batch. Output as
 * PyTorch prints it (checked by {@code Conv1dAndPoolingTest}).
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.lecture.Conv1dAndPooling
 * }</pre>
 */
public final class Conv1dAndPooling {
    private Conv1dAndPooling() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints each expression and its value to {@code out}. */
    public static void run(PrintStream out) {
        // conv1d computes the lecture's (x ⊛ u)_i = sum_j x_{i-1+j} u_j: a cross-correlation, no kernel flip.
        Show.show(out, "F.conv1d(tensor([[[1., 2., 3., 4.]]]), tensor([[[3., 2.]]]))",
                F.conv1d(tensor(1f, 2f, 3f, 4f).view(1, 1, 4), tensor(3f, 2f).view(1, 1, 2)));
        Show.show(out, "F.conv1d(tensor([[[0., 0., 0., 0., 1., 2., 3., 4., 4., 4., 4.]]]), tensor([[[-1., 1.]]]))",
                F.conv1d(tensor(0f, 0f, 0f, 0f, 1f, 2f, 3f, 4f, 4f, 4f, 4f).view(1, 1, 11),
                        tensor(-1f, 1f).view(1, 1, 2)));

        // The slide's x = torch.empty(2, 2, 6).random_(3), written out so that the output is the slide's.
        Tensor x = tensor(new float[][][] {
                {{1, 2, 2, 1, 2, 1}, {2, 0, 0, 0, 1, 0}},
                {{2, 0, 2, 1, 1, 1}, {0, 0, 0, 1, 2, 1}}});
        Show.show(out, "x", x);
        Show.show(out, "F.max_pool2d(x, (1, 2))", F.maxPool2d(x, new long[] {1, 2}));

        Tensor weight = empty(5, 4, 2, 3).normal_();
        Tensor bias = empty(5).normal_();
        Tensor input = empty(117, 4, 10, 3).normal_();
        Show.show(out, "F.conv2d(input, weight, bias).size()", F.conv2d(input, weight, bias).size());
    }
}
