package org.torch4j.examples;

import static org.torch4j.Torch.*;

import org.torch4j.Autograd;
import org.torch4j.Linalg;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/** The README's tour, runnable: {@code java -cp ... org.torch4j.examples.Tour}. */
public final class Tour {
    private Tour() {}

    public static void main(String[] args) {
        // Tensors print like PyTorch.
        Tensor x = empty(2, 5).fill_(1.125);
        System.out.println(x.size());                    // torch.Size([2, 5])
        System.out.println(x.mean() + " " + x.std());    // tensor(1.1250) tensor(0.)
        System.out.println(x.sum().item());              // 11.25

        // Views share storage with their base.
        Tensor m = tensor(new long[][] {{1, 3, 0}, {2, 4, 6}});
        System.out.println(m.narrow(1, 1, 2));           // tensor([[3, 0], [4, 6]])
        System.out.println(m.t().contiguous().view(-1)); // tensor([1, 2, 3, 4, 0, 6])

        // Autograd.
        Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
        Tensor u = tensor(10f, 20f).requiresGrad_();
        Tensor a = t.pow(2).sum().add(u.log().sum());
        Tensor[] g = Autograd.grad(a, t, u);
        System.out.println(g[0] + " " + g[1]);           // tensor([2., 4., 8.]) tensor([0.1000, 0.0500])

        // Least squares: mm(m, q) reproduces y.
        manualSeed(0);
        Tensor y = empty(3).normal_();
        Tensor mat = empty(3, 3).normal_();
        Tensor q = Linalg.lstsq(mat, y.view(3, 1)).solution();
        System.out.println(mm(mat, q).view(-1).allclose(y, 1e-4, 1e-5));   // true

        // A network, printed like PyTorch.
        LectureNet net = new LectureNet();
        System.out.println(net);
        System.out.println(net.forward(randn(2, 1, 28, 28)).size());   // torch.Size([2, 10])

        // Native memory: a scope releases what was created inside it.
        long before = memory().liveTensors();
        try (var scope = Scope.open()) {
            for (int i = 0; i < 1000; i++) {
                x.mul(2).add(1);
            }
        }
        System.out.println(memory().liveTensors() - before);   // 0
    }
}
