package org.torch4j.examples.lecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.torch4j.Torch;

/**
 * The printing programs print what PyTorch prints for the same session (fixtures written by
 * {@code gen_lecture_examples.py} with PyTorch itself).
 */
class PrintedExamplesTest {
    @Test
    void tensorBasicsPrintsPyTorchsSession() {
        String out = Captured.output(TensorBasics::run);
        String expected = Captured.fixture("basics.txt");
        if (Torch.cuda().isAvailable()) {
            assertTrue(out.startsWith(expected), out);
            assertTrue(out.endsWith("(torch.int64, device(type='cuda', index=0))\n"), out);
        } else {
            assertEquals(expected, out);
        }
    }

    @Test
    void highDimViewsPrintLikePyTorch() {
        assertEquals(Captured.fixture("views.txt"), Captured.output(HighDimViews::run));
    }

    @Test
    void conv1dAndPoolingPrintLikePyTorch() {
        assertEquals(Captured.fixture("conv1d_pool.txt"), Captured.output(Conv1dAndPooling::run));
    }

    @Test
    void autogradExamples() {
        String out = Captured.output(AutogradExamples::run);
        String[] lines = out.split("\n");
        String expectedHead = String.join("\n",
                ">>> x.requires_grad", "false",
                ">>> (x + y).requires_grad", "false",
                ">>> (x + z).requires_grad", "true",
                ">>> torch.autograd.grad(a, (t, u))", "(tensor([2., 4., 8.]), tensor([0.1000, 0.0500]))",
                ">>> x.grad", "None",
                ">>> x.grad", "tensor([27., 12., 75.])",
                ">>> x.grad  # after a second backward", "tensor([ 54.,  24., 150.])",
                ">>> w1.grad.size(), w2.grad.size()", "(torch.Size([5, 5]), torch.Size([5, 5]))",
                ">>> [w.grad[i].norm() > 0 for i in range(3)]  # blah(1, .) . blah(3, .)", "[true, true, true]",
                ">>> [w.grad[i].norm() > 0 for i in range(3)]  # blah(1, .) . blah(2, .)", "[true, true, false]",
                ">>> loss");
        assertTrue(out.startsWith(expectedHead + "\n"), out);
        // A scalar with its grad_fn, as PyTorch prints it: tensor(0.xxxx, grad_fn=<MeanBackward0>)
        assertTrue(lines[lines.length - 3].matches("tensor\\(0\\.\\d{4}, grad_fn=<MeanBackward0>\\)"),
                lines[lines.length - 3]);
        assertEquals(">>> autograd's gradients == the chain rule by hand", lines[lines.length - 2]);
        assertEquals("true", lines[lines.length - 1]);
    }
}
