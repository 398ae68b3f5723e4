package org.torch4j.examples.lecture;

import static org.torch4j.Torch.*;

import java.io.PrintStream;
import org.torch4j.Linalg;
import org.torch4j.Tensor;

/**
 * The lecture's "Tensor basics": {@code empty}, {@code fill_}, {@code mean}, {@code std}, {@code sum},
 * {@code item}, a least-squares solve that reproduces {@code y} (the slides' {@code torch.gels}, today
 * {@code torch.linalg.lstsq}), and dtypes and devices. The output is what PyTorch prints for the same session
 * (checked by {@code TensorBasicsTest} against a file PyTorch wrote).
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.lecture.TensorBasics
 * }</pre>
 */
public final class TensorBasics {
    private TensorBasics() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints the session to {@code out}. */
    public static void run(PrintStream out) {
        Tensor x = empty(2, 5);
        Show.show(out, "x.size()", x.size());
        Show.show(out, "x.fill_(1.125)", x.fill_(1.125));
        Show.show(out, "x.mean()", x.mean());
        Show.show(out, "x.std()", x.std());
        Show.show(out, "x.sum()", x.sum());
        Show.show(out, "x.sum().item()", x.sum().item());

        // Seeded so that the numbers are PyTorch's for torch.manual_seed(0): the CPU generator is the same.
        manualSeed(0);
        Tensor y = empty(3).normal_();
        Tensor m = empty(3, 3).normal_();
        Show.show(out, "y", y);
        Tensor q = Linalg.lstsq(m, y.view(3, 1)).solution();
        Show.show(out, "torch.mm(m, q)", mm(m, q));

        Tensor z = zeros(1, 3);
        Show.show(out, "x.dtype, x.device", "(" + z.dtype() + ", " + z.device() + ")");
        z = z.toLong();
        Show.show(out, "x.dtype, x.device", "(" + z.dtype() + ", " + z.device() + ")");
        // The lecture then moves x to 'cuda'; that line only runs where a GPU is present.
        if (cuda().isAvailable()) {
            z = z.to(org.torch4j.Device.cuda(0));
            Show.show(out, "x.to('cuda').dtype, x.device", "(" + z.dtype() + ", " + z.device() + ")");
        }
    }
}
