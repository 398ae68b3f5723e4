package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.arange;
import static org.torch4j.Torch.cat;
import static org.torch4j.Torch.fromArray;
import static org.torch4j.Torch.fromBuffer;
import static org.torch4j.Torch.ones;
import static org.torch4j.Torch.randint;
import static org.torch4j.Torch.tensor;
import static org.torch4j.Torch.zeros;

import java.nio.FloatBuffer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Bad inputs: each is refused with the exact exception type and a one-line message naming the problem
 * (the shapes, dtypes, dims or numbers involved), the JVM goes on working, and the tensors made on the way
 * are all released when their scope closes.
 */
class BadInputTest {

    /** The body makes its inputs inside the scope and returns the call that must fail. */
    private interface Case {
        org.junit.jupiter.api.function.Executable prepare();
    }

    /**
     * Runs {@code c} in a fresh scope, asserting that the failing call throws exactly {@code type} with a
     * single-line message containing every fragment, without C++ backtrace; then that the live tensor
     * count is back to where it was and that LibTorch still computes.
     */
    private static <T extends Throwable> T fails(Class<T> type, Case c, String... fragments) {
        long before = LiveTensors.settled();
        T e;
        try (Scope s = Scope.open()) {
            e = assertThrowsExactly(type, c.prepare());
        }
        assertEquals(before, Torch.memory().liveTensors(), "tensors leaked by the failing case");
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank(), "no message");
        assertFalse(m.contains("\n"), "message is not one line: " + m);
        assertFalse(m.contains("Exception raised from"), "message carries a C++ backtrace: " + m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "message '" + m + "' does not contain '" + f + "'");
        }
        try (Scope s = Scope.open()) {
            assertEquals(6.0, ones(2, 3).add(ones(2, 3)).mul(0.5).sum().itemDouble(), "the next op works");
        }
        assertEquals(before, Torch.memory().liveTensors(), "tensors leaked by the op after the failure");
        return e;
    }

    // ------------------------------------------------------------------ shapes

    @Test
    void addWithMismatchedShapes() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            Tensor b = ones(3, 2);
            return () -> a.add(b);
        }, "size of tensor a (3)", "size of tensor b (2)", "dimension 1");
    }

    @Test
    void inPlaceAddCannotBroadcastSelf() {
        fails(TorchException.class, () -> {
            Tensor a = ones(3);
            Tensor b = ones(2, 3);
            return () -> a.add_(b);
        }, "[3]", "[2, 3]");
    }

    @Test
    void mmShapeMismatch() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            Tensor b = ones(2, 3);
            return () -> a.mm(b);
        }, "2x3", "cannot be multiplied");
    }

    @Test
    void viewWithIncompatibleSize() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.view(4, 2);
        }, "[4, 2]", "size 6");
    }

    @Test
    void viewWithTwoInferredDimensions() {
        fails(IllegalArgumentException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.view(-1, -1);
        }, "view", "only one dimension can be inferred", "[-1, -1]");
    }

    @Test
    void reshapeWithTwoInferredDimensions() {
        fails(IllegalArgumentException.class, () -> {
            Tensor a = ones(2, 3, 4);
            return () -> a.reshape(2, -1, -1);
        }, "reshape", "only one dimension can be inferred", "[2, -1, -1]");
    }

    @Test
    void viewWithAnInvalidNegativeSize() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.view(-2, 3);
        }, "invalid shape dimension -2");
    }

    @Test
    void viewOfANonContiguousTensor() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3).t();
            return () -> a.view(6);
        }, "view size is not compatible", ".reshape(...)");
    }

    @Test
    void narrowOutOfRange() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.narrow(1, 2, 2);
        }, "start (2) + length (2) exceeds dimension size (3)");
    }

    @Test
    void expandToAnIncompatibleSize() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.expand(3, 3);
        }, "expanded size of the tensor (3)", "existing size (2)", "dimension 0");
    }

    @Test
    void sumOverADimensionThatDoesNotExist() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.sum(2);
        }, "Dimension out of range", "[-2, 1]", "got 2");
    }

    @Test
    void transposeOfADimensionThatDoesNotExist() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.transpose(0, 5);
        }, "Dimension out of range", "[-2, 1]", "got 5");
    }

    @Test
    void selectOutOfRange() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.select(0, 5);
        }, "index 5 out of range", "[2, 3]", "dimension 0");
    }

    @Test
    void selectOfADimensionThatDoesNotExist() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.select(3, 0);
        }, "Dimension out of range", "got 3");
    }

    @Test
    void indexOutOfRange() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.index(0, 7);
        }, "index 7 is out of bounds for dimension 1 with size 3");
    }

    @Test
    void indexSelectOutOfRange() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            Tensor idx = tensor(0L, 4L);
            return () -> a.indexSelect(1, idx);
        }, "out of DATA bounds", "id=4", "axis_dim=3");
    }

    @Test
    void catOfMismatchedShapes() {
        fails(TorchException.class, () -> {
            Tensor a = ones(2, 3);
            Tensor b = ones(2, 4);
            return () -> cat(a, b);
        }, "Sizes of tensors must match except in dimension 0", "Expected size 3 but got size 4", "tensor number 1");
    }

    @Test
    void catOfNothing() {
        fails(IllegalArgumentException.class, () -> () -> cat(new Tensor[0], 0), "cat needs at least one tensor");
    }

    // ------------------------------------------------------------------ reading values

    @Test
    void itemOfAMultiElementTensor() {
        fails(IllegalStateException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.item();
        }, "exactly one element", "has 6", "torch.Size([2, 3])");
    }

    @Test
    void itemOfAnEmptyTensor() {
        fails(IllegalStateException.class, () -> {
            Tensor a = zeros(0);
            return () -> a.itemDouble();
        }, "exactly one element", "has 0", "torch.Size([0])");
    }

    // ------------------------------------------------------------------ released tensors

    @Test
    void useAfterClose() {
        long[] id = new long[1];
        IllegalStateException e = fails(IllegalStateException.class, () -> {
            Tensor a = ones(2, 3);
            id[0] = a.handle().id();
            a.close();
            assertTrue(a.isReleased());
            assertEquals("tensor(<released #" + id[0] + ">)", a.toString());
            a.close(); // a second close does nothing
            return () -> a.add(1.0);
        }, "was released by close()", "cannot be used any more");
        assertTrue(e.getMessage().contains("tensor #" + id[0] + " "), e.getMessage());
    }

    @Test
    void closedTensorAsAnArgument() {
        long[] id = new long[1];
        IllegalStateException e = fails(IllegalStateException.class, () -> {
            Tensor a = ones(2, 3);
            Tensor b = ones(2, 3);
            id[0] = b.handle().id();
            b.close();
            return () -> a.add(b);
        }, "released by close()");
        assertTrue(e.getMessage().contains("tensor #" + id[0] + " "), e.getMessage());
    }

    @Test
    void useAfterScopeClosed() {
        Tensor[] escaped = new Tensor[1];
        long before = LiveTensors.settled();
        try (Scope inner = Scope.open()) {
            escaped[0] = ones(2, 3).mul(2.0);
            assertEquals(2, inner.size());
        }
        assertEquals(before, Torch.memory().liveTensors());
        long id = escaped[0].handle().id();
        IllegalStateException e = fails(IllegalStateException.class, () -> () -> escaped[0].sum(),
                "tensor #" + id + " ", "released when its scope closed", "scope.keep(tensor)");
        assertTrue(escaped[0].isReleased());
        assertEquals(IllegalStateException.class, e.getClass());
    }

    // ------------------------------------------------------------------ building tensors from Java data

    @Test
    void fromArrayWithAShapeThatDoesNotMatchTheData() {
        fails(IllegalArgumentException.class, () -> () -> fromArray(new float[] {1, 2, 3}, 2, 2),
                "torch.Size([2, 2])", "needs 4 elements", "has 3");
    }

    @Test
    void nonRectangularNestedArray() {
        fails(IllegalArgumentException.class, () -> () -> tensor(new float[][] {{1, 2, 3}, {4, 5}}),
                "not rectangular", "[1]", "length 2", "expected 3");
    }

    @Test
    void nonRectangularThreeDimensionalArray() {
        fails(IllegalArgumentException.class,
                () -> () -> tensor(new long[][][] {{{1, 2}, {3, 4}}, {{5, 6}, {7}}}),
                "not rectangular", "[1][1]", "length 1", "expected 2");
    }

    @Test
    void negativeDimensionInAShape() {
        fails(IllegalArgumentException.class, () -> () -> zeros(2, -3), "negative dimension", "[2, -3]");
    }

    @Test
    void fromBufferSizeMismatch() {
        fails(IllegalArgumentException.class,
                () -> () -> fromBuffer(FloatBuffer.wrap(new float[] {1, 2, 3}), DType.FLOAT32, 2, 2),
                "3 elements remaining", "torch.Size([2, 2])", "torch.float32", "needs 4");
    }

    @Test
    void fromBufferOfTheWrongWidth() {
        fails(IllegalArgumentException.class,
                () -> () -> fromBuffer(FloatBuffer.wrap(new float[] {1, 2}), DType.FLOAT64, 2),
                "4-byte elements", "torch.float64 needs 8");
    }

    @Test
    void randintWithLowNotBelowHigh() {
        fails(IllegalArgumentException.class, () -> () -> randint(3, 3, 2, 2), "low < high", "low=3", "high=3");
    }

    // ------------------------------------------------------------------ dtypes

    @Test
    void mmOfInt64WithFloat32() {
        fails(TorchException.class, () -> {
            Tensor a = arange(6).view(2, 3);
            Tensor b = ones(3, 2);
            return () -> a.mm(b);
        }, "same dtype", "long int != float");
    }

    @Test
    void inverseOfAnIntegerTensor() {
        fails(TorchException.class, () -> {
            Tensor a = tensor(new long[][] {{1, 2}, {3, 4}});
            return () -> a.inverse();
        }, "floating point", "Long");
    }

    @Test
    void inPlaceResultCannotBeCastToSelf() {
        fails(TorchException.class, () -> {
            Tensor a = tensor(1L, 2L);
            Tensor b = tensor(0.5f, 0.5f);
            return () -> a.add_(b);
        }, "Float", "Long");
    }

    @Test
    void integerTensorCannotRequireGrad() {
        fails(TorchException.class, () -> {
            Tensor a = tensor(1L, 2L);
            return () -> a.requiresGrad_();
        }, "floating point", "require gradients");
    }

    // ------------------------------------------------------------------ autograd

    @Test
    void backwardOnANonScalarWithoutGradient() {
        fails(TorchException.class, () -> {
            Tensor x = tensor(1f, 2f, 3f).requiresGrad_();
            Tensor y = x.mul(2.0);
            return () -> y.backward();
        }, "scalar outputs", "3 elements", "torch.Size([3])");
    }

    @Test
    void backwardWithRetainGraphOnANonScalar() {
        fails(TorchException.class, () -> {
            Tensor x = tensor(1f, 2f, 3f, 4f).requiresGrad_();
            Tensor y = x.mul(2.0).view(2, 2);
            return () -> y.backward(true);
        }, "scalar outputs", "torch.Size([2, 2])");
    }

    @Test
    void backwardTwiceWithoutRetainGraph() {
        fails(TorchException.class, () -> {
            Tensor x = tensor(1f, 2f, 3f).requiresGrad_();
            Tensor y = x.pow(3).sum();
            y.backward();
            return () -> y.backward();
        }, "backward through the graph a second time", "retain_graph=True");
    }

    @Test
    void backwardOfATensorWithoutGraph() {
        fails(TorchException.class, () -> {
            Tensor y = tensor(1f, 2f).sum();
            return () -> y.backward();
        }, "does not require grad");
    }

    @Test
    void gradOnAnInputThatDoesNotRequireGrad() {
        fails(IllegalArgumentException.class, () -> {
            Tensor t = tensor(1f, 2f).requiresGrad_();
            Tensor u = tensor(3f, 4f);
            Tensor a = t.mul(u).sum();
            return () -> Autograd.grad(a, t, u);
        }, "input 1", "does not require grad");
    }

    @Test
    void gradOfAnInputNotInTheGraph() {
        fails(TorchException.class, () -> {
            Tensor t = tensor(1f, 2f).requiresGrad_();
            Tensor v = tensor(3f, 4f).requiresGrad_();
            Tensor a = t.pow(2).sum();
            return () -> Autograd.grad(a, v);
        }, "not have been used in the graph");
    }

    // ------------------------------------------------------------------ linear algebra

    @Test
    void choleskyOfANonPositiveDefiniteMatrix() {
        fails(TorchException.class, () -> {
            Tensor a = tensor(new float[][] {{1, 2}, {2, 1}});
            return () -> Linalg.cholesky(a);
        }, "not positive-definite", "order 2");
    }

    @Test
    void solveWithASingularMatrix() {
        fails(TorchException.class, () -> {
            Tensor a = tensor(new float[][] {{1, 2}, {2, 4}});
            Tensor b = tensor(new float[][] {{1}, {2}});
            return () -> Linalg.solve(a, b);
        }, "singular");
    }

    @Test
    void solveWithMismatchedShapes() {
        fails(TorchException.class, () -> {
            Tensor a = tensor(new float[][] {{1, 0}, {0, 1}});
            Tensor b = ones(3, 1);
            return () -> Linalg.solve(a, b);
        }, "2", "3");
    }

    // ------------------------------------------------------------------ devices and indices

    @Test
    void unknownDeviceName() {
        fails(IllegalArgumentException.class, () -> () -> Device.of("gpu"), "'gpu'", "cpu, cuda or cuda:N");
    }

    @Test
    void badCudaIndexInADeviceName() {
        fails(IllegalArgumentException.class, () -> () -> Device.of("cuda:-1"), "-1");
    }

    @Test
    void moveToCudaWithoutCuda() {
        if (Torch.cuda().isAvailable()) {
            int count = Torch.cuda().deviceCount();
            fails(TorchException.class, () -> {
                Tensor a = ones(2);
                return () -> a.to(Device.cuda(count));
            }, "cuda:" + count, "out of range", count + " device(s)");
        } else {
            fails(TorchException.class, () -> {
                Tensor a = ones(2);
                return () -> a.to(Device.cuda(0));
            }, "cuda:0", "CUDA is not available");
        }
    }

    @Test
    void indexWithNull() {
        fails(IllegalArgumentException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.index(0, null);
        }, "null", "Index.NONE");
    }

    @Test
    void indexWithAnUnsupportedType() {
        fails(IllegalArgumentException.class, () -> {
            Tensor a = ones(2, 3);
            return () -> a.index("1");
        }, "String", "expected an int, a long, a Tensor or an Index");
    }

    @Test
    void sliceWithANonPositiveStep() {
        fails(IllegalArgumentException.class, () -> () -> Index.slice(0L, 2L, 0L), "step must be positive", "0");
    }

    /** A failure inside a scope does not stop the rest of the scope from releasing its tensors. */
    @Test
    void failureInsideAScopeReleasesEverything() {
        long before = LiveTensors.settled();
        Function<Integer, Tensor> make = n -> ones(n, n);
        try (Scope s = Scope.open()) {
            Tensor a = make.apply(2);
            Tensor b = make.apply(3);
            for (int i = 0; i < 100; i++) {
                try {
                    a.mm(b);
                } catch (TorchException expected) {
                    // refused every time
                }
            }
            assertEquals(2, s.size(), "a failed op adopts nothing");
        }
        assertEquals(before, Torch.memory().liveTensors());
    }
}
