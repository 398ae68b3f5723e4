package org.torch4j.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * torch4j's own entry points against bytedeco's: the same values, dtypes, autograd nodes and error messages,
 * holders reused only when empty, and bad input refused without a crash.
 */
class FastOpsTest {
    @BeforeAll
    static void load() {
        LibTorch.ensureLoaded();
    }

    @Test
    void isOnWhereItIsBuilt() {
        // build.sh builds the library on Linux x86-64 (CI's platform); there the fast path must be on.
        if (Loader.getPlatform().equals("linux-x86_64")) {
            assertEquals("on", FastOps.status());
            assertTrue(FastOps.enabled());
        } else {
            assertFalse(FastOps.enabled(), FastOps.status());
        }
    }

    @Test
    void unaryOpsMatchBytedeco() {
        for (FastOps.Unary op : FastOps.Unary.values()) {
            UnaryOperator<Tensor> reference = switch (op) {
                case RELU -> Tensor::relu;
                case NEG -> Tensor::neg;
                case EXP -> Tensor::exp;
                case TANH -> Tensor::tanh;
                case SIGMOID -> Tensor::sigmoid;
                case ABS -> Tensor::abs;
                case LOG -> Tensor::log;
                case SQRT -> Tensor::sqrt;
                case SIN -> Tensor::sin;
                case COS -> Tensor::cos;
            };
            // randn: log and sqrt of the negative entries are NaN on both paths, compared as equal.
            try (Tensor x = torch.randn(3, 4).requires_grad_(); Tensor fast = FastOps.unary(op, x);
                    Tensor slow = reference.apply(x)) {
                assertMatches(slow, fast, op);
            }
        }
    }

    @Test
    void binaryOpsMatchBytedecoWithBroadcastingAndTypePromotion() {
        for (FastOps.Binary op : FastOps.Binary.values()) {
            BinaryOperator<Tensor> reference = switch (op) {
                case ADD -> Tensor::add;
                case SUB -> Tensor::sub;
                case MUL -> Tensor::mul;
                case DIV -> Tensor::div;
                case MATMUL -> Tensor::matmul;
                case MM -> Tensor::mm;
                case BMM -> Tensor::bmm;
                case POW -> Tensor::pow;
                case MAXIMUM -> Tensor::maximum;
                case MINIMUM -> Tensor::minimum;
            };
            // Element-wise ops: float [4,3] with int64 [3] (broadcasting and promotion); products: their own shapes.
            long[] aShape = switch (op) {
                case BMM -> new long[] {2, 4, 3};
                default -> new long[] {4, 3};
            };
            long[] bShape = switch (op) {
                case MM -> new long[] {3, 2};
                case BMM -> new long[] {2, 3, 2};
                default -> new long[] {3};
            };
            boolean integerB = !(op == FastOps.Binary.MATMUL || op == FastOps.Binary.MM || op == FastOps.Binary.BMM);
            try (Tensor a = torch.rand(aShape).add(new Scalar(0.5)).requires_grad_(); Tensor bf = torch.rand(bShape);
                    Scalar three = new Scalar(3L); Tensor bi = bf.mul(three).to(torch.ScalarType.Long);
                    Tensor b = integerB ? bi : bf; Tensor fast = FastOps.binary(op, a, b);
                    Tensor slow = reference.apply(a, b)) {
                assertMatches(slow, fast, op);
            }
        }
        try (TensorOptions longs = new TensorOptions(torch.ScalarType.Long); Tensor i = torch.ones(new long[] {1}, longs);
                Tensor sum = FastOps.binary(FastOps.Binary.ADD, i, i)) {
            assertEquals("Long", sum.scalar_type().toString());
            assertEquals(2L, sum.item_long());
        }
    }

    /** Same dtype, shape, values (NaN equal to NaN) and autograd node. */
    private static void assertMatches(Tensor expected, Tensor actual, Enum<?> op) {
        assertEquals(expected.scalar_type().toString(), actual.scalar_type().toString(), op.name());
        assertEquals(java.util.Arrays.toString(expected.sizes().vec().get()),
                java.util.Arrays.toString(actual.sizes().vec().get()), op.name());
        assertTrue(expected.allclose(actual, 0, 0, true), op + ": values differ");
        assertEquals(expected.grad_fn().name().getString(), actual.grad_fn().name().getString(), op.name());
    }

    @Test
    void aFailedCallThrowsBytedecosMessageAndKeepsTheEmptyHolder() {
        try (Tensor a = torch.ones(2, 3); Tensor b = torch.ones(4, 5)) {
            RuntimeException slow = assertThrows(RuntimeException.class, () -> a.matmul(b));
            RuntimeException fast = assertThrows(RuntimeException.class, () -> FastOps.binary(FastOps.Binary.MATMUL, a, b));
            assertEquals(RuntimeException.class, fast.getClass());
            assertEquals(NativeErrors.firstLine(slow.getMessage()), NativeErrors.firstLine(fast.getMessage()));
            assertTrue(fast.getMessage().startsWith("mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"),
                    fast.getMessage());

            if (FastOps.enabled()) {
                // The holder the failed call took went back to this thread's pool: the next result lands in it.
                FastOps.Holder kept = ThreadState.get().takeHolder();
                ThreadState.get().giveHolder(kept);
                Tensor next = FastOps.binary(FastOps.Binary.ADD, a, a);
                assertSame(kept, next);
                assertEquals(2f, next.sum().item_float() / 6);
                FastOps.recycle((FastOps.Holder) next);
            }
        }
    }

    @Test
    void aReleasedResultsHolderCarriesTheNextResult() {
        org.junit.jupiter.api.Assumptions.assumeTrue(FastOps.enabled(), FastOps.status());
        try (Tensor x = torch.ones(3)) {
            Tensor first = FastOps.unary(FastOps.Unary.NEG, x);
            FastOps.recycle((FastOps.Holder) first);
            assertFalse(first.defined(), "a recycled holder is empty");
            Tensor second = FastOps.unary(FastOps.Unary.EXP, x);
            assertSame(first, second);
            assertEquals((float) Math.E, second.mean().item_float(), 1e-6f);
            second.close();
            Tensor third = FastOps.unary(FastOps.Unary.EXP, x);
            assertNotSame(second, third, "a closed holder must never be reused");
            third.close();
        }
    }

    @Test
    void aClosedInputIsRefusedNotDereferenced() {
        Tensor closed = torch.ones(2);
        closed.close();
        try (Tensor x = torch.ones(2)) {
            assertThrows(NullPointerException.class, () -> FastOps.unary(FastOps.Unary.RELU, closed));
            assertThrows(NullPointerException.class, () -> FastOps.binary(FastOps.Binary.ADD, x, closed));
        }
    }

    @Test
    void aHolderThatIsNotEmptyIsRefusedAndDropped() {
        org.junit.jupiter.api.Assumptions.assumeTrue(FastOps.enabled(), FastOps.status());
        try (Tensor x = torch.ones(2)) {
            FastOps.Holder full = new FastOps.Holder();
            full.put(x);
            ThreadState state = ThreadState.get();
            assertTrue(state.giveHolder(full), "this thread's holder pool is full; the test needs one free slot");
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> FastOps.unary(FastOps.Unary.RELU, x));
            assertTrue(e.getMessage().contains("not empty"), e.getMessage());
            assertTrue(full.defined(), "the tensor in it was left alone");
            Tensor ok = FastOps.unary(FastOps.Unary.RELU, x);
            assertNotSame(full, ok, "the refused holder went out of the pool");
            ok.close();
            full.close();
        }
    }

    @Test
    void holdersMadeInsideAUsersPointerScopeOutliveIt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(FastOps.enabled(), FastOps.status());
        try (Tensor x = torch.ones(2)) {
            ThreadState state = ThreadState.get();
            java.util.List<FastOps.Holder> drained = new java.util.ArrayList<>();
            for (FastOps.Holder h; (h = state.takeHolder()) != null; ) {
                drained.add(h); // an empty pool: the next result needs a new holder
            }
            Tensor made;
            try (org.bytedeco.javacpp.PointerScope user = new org.bytedeco.javacpp.PointerScope()) {
                made = FastOps.unary(FastOps.Unary.NEG, x);
            }
            assertFalse(made.isNull(), "the user's PointerScope closed a holder torch4j owns");
            assertEquals(-2f, made.sum().item_float());
            FastOps.recycle((FastOps.Holder) made);
            Tensor next = FastOps.unary(FastOps.Unary.EXP, x);
            assertSame(made, next);
            next.close();
            drained.forEach(FastOps.Holder::close);
        }
    }
}
