package org.torch4j.glue;

import java.io.File;
import java.lang.ref.Reference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A few hot tensor ops called through torch4j's own JNI entry points ({@code libtorch4j_fastops.so}, built from
 * {@code src/main/native/fast_ops.cpp}) instead of bytedeco's generated ones.
 *
 * <p>Why: when a bytedeco method returns a tensor, JavaCPP copies the result to the native heap and builds a new
 * Java object through a native-to-Java up-call and a GC reference, which measured about 0.6 µs of a 1.5 µs
 * one-element add. Here LibTorch's dispatcher entry point ({@code at::_ops::add_Tensor::call}, the function
 * {@code at::Tensor::add} calls) constructs the result in place in a {@link Holder}: an empty {@code at::Tensor}
 * that torch4j allocated once and reuses after the tensor in it is released. Same function, same autograd
 * recording, same error messages; only the way back to Java is shorter.
 *
 * <p>Off where the library is missing or does not load (anything but Linux x86-64, a build without g++, a
 * LibTorch whose signatures differ) or with {@code -Dtorch4j.fastOps=false}: then every op goes through bytedeco
 * as before, with identical results. {@link #status()} says which, and LibTorch's load line logs it.
 *
 * <pre>{@code
 * Tensor sum = FastOps.binary(FastOps.Binary.ADD, a, b);   // a + b, a new tensor (a Holder when on)
 * }</pre>
 */
public final class FastOps {
    private static final Logger log = LoggerFactory.getLogger(FastOps.class);
    /** System property that turns the fast path off ({@code false}); on by default. */
    public static final String ENABLED_PROPERTY = "torch4j.fastOps";
    static final String LIBRARY = "linux-x86_64/libtorch4j_fastops.so";
    /** Empty holders each thread keeps for its next results, and the shared overflow (the GC's releases land there). */
    static final int THREAD_POOL_SIZE = 64;
    static final int SHARED_POOL_SIZE = 1024;

    /** Ops of one tensor; the order is the native library's op codes. */
    public enum Unary {
        RELU(Tensor::relu), NEG(Tensor::neg), EXP(Tensor::exp), TANH(Tensor::tanh), SIGMOID(Tensor::sigmoid),
        ABS(Tensor::abs), LOG(Tensor::log), SQRT(Tensor::sqrt), SIN(Tensor::sin), COS(Tensor::cos);

        private final UnaryOperator<Tensor> bytedeco;

        Unary(UnaryOperator<Tensor> bytedeco) {
            this.bytedeco = bytedeco;
        }
    }

    /** Ops of two tensors ({@code add} and {@code sub} with alpha 1); the order is the native library's op codes. */
    public enum Binary {
        ADD(Tensor::add), SUB(Tensor::sub), MUL(Tensor::mul), DIV(Tensor::div), MATMUL(Tensor::matmul), MM(Tensor::mm),
        BMM(Tensor::bmm), POW(Tensor::pow), MAXIMUM(Tensor::maximum), MINIMUM(Tensor::minimum);

        private final BinaryOperator<Tensor> bytedeco;

        Binary(BinaryOperator<Tensor> bytedeco) {
            this.bytedeco = bytedeco;
        }
    }

    /**
     * An {@code at::Tensor} owned by torch4j's pool: it goes back there, emptied, when the handle holding it is
     * released, unless the handle handed it out ({@link TensorHandle#expose()}): a reference outside torch4j must
     * never see another tensor appear in it.
     */
    static final class Holder extends Tensor {
        Holder() {
            super(); // an undefined tensor
        }
    }

    private static final ConcurrentLinkedQueue<Holder> shared = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger sharedSize = new AtomicInteger();
    // Written once, in load(), before LibTorch publishes its volatile `loaded` flag that every caller reads first.
    private static boolean enabled;
    private static String status = "not loaded yet";
    /** The alpha of add and sub (1, as in {@code at::Tensor::add(other)}); lives as long as the JVM. */
    private static Scalar one;

    private FastOps() {}

    private static native void unary(int op, long out, long self);

    private static native void binary(int op, long out, long a, long b, long one);

    /** {@code op(self)} as a new tensor. */
    public static Tensor unary(Unary op, Tensor self) {
        if (!enabled) {
            return op.bytedeco.apply(self);
        }
        Holder out = take();
        try {
            unary(op.ordinal(), out.address(), self.address());
        } catch (RuntimeException e) {
            keepIfEmpty(out, e);
            throw e;
        } finally {
            // The native call takes addresses: without this, the JIT may let the input's Java object die (and
            // JavaCPP free the tensor) while LibTorch still reads it.
            Reference.reachabilityFence(self);
        }
        return out;
    }

    /** {@code op(a, b)} as a new tensor. */
    public static Tensor binary(Binary op, Tensor a, Tensor b) {
        if (!enabled) {
            return op.bytedeco.apply(a, b);
        }
        Holder out = take();
        try {
            binary(op.ordinal(), out.address(), a.address(), b.address(), one.address());
        } catch (RuntimeException e) {
            keepIfEmpty(out, e);
            throw e;
        } finally {
            Reference.reachabilityFence(a);
            Reference.reachabilityFence(b);
        }
        return out;
    }

    /** Whether ops go through the native library, and if not, why not. */
    public static String status() {
        return status;
    }

    /** Whether ops go through the native library (else through bytedeco). */
    public static boolean enabled() {
        return enabled;
    }

    private static Holder take() {
        Holder h = ThreadState.get().takeHolder();
        if (h == null) {
            h = shared.poll();
            if (h != null) {
                sharedSize.decrementAndGet();
            } else {
                h = new Holder();
                NativeMemory.claimFromUserScope(h); // pooled, it may outlive the user's scope unadopted
            }
        }
        return h;
    }

    /**
     * After a failed call: LibTorch's errors (a plain RuntimeException) and refused null inputs leave the holder
     * empty, so it is kept; the holder check's IllegalStateException means it is not, so it is dropped.
     */
    private static void keepIfEmpty(Holder out, RuntimeException e) {
        if (!(e instanceof IllegalStateException)) {
            recycleEmpty(out);
        }
    }

    /** Empties {@code h} (dropping its tensor reference) and keeps it for a later result. */
    static void recycle(Holder h) {
        if (h.isNull()) {
            return; // closed behind torch4j's back: dropped (the native check would refuse it anyway)
        }
        h.reset();
        recycleEmpty(h);
    }

    private static void recycleEmpty(Holder h) {
        if (ThreadState.get().giveHolder(h)) {
            return;
        }
        if (sharedSize.incrementAndGet() <= SHARED_POOL_SIZE) {
            shared.add(h);
        } else {
            sharedSize.decrementAndGet();
            h.close();
        }
    }

    /** Called once by {@link LibTorch} after LibTorch has loaded. */
    static void load() {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim())) {
            status = "off (-D" + ENABLED_PROPERTY + "=false)";
            return;
        }
        if (!Loader.getPlatform().equals("linux-x86_64")) {
            status = "off (built for linux-x86_64 only, this is " + Loader.getPlatform() + ")";
            return;
        }
        if (FastOps.class.getResource(LIBRARY) == null) {
            status = "off (" + LIBRARY + " is not in torch4j-native-glue's jar: it was built without g++)";
            return;
        }
        try {
            File lib = Loader.cacheResource(FastOps.class, LIBRARY);
            System.load(lib.getAbsolutePath());
            one = new Scalar(1L);
            enabled = true;
            String wrong = selfCheck();
            if (wrong != null) {
                enabled = false;
                status = "off (self-check failed: " + wrong + ")";
                log.warn("torch4j's fast op path disagrees with bytedeco ({}); using bytedeco for every op", wrong);
                return;
            }
            status = "on";
        } catch (Exception | UnsatisfiedLinkError e) {
            enabled = false;
            status = "off (" + LIBRARY + " did not load: " + e.getMessage() + ")";
            log.debug("fast op path unavailable", e);
        }
    }

    /** Checks one op of each kind against bytedeco's; returns what differs, or null. */
    private static String selfCheck() {
        try (Scalar from = new Scalar(-2L); Scalar to = new Scalar(3L); Tensor x = torch.arange(from, to); Tensor y = x.mul(x);
                Tensor relu = unary(Unary.RELU, x); Tensor relu2 = x.relu();
                Tensor sub = binary(Binary.SUB, y, x); Tensor sub2 = y.sub(x)) {
            if (!torch.equal(relu, relu2)) {
                return "relu";
            }
            if (!torch.equal(sub, sub2)) {
                return "sub";
            }
            return null;
        }
    }
}
