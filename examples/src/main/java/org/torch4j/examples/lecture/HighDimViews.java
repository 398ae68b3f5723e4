package org.torch4j.examples.lecture;

import static org.torch4j.Torch.tensor;

import java.io.PrintStream;
import org.torch4j.Tensor;

/**
 * The lecture's "High dimension tensors" pictures as printed tensors: {@code view}, {@code narrow}, {@code t} and
 * {@code expand} on {@code [[1, 3, 0], [2, 4, 6]]}, then {@code narrow} and {@code transpose} on the 2 x 2 x 3
 * tensor. Every result is a view sharing the base's storage; they print as PyTorch prints them (checked by
 * {@code HighDimViewsTest} against PyTorch's own output).
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.lecture.HighDimViews
 * }</pre>
 */
public final class HighDimViews {
    private HighDimViews() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints each expression and its value to {@code out}. */
    public static void run(PrintStream out) {
        Tensor x = tensor(new long[][] {{1, 3, 0}, {2, 4, 6}});
        Show.show(out, "x", x);
        Show.show(out, "x.view(-1)", x.view(-1));
        Show.show(out, "x.view(3, -1)", x.view(3, -1));
        Show.show(out, "x.narrow(1, 1, 2)", x.narrow(1, 1, 2));
        Show.show(out, "x.t()", x.t());
        Show.show(out, "x.view(1, 2, 3).expand(3, 2, 3)", x.view(1, 2, 3).expand(3, 2, 3));

        x = tensor(new long[][][] {{{1, 2, 1}, {2, 1, 2}}, {{3, 0, 3}, {0, 3, 0}}});
        Show.show(out, "x", x);
        Show.show(out, "x.narrow(0, 0, 1)", x.narrow(0, 0, 1));
        Show.show(out, "x.narrow(2, 0, 2)", x.narrow(2, 0, 2));
        Show.show(out, "x.transpose(0, 1)", x.transpose(0, 1));
        Show.show(out, "x.transpose(0, 2)", x.transpose(0, 2));
        Show.show(out, "x.transpose(1, 2)", x.transpose(1, 2));
    }
}
