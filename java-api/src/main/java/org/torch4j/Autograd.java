package org.torch4j;

import java.util.Objects;
import org.bytedeco.pytorch.AutoGradMode;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * LibTorch's autograd, as {@code torch.autograd}: gradients of outputs with respect to inputs, and
 * switching gradient recording off for a block.
 *
 * <pre>{@code
 * Tensor t = tensor(1f, 2f, 4f).requiresGrad_();
 * Tensor u = tensor(10f, 20f).requiresGrad_();
 * Tensor a = t.pow(2).sum().add(u.log().sum());
 * Tensor[] g = Autograd.grad(a, t, u);      // [2, 4, 8] and [0.1, 0.05]
 *
 * try (var noGrad = Autograd.noGrad()) {
 *     w.sub_(w.grad().mul(0.1));             // not recorded
 * }
 * }</pre>
 */
public final class Autograd {
    static {
        Ops.init();
    }

    private Autograd() {}

    /** A block in which (no) gradients are recorded, closed on the thread that opened it. */
    public static final class Mode implements AutoCloseable {
        private final AutoGradMode guard;
        private final Thread thread = Thread.currentThread();

        private Mode(boolean enabled) {
            this.guard = new AutoGradMode(enabled);
        }

        /** Restores the previous mode. */
        @Override
        public void close() {
            if (Thread.currentThread() != thread) {
                throw new IllegalStateException("a grad mode block must be closed on the thread that opened it");
            }
            guard.close();
        }
    }

    /** {@code with torch.no_grad():}, as try-with-resources. */
    public static Mode noGrad() {
        return new Mode(false);
    }

    /** {@code with torch.enable_grad():}, as try-with-resources. */
    public static Mode enableGrad() {
        return new Mode(true);
    }

    public static boolean isGradEnabled() {
        return GradMode.is_enabled();
    }

    /**
     * Gradients of {@code output} with respect to each input; one tensor per input, even for a single one
     * (as PyTorch returns a one-element tuple).
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(new Tensor[] {output}, inputs, null, false, false);
    }

    /**
     * Gradients of the sum of {@code outputs} with respect to each input.
     *
     * @param gradOutputs gradients of the outputs (null for scalars: ones)
     * @param retainGraph keep the graph for another backward pass
     * @param createGraph record the backward pass, for higher-order derivatives
     */
    public static Tensor[] grad(Tensor[] outputs, Tensor[] inputs, Tensor[] gradOutputs,
            boolean retainGraph, boolean createGraph) {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(inputs, "inputs");
        if (outputs.length == 0 || inputs.length == 0) {
            throw new IllegalArgumentException("grad needs at least one output and one input, got "
                    + outputs.length + " and " + inputs.length);
        }
        if (gradOutputs != null && gradOutputs.length != outputs.length) {
            throw new IllegalArgumentException("grad got " + outputs.length + " outputs but "
                    + gradOutputs.length + " output gradients");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!inputs[i].requiresGrad()) {
                throw new IllegalArgumentException("input " + i + " of grad does not require grad: call requiresGrad_() on it");
            }
        }
        try (TensorVector out = Ops.pack(outputs); TensorVector in = Ops.pack(inputs);
                TensorVector gout = gradOutputs == null ? new TensorVector() : Ops.pack(gradOutputs);
                BoolOptional retain = new BoolOptional(retainGraph || createGraph)) {
            return Ops.unpack(Ops.value(() -> torch.grad(out, in, gout, retain, createGraph, false)));
        }
    }
}
