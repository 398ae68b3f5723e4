package org.torch4j.examples.lecture;

import static org.torch4j.Torch.*;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.torch4j.Autograd;
import org.torch4j.Tensor;

/**
 * The lecture's "Autograd" section: {@code requires_grad} propagation, {@code torch.autograd.grad},
 * {@code backward()} accumulating into {@code .grad}, the DAG of three operators, the dynamic graph of
 * {@code blah(k, x)} (the graph is whatever the forward pass did, loop included), and the two-layer tanh MLP, whose
 * autograd gradients are compared with the chain rule written by hand.
 *
 * <pre>{@code
 * mvn -q -pl examples exec:java -Dexec.mainClass=org.torch4j.examples.lecture.AutogradExamples
 * }</pre>
 */
public final class AutogradExamples {
    private AutogradExamples() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints each step to {@code out}. */
    public static void run(PrintStream out) {
        manualSeed(0);
        requiresGradFlags(out);
        grad(out);
        backwardAccumulates(out);
        dag(out);
        dynamicGraph(out);
        mlp(out);
    }

    private static void requiresGradFlags(PrintStream out) {
        Tensor x = tensor(1f, 2f);
        Tensor y = tensor(4f, 5f);
        Tensor z = tensor(7f, 3f);
        Show.show(out, "x.requires_grad", x.requiresGrad());
        Show.show(out, "(x + y).requires_grad", x.add(y).requiresGrad());
        z.requiresGrad_();
        Show.show(out, "(x + z).requires_grad", x.add(z).requiresGrad());
    }

    private static void grad(PrintStream out) {
        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor u = tensor(10f, 20f).requiresGrad_();
        Tensor a = t.pow(2).sum().add(u.log().sum());
        Tensor[] g = Autograd.grad(a, t, u);
        Show.show(out, "torch.autograd.grad(a, (t, u))", "(" + g[0] + ", " + g[1] + ")");
    }

    private static void backwardAccumulates(PrintStream out) {
        Tensor x = tensor(-3f, 2f, 5f).requiresGrad_();
        Tensor u = x.pow(3).sum();
        Show.show(out, "x.grad", x.grad() == null ? "None" : x.grad());
        u.backward();
        Show.show(out, "x.grad", x.grad());
        // A second backward adds to .grad instead of replacing it: that is why training loops zero the gradients.
        x.pow(3).sum().backward();
        Show.show(out, "x.grad  # after a second backward", x.grad());
    }

    private static void dag(PrintStream out) {
        Tensor w1 = rand(5, 5).requiresGrad_();
        Tensor w2 = rand(5, 5).requiresGrad_();
        Tensor x = empty(5).normal_();
        Tensor x0 = x;
        Tensor x1 = w1.matmul(x0);
        Tensor x2 = x0.add(w2.matmul(x1));
        Tensor x3 = w1.matmul(x1.add(x2));
        Tensor q = x3.norm();
        q.backward();
        // w1 is used twice (phi1 and phi3): its gradient sums both paths.
        Show.show(out, "w1.grad.size(), w2.grad.size()", "(" + w1.grad().size() + ", " + w2.grad().size() + ")");
    }

    private static Tensor blah(Tensor w, int k, Tensor x) {
        for (int i = 0; i < k; i++) {
            x = tanh(w.select(0, i).matmul(x));
        }
        return x;
    }

    private static void dynamicGraph(PrintStream out) {
        Tensor w = rand(3, 10, 10).requiresGrad_();
        Tensor u = blah(w, 1, rand(10));
        Tensor v = blah(w, 3, rand(10));
        u.dot(v).backward();
        Show.show(out, "[w.grad[i].norm() > 0 for i in range(3)]  # blah(1, .) . blah(3, .)", usedSlices(w));
        w.clearGrad();
        blah(w, 1, rand(10)).dot(blah(w, 2, rand(10))).backward();
        Show.show(out, "[w.grad[i].norm() > 0 for i in range(3)]  # blah(1, .) . blah(2, .)", usedSlices(w));
    }

    private static List<Boolean> usedSlices(Tensor w) {
        List<Boolean> used = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            used.add(w.grad().select(0, i).norm().itemDouble() > 0);
        }
        return used;
    }

    private static void mlp(PrintStream out) {
        Tensor w1 = rand(20, 10).requiresGrad_();
        Tensor b1 = rand(20).requiresGrad_();
        Tensor w2 = rand(5, 20).requiresGrad_();
        Tensor b2 = rand(5).requiresGrad_();
        Tensor x = rand(10);
        Tensor h = tanh(w1.matmul(x).add(b1));
        Tensor y = tanh(w2.matmul(h).add(b2));
        Tensor target = rand(5);
        Tensor loss = y.sub(target).pow(2).mean();
        loss.backward();
        Show.show(out, "loss", loss);

        // The same gradients by the chain rule, layer by layer, as the lecture's backward pass derives them.
        try (var noGrad = Autograd.noGrad()) {
            Tensor dy = y.sub(target).mul(2.0 / 5);
            Tensor dz2 = dy.mul(y.pow(2).neg().add(1));       // tanh' = 1 - tanh^2
            Tensor dw2 = dz2.outer(h);
            Tensor dh = w2.t().matmul(dz2);
            Tensor dz1 = dh.mul(h.pow(2).neg().add(1));
            Tensor dw1 = dz1.outer(x);
            boolean same = w1.grad().allclose(dw1, 1e-5, 1e-6) && b1.grad().allclose(dz1, 1e-5, 1e-6)
                    && w2.grad().allclose(dw2, 1e-5, 1e-6) && b2.grad().allclose(dz2, 1e-5, 1e-6);
            Show.show(out, "autograd's gradients == the chain rule by hand", same);
        }
    }
}
