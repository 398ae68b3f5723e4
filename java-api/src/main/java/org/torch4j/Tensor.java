package org.torch4j;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Node;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorIndexVector;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.glue.FastOps;
import org.torch4j.glue.NativeData;
import org.torch4j.glue.NativeMemory;
import org.torch4j.glue.TensorHandle;

/**
 * A multi-dimensional array in LibTorch's memory, with PyTorch's operations, autograd and printing.
 *
 * <pre>{@code
 * import static org.torch4j.Torch.*;
 *
 * Tensor x = empty(2, 5).fill_(1.125);
 * x.mean();                  // tensor(1.1250)
 * x.sum().item();            // 11.25
 * Tensor t = tensor(new float[] {1, 2, 4}).requiresGrad_();
 * t.pow(2).sum().backward();
 * t.grad();                  // tensor([2., 4., 8.])
 * }</pre>
 *
 * <p>Native memory: a tensor created inside a {@link Scope} is released when the scope closes; one created
 * outside any scope is released when it becomes unreachable (torch4j triggers collection under native
 * memory pressure), or at once by {@link #close()}. Using a released tensor throws
 * {@link IllegalStateException}. Operations that fail in LibTorch throw {@link TorchException}.
 */
public class Tensor implements AutoCloseable {
    static {
        Ops.init();
        org.torch4j.internal.NativeOps.install(Tensor::n);
    }

    private final TensorHandle h;

    Tensor(org.bytedeco.pytorch.Tensor t) {
        this.h = NativeMemory.adopt(this, t);
    }

    /**
     * For {@code org.torch4j.nn.Parameter}: a new leaf sharing {@code data}'s storage, with
     * {@code requires_grad} set as given, owned by no scope (model state outlives every step).
     */
    protected Tensor(Tensor data, boolean requiresGrad) {
        org.bytedeco.pytorch.Tensor leaf = Ops.value(() -> data.n().detach());
        Ops.run(() -> {
            org.bytedeco.pytorch.TensorBase self = leaf.set_requires_grad(requiresGrad);
            if (self != null && self.address() != leaf.address()) {
                self.close();
            }
        });
        this.h = NativeMemory.adopt(this, leaf);
        org.torch4j.glue.HandleScope.detach(this, h);
    }

    // ---------------------------------------------------------------- escape hatch and lifetime

    /**
     * Adopts a bytedeco tensor into torch4j's memory model (escape hatch for power users); the returned
     * tensor owns {@code t} and releases it.
     */
    public static Tensor wrap(org.bytedeco.pytorch.Tensor t) {
        Objects.requireNonNull(t, "tensor");
        Tensor w = new Tensor(t);
        w.h.expose(); // the caller holds t: released, it must be closed, never reused for another tensor
        return w;
    }

    /** The underlying bytedeco tensor (escape hatch); valid while this tensor is not released. */
    public org.bytedeco.pytorch.Tensor unwrap() {
        return h.expose();
    }

    /**
     * The native tensor, for a call made now. A method that calls it directly (not through {@code Ops}, whose
     * lambdas are kept reachable) ends the call with {@code Reference.reachabilityFence(this)}: the GC safety net
     * releases a tensor once this object is unreachable, and the JIT may decide that it is as soon as the native
     * object was read, so a temporary ({@code x.relu().numel()}) could be freed while LibTorch reads it.
     */
    org.bytedeco.pytorch.Tensor n() {
        return h.get();
    }

    TensorHandle handle() {
        return h;
    }

    /** Releases this tensor's native reference now; further use throws {@link IllegalStateException}. */
    @Override
    public void close() {
        h.release();
    }

    public boolean isReleased() {
        return h.isReleased();
    }

    /** Keeps this tensor out of every scope, for long-lived state (the GC safety net still applies). */
    public Tensor detachFromScope() {
        org.torch4j.glue.HandleScope.detach(this, h);
        return this;
    }

    // ---------------------------------------------------------------- metadata

    public Shape size() {
        org.bytedeco.pytorch.Tensor t = n();
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.size(i);
        }
        Reference.reachabilityFence(this);
        return Shape.wrap(s);
    }

    /** Size of dimension {@code d} (negative counts from the end). */
    public long size(int d) {
        // One native call on the per-step path (x.view(x.size(0), -1)); the full shape only for the error.
        org.bytedeco.pytorch.Tensor t = n();
        int dims = (int) t.dim();
        int i = d < 0 ? d + dims : d;
        if (i < 0 || i >= dims) {
            return size().get(d);
        }
        long size = t.size(i);
        Reference.reachabilityFence(this);
        return size;
    }

    /** Same as {@link #size()}, PyTorch's {@code shape}. */
    public Shape shape() {
        return size();
    }

    public long[] stride() {
        org.bytedeco.pytorch.Tensor t = n();
        long[] s = new long[(int) t.dim()];
        for (int i = 0; i < s.length; i++) {
            s[i] = t.stride(i);
        }
        Reference.reachabilityFence(this);
        return s;
    }

    /** Where this tensor's first element lies in its storage, in elements (PyTorch's {@code storage_offset()}). */
    public long storageOffset() {
        try {
            return n().storage_offset();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public int dim() {
        try {
            return (int) n().dim();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long numel() {
        try {
            return n().numel();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public DType dtype() {
        try {
            return DType.of(n().scalar_type());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public Device device() {
        try (org.bytedeco.pytorch.Device d = n().device()) {
            return Device.of(d);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public boolean isContiguous() {
        try {
            return n().is_contiguous();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long elementSize() {
        try {
            return n().element_size();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** PyTorch's legacy type string, e.g. {@code torch.FloatTensor}. */
    public String type() {
        String base;
        switch (dtype()) {
            case FLOAT16: base = "HalfTensor"; break;
            case BFLOAT16: base = "BFloat16Tensor"; break;
            case FLOAT32: base = "FloatTensor"; break;
            case FLOAT64: base = "DoubleTensor"; break;
            case UINT8: base = "ByteTensor"; break;
            case INT8: base = "CharTensor"; break;
            case INT16: base = "ShortTensor"; break;
            case INT32: base = "IntTensor"; break;
            case INT64: base = "LongTensor"; break;
            default: base = "BoolTensor"; break;
        }
        return device().isCuda() ? "torch.cuda." + base : "torch." + base;
    }

    // ---------------------------------------------------------------- conversions

    public Tensor to(DType dtype) {
        return Ops.op(() -> n().to(dtype.scalarType));
    }

    public Tensor to(Device device) {
        Device target = Objects.requireNonNull(device, "device");
        target.requireUsable("cannot move a tensor to", " (torch4j runs on the CPU build of LibTorch; see README, GPU)");
        try (org.bytedeco.pytorch.Device d = target.toNative()) {
            return Ops.op(() -> n().to(d, n().scalar_type()));
        }
    }

    public Tensor to(Device device, DType dtype) {
        return to(device).to(dtype);
    }

    public Tensor toFloat() {
        return to(DType.FLOAT32);
    }

    public Tensor toDouble() {
        return to(DType.FLOAT64);
    }

    public Tensor toLong() {
        return to(DType.INT64);
    }

    public Tensor toInt() {
        return to(DType.INT32);
    }

    public Tensor toHalf() {
        return to(DType.FLOAT16);
    }

    public Tensor toBool() {
        return to(DType.BOOL);
    }

    public Tensor toByte() {
        return to(DType.UINT8);
    }

    public Tensor cpu() {
        return to(Device.CPU);
    }

    public Tensor contiguous() {
        return Ops.op(() -> n().contiguous());
    }

    /**
     * This tensor's values laid out in {@code format}: a new reference to the same tensor when it already is
     * ({@link #isContiguous(MemoryFormat)}), else a copy with that layout (gradients flow back through it).
     * {@link MemoryFormat#CHANNELS_LAST} needs a 4-D tensor and always gives the exact NHWC strides
     * {@code {H*W*C, 1, W*C, C}}, also for one channel, where LibTorch's own {@code contiguous(channels_last)}
     * keeps NCHW strides (see {@link MemoryFormat}).
     *
     * <pre>{@code
     * Tensor x = Torch.randn(2, 1, 4, 4).contiguous(MemoryFormat.CHANNELS_LAST);
     * x.stride();   // [16, 1, 4, 1]
     * }</pre>
     */
    public Tensor contiguous(MemoryFormat format) {
        Objects.requireNonNull(format, "format");
        switch (format) {
            case CONTIGUOUS:
                return contiguous();
            case CHANNELS_LAST:
                return channelsLast("contiguous");
            default:
                throw new IllegalArgumentException("contiguous: " + format + " is not a layout a tensor can be made "
                        + "contiguous in (PyTorch refuses it too); use CONTIGUOUS or CHANNELS_LAST");
        }
    }

    /**
     * Whether the elements lie densely in {@code format}'s order. For {@link MemoryFormat#CHANNELS_LAST}: a 4-D
     * tensor with exactly the strides {@code {H*W*C, 1, W*C, C}} (stricter than LibTorch when a size is 1, see
     * {@link MemoryFormat}); {@code false} for other ranks.
     */
    public boolean isContiguous(MemoryFormat format) {
        Objects.requireNonNull(format, "format");
        switch (format) {
            case CONTIGUOUS:
                return isContiguous();
            case CHANNELS_LAST:
                boolean channelsLast = hasChannelsLastStrides(n());
                Reference.reachabilityFence(this);
                return channelsLast;
            default:
                throw new IllegalArgumentException("isContiguous: " + format + " is not a layout (use CONTIGUOUS or "
                        + "CHANNELS_LAST)");
        }
    }

    /**
     * PyTorch's {@code x.to(memory_format=format)}: the same values in {@code format}'s layout, this tensor's own
     * data (as a new reference) when it already has it. {@link MemoryFormat#PRESERVE} keeps the layout.
     */
    public Tensor to(MemoryFormat format) {
        Objects.requireNonNull(format, "format");
        switch (format) {
            case CONTIGUOUS:
                return contiguous();
            case CHANNELS_LAST:
                return channelsLast("to");
            default:
                try {
                    return Tensor.wrap(new org.bytedeco.pytorch.Tensor(n()));
                } finally {
                    Reference.reachabilityFence(this);
                }
        }
    }

    private Tensor channelsLast(String op) {
        try {
            return channelsLast(n(), op);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    private Tensor channelsLast(org.bytedeco.pytorch.Tensor self, String op) {
        int dims = (int) self.dim();
        if (dims != 4) {
            throw new IllegalArgumentException(op + "(" + MemoryFormat.CHANNELS_LAST + ") needs a 4-D tensor (N x C x H x W), "
                    + "got " + dims + "-D with shape " + size());
        }
        if (hasChannelsLastStrides(self)) {
            return Tensor.wrap(new org.bytedeco.pytorch.Tensor(self));
        }
        // empty_strided + copy_, not LibTorch's contiguous(ChannelsLast), which keeps NCHW strides when C == 1.
        long[] shape = new long[] {self.size(0), self.size(1), self.size(2), self.size(3)};
        long[] strides = MemoryFormat.channelsLastStrides(shape);
        return Ops.op(() -> {
            org.bytedeco.pytorch.Tensor out;
            try (org.bytedeco.pytorch.TensorOptions o = self.options()) {
                out = torch.empty_strided(shape, strides, o);
            }
            try {
                org.bytedeco.pytorch.Tensor alias = out.copy_(self);
                if (alias != null && alias.address() != out.address()) {
                    alias.close();
                }
            } catch (RuntimeException e) {
                out.close();
                throw e;
            }
            return out;
        });
    }

    private static boolean hasChannelsLastStrides(org.bytedeco.pytorch.Tensor t) {
        if (t.dim() != 4) {
            return false;
        }
        long c = t.size(1), h = t.size(2), w = t.size(3);
        return t.stride(1) == 1 && t.stride(3) == c && t.stride(2) == w * c && t.stride(0) == h * w * c;
    }

    public Tensor clone() {
        return Ops.op(() -> n().clone());
    }

    // ---------------------------------------------------------------- reading back

    /**
     * The single value of a one-element tensor: a {@code Double} for floating-point dtypes, a {@code Long}
     * for integer ones (and 0/1 for bool; {@link #itemBoolean()} gives PyTorch's True/False).
     */
    public Number item() {
        DType d = dtype();
        if (d.isFloatingPoint()) {
            return itemDouble();
        }
        return itemLong();
    }

    public double itemDouble() {
        requireOneElement();
        return Ops.value(() -> {
            try (Scalar s = n().item()) {
                return s.toDouble();
            }
        });
    }

    public float itemFloat() {
        return (float) itemDouble();
    }

    public long itemLong() {
        requireOneElement();
        return Ops.value(() -> {
            try (Scalar s = n().item()) {
                return s.toLong();
            }
        });
    }

    public boolean itemBoolean() {
        requireOneElement();
        return Ops.value(() -> {
            try (Scalar s = n().item()) {
                return s.toBool();
            }
        });
    }

    private void requireOneElement() {
        long numel = numel();
        if (numel != 1) {
            throw new IllegalStateException("item() needs a tensor with exactly one element, but this one has "
                    + numel + " (shape " + size() + ")");
        }
    }

    public float[] toFloatArray() {
        try {
            return NativeData.toFloats(n());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public double[] toDoubleArray() {
        try {
            return NativeData.toDoubles(n());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public long[] toLongArray() {
        try {
            return NativeData.toLongs(n());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public int[] toIntArray() {
        try {
            return NativeData.toInts(n());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Elements as bytes; non-uint8 tensors are converted to uint8 first. */
    public byte[] toByteArray() {
        DType d = dtype();
        try {
            return NativeData.toBytes(n(), d == DType.INT8 || d == DType.BOOL ? d.scalarType : DType.UINT8.scalarType);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public boolean[] toBooleanArray() {
        byte[] b = NativeData.toBytes(n(), DType.BOOL.scalarType);
        Reference.reachabilityFence(this);
        boolean[] out = new boolean[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] != 0;
        }
        return out;
    }

    /** A new direct buffer in native byte order with the elements in this tensor's own type. */
    public ByteBuffer toByteBuffer() {
        try {
            return NativeData.toByteBuffer(n());
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    // ---------------------------------------------------------------- views and reshaping

    public Tensor view(long... shape) {
        checkInferred("view", shape);
        return Ops.op(() -> n().view(shape));
    }

    public Tensor reshape(long... shape) {
        checkInferred("reshape", shape);
        return Ops.op(() -> n().reshape(shape));
    }

    /** At most one {@code -1} in a target shape: LibTorch's own message does not show the shape. */
    private static void checkInferred(String op, long[] shape) {
        int inferred = 0;
        for (long d : shape) {
            if (d == -1) {
                inferred++;
            }
        }
        if (inferred > 1) {
            throw new IllegalArgumentException(op + ": only one dimension can be inferred (-1), but shape "
                    + Arrays.toString(shape) + " has " + inferred);
        }
    }

    public Tensor narrow(int dim, long start, long length) {
        return Ops.op(() -> n().narrow(dim, start, length));
    }

    /**
     * A view of this tensor's storage with the given sizes, strides and storage offset (in elements), as
     * PyTorch's {@code as_strided}; the view must lie inside the storage.
     */
    public Tensor asStrided(long[] size, long[] stride, long storageOffset) {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(stride, "stride");
        if (size.length != stride.length) {
            throw new IllegalArgumentException("asStrided: size " + Arrays.toString(size) + " and stride "
                    + Arrays.toString(stride) + " have different lengths");
        }
        try (LongOptional offset = new LongOptional(storageOffset)) {
            return Ops.op(() -> n().as_strided(size, stride, offset));
        }
    }

    public Tensor t() {
        return Ops.op(() -> n().t());
    }

    public Tensor transpose(int dim0, int dim1) {
        return Ops.op(() -> n().transpose(dim0, dim1));
    }

    public Tensor transpose_(int dim0, int dim1) {
        return Ops.inPlace(this, () -> n().transpose_(dim0, dim1));
    }

    public Tensor permute(long... dims) {
        return Ops.op(() -> n().permute(dims));
    }

    public Tensor expand(long... sizes) {
        return Ops.op(() -> n().expand(sizes));
    }

    public Tensor expandAs(Tensor other) {
        return Ops.op(() -> n().expand_as(other.n()));
    }

    public Tensor squeeze() {
        return Ops.op(() -> n().squeeze());
    }

    public Tensor squeeze(int dim) {
        return Ops.op(() -> n().squeeze(dim));
    }

    public Tensor unsqueeze(int dim) {
        return Ops.op(() -> n().unsqueeze(dim));
    }

    public Tensor flatten() {
        return Ops.op(() -> n().flatten());
    }

    public Tensor flatten(int startDim, int endDim) {
        return Ops.op(() -> n().flatten(startDim, endDim));
    }

    public Tensor[] chunk(int chunks) {
        return chunk(chunks, 0);
    }

    public Tensor[] chunk(int chunks, int dim) {
        return Ops.unpack(Ops.value(() -> n().chunk(chunks, dim)));
    }

    public Tensor[] split(long splitSize) {
        return split(splitSize, 0);
    }

    public Tensor[] split(long splitSize, int dim) {
        return Ops.unpack(Ops.value(() -> n().split(splitSize, dim)));
    }

    /** Splits into pieces of the given sizes along {@code dim}. */
    public Tensor[] splitWithSizes(long[] sizes, int dim) {
        return Ops.unpack(Ops.value(() -> n().split(sizes, dim)));
    }

    public Tensor select(int dim, long index) {
        return Ops.op(() -> n().select(dim, index));
    }

    public Tensor indexSelect(int dim, Tensor index) {
        return Ops.op(() -> n().index_select(dim, index.n()));
    }

    public Tensor gather(int dim, Tensor index) {
        return Ops.op(() -> n().gather(dim, index.n()));
    }

    public Tensor scatter_(int dim, Tensor index, Tensor src) {
        return Ops.inPlace(this, () -> n().scatter_(dim, index.n(), src.n()));
    }

    public Tensor scatter_(int dim, Tensor index, double value) {
        try (Scalar s = new Scalar(value)) {
            return Ops.inPlace(this, () -> n().scatter_(dim, index.n(), s));
        }
    }

    public Tensor maskedSelect(Tensor mask) {
        return Ops.op(() -> n().masked_select(mask.n()));
    }

    public Tensor maskedFill_(Tensor mask, double value) {
        try (Scalar s = new Scalar(value)) {
            return Ops.inPlace(this, () -> n().masked_fill_(mask.n(), s));
        }
    }

    public Tensor maskedFill(Tensor mask, double value) {
        try (Scalar s = new Scalar(value)) {
            return Ops.op(() -> n().masked_fill(mask.n(), s));
        }
    }

    /**
     * Python-style indexing: {@code x.index(0, Index.slice(1L, null))} is {@code x[0, 1:]}. Entries are
     * ints/longs, tensors (masks or positions) or {@link Index} values. Basic indexing returns a view.
     */
    public Tensor index(Object... indices) {
        Index[] idx = Index.all(indices);
        Tensor base = withNewAxes(idx);
        try (TensorIndexVector v = indexVector(idx)) {
            return Ops.op(() -> base.n().index(v));
        }
    }

    /** In-place assignment through an index: {@code x[indices] = value}. */
    public Tensor indexPut_(Object[] indices, Tensor value) {
        Index[] idx = Index.all(indices);
        Tensor base = withNewAxes(idx);
        try (TensorIndexVector v = indexVector(idx)) {
            Ops.inPlace(base, () -> base.n().index_put_(v, value.n()));
            return this;
        }
    }

    /** In-place assignment of a number through an index: {@code x[indices] = value}. */
    public Tensor indexPut_(Object[] indices, double value) {
        Index[] idx = Index.all(indices);
        Tensor base = withNewAxes(idx);
        try (TensorIndexVector v = indexVector(idx); Scalar s = new Scalar(value)) {
            Ops.inPlace(base, () -> base.n().index_put_(v, s));
            return this;
        }
    }

    /**
     * Turns each {@code None} of an index into a size-1 dimension of a view of this tensor, replacing it in
     * {@code idx} by a full slice: {@code x[None, 1]} is {@code x.unsqueeze(0)[:, 1]}. The presets cannot
     * build LibTorch's None index (its Java constructor leaves the index uninitialised), hence this.
     */
    private Tensor withNewAxes(Index[] idx) {
        Tensor base = this;
        int consumed = 0;
        boolean ellipsis = false;
        for (Index i : idx) {
            if (i == Index.ELLIPSIS) {
                ellipsis = true;
            } else if (i != Index.NONE) {
                consumed += i.dimsConsumed();
            }
        }
        int ellipsisDims = ellipsis ? Math.max(0, dim() - consumed) : 0;
        int d = 0;
        for (int k = 0; k < idx.length; k++) {
            if (idx[k] == Index.NONE) {
                base = base.unsqueeze(d);
                idx[k] = Index.all();
                d++;
            } else if (idx[k] == Index.ELLIPSIS) {
                d += ellipsisDims;
            } else {
                d += idx[k].dimsConsumed();
            }
        }
        return base;
    }

    private static TensorIndexVector indexVector(Index[] indices) {
        org.bytedeco.pytorch.TensorIndex[] idx = new org.bytedeco.pytorch.TensorIndex[indices.length];
        for (int i = 0; i < indices.length; i++) {
            idx[i] = indices[i].toNative();
        }
        TensorIndexVector v = new TensorIndexVector(idx);
        for (org.bytedeco.pytorch.TensorIndex ti : idx) {
            ti.close();
        }
        return v;
    }

    // ---------------------------------------------------------------- filling, random, copying

    public Tensor fill_(double value) {
        try (Scalar s = new Scalar(value)) {
            return Ops.inPlace(this, () -> n().fill_(s));
        }
    }

    public Tensor fill_(long value) {
        try (Scalar s = new Scalar(value)) {
            return Ops.inPlace(this, () -> n().fill_(s));
        }
    }

    public Tensor zero_() {
        return Ops.inPlace(this, () -> n().zero_());
    }

    /** Fills with samples of N(0, 1). */
    public Tensor normal_() {
        return normal_(0, 1);
    }

    public Tensor normal_(double mean, double std) {
        return Ops.inPlace(this, () -> n().normal_(mean, std, Ops.NO_GENERATOR));
    }

    /** Fills with samples of U[0, 1). */
    public Tensor uniform_() {
        return uniform_(0, 1);
    }

    public Tensor uniform_(double from, double to) {
        return Ops.inPlace(this, () -> n().uniform_(from, to, Ops.NO_GENERATOR));
    }

    /** Fills with 0/1 samples of Bernoulli(p). */
    public Tensor bernoulli_(double p) {
        return Ops.inPlace(this, () -> n().bernoulli_(p, Ops.NO_GENERATOR));
    }

    /** Fills with samples of Bernoulli(p) where {@code p} holds per-element probabilities. */
    public Tensor bernoulli_(Tensor p) {
        return Ops.inPlace(this, () -> n().bernoulli_(p.n(), Ops.NO_GENERATOR));
    }

    /** Fills with integers uniform in [0, to), as {@code random_(to)}. */
    public Tensor random_(long to) {
        return Ops.inPlace(this, () -> n().random_(to, Ops.NO_GENERATOR));
    }

    /** Fills with integers uniform in [from, to). */
    public Tensor random_(long from, long to) {
        try (LongOptional t = new LongOptional(to)) {
            return Ops.inPlace(this, () -> n().random_(from, t, Ops.NO_GENERATOR));
        }
    }

    public Tensor copy_(Tensor src) {
        return Ops.inPlace(this, () -> n().copy_(src.n()));
    }

    // ---------------------------------------------------------------- pointwise arithmetic

    public Tensor add(Tensor o) {
        return Ops.binary(FastOps.Binary.ADD, this, o);
    }

    /** {@code this + alpha * o}. */
    public Tensor add(Tensor o, double alpha) {
        try (Scalar a = new Scalar(alpha)) {
            return Ops.op(() -> n().add(o.n(), a));
        }
    }

    public Tensor add(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.binary(FastOps.Binary.ADD, this, w.tensor);
        }
    }

    public Tensor add(long v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.binary(FastOps.Binary.ADD, this, w.tensor);
        }
    }

    public Tensor add_(Tensor o) {
        return Ops.inPlace(this, () -> n().add_(o.n()));
    }

    public Tensor add_(Tensor o, double alpha) {
        try (Scalar a = new Scalar(alpha)) {
            return Ops.inPlace(this, () -> n().add_(o.n(), a));
        }
    }

    public Tensor add_(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.inPlace(this, () -> n().add_(w.tensor));
        }
    }

    /** With an integer, so that integer tensors stay integer ({@code x.add_(1)} on int64). */
    public Tensor add_(long v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.inPlace(this, () -> n().add_(w.tensor));
        }
    }

    public Tensor sub(Tensor o) {
        return Ops.binary(FastOps.Binary.SUB, this, o);
    }

    public Tensor sub(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.binary(FastOps.Binary.SUB, this, w.tensor);
        }
    }

    public Tensor sub(long v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.binary(FastOps.Binary.SUB, this, w.tensor);
        }
    }

    public Tensor sub_(Tensor o) {
        return Ops.inPlace(this, () -> n().sub_(o.n()));
    }

    public Tensor sub_(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.inPlace(this, () -> n().sub_(w.tensor));
        }
    }

    /** With an integer, so that integer tensors stay integer ({@code x.sub_(1)} on int64). */
    public Tensor sub_(long v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.inPlace(this, () -> n().sub_(w.tensor));
        }
    }

    public Tensor mul(Tensor o) {
        return Ops.binary(FastOps.Binary.MUL, this, o);
    }

    public Tensor mul(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.binary(FastOps.Binary.MUL, this, w.tensor);
        }
    }

    public Tensor mul(long v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.binary(FastOps.Binary.MUL, this, w.tensor);
        }
    }

    public Tensor mul_(Tensor o) {
        return Ops.inPlace(this, () -> n().mul_(o.n()));
    }

    public Tensor mul_(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.inPlace(this, () -> n().mul_(w.tensor));
        }
    }

    /** With an integer, so that integer tensors stay integer ({@code x.mul_(1)} on int64). */
    public Tensor mul_(long v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.inPlace(this, () -> n().mul_(w.tensor));
        }
    }

    /** True division, as Python's {@code /} (integers give floating point). */
    public Tensor div(Tensor o) {
        return Ops.binary(FastOps.Binary.DIV, this, o);
    }

    public Tensor div(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.binary(FastOps.Binary.DIV, this, w.tensor);
        }
    }

    public Tensor div_(Tensor o) {
        return Ops.inPlace(this, () -> n().div_(o.n()));
    }

    public Tensor div_(double v) {
        try (WrappedNumbers.Operand w = WrappedNumbers.of(n(), v)) {
            return Ops.inPlace(this, () -> n().div_(w.tensor));
        }
    }

    public Tensor neg() {
        return Ops.unary(FastOps.Unary.NEG, this);
    }

    public Tensor abs() {
        return Ops.unary(FastOps.Unary.ABS, this);
    }

    public Tensor pow(double exponent) {
        try (Scalar s = new Scalar(exponent)) {
            return Ops.op(() -> n().pow(s));
        }
    }

    public Tensor pow(long exponent) {
        try (Scalar s = new Scalar(exponent)) {
            return Ops.op(() -> n().pow(s));
        }
    }

    public Tensor pow(Tensor exponent) {
        return Ops.binary(FastOps.Binary.POW, this, exponent);
    }

    public Tensor exp() {
        return Ops.unary(FastOps.Unary.EXP, this);
    }

    public Tensor log() {
        return Ops.unary(FastOps.Unary.LOG, this);
    }

    public Tensor sqrt() {
        return Ops.unary(FastOps.Unary.SQRT, this);
    }

    public Tensor sin() {
        return Ops.unary(FastOps.Unary.SIN, this);
    }

    public Tensor cos() {
        return Ops.unary(FastOps.Unary.COS, this);
    }

    public Tensor tan() {
        return Ops.op(() -> n().tan());
    }

    public Tensor tanh() {
        return Ops.unary(FastOps.Unary.TANH, this);
    }

    public Tensor sigmoid() {
        return Ops.unary(FastOps.Unary.SIGMOID, this);
    }

    public Tensor relu() {
        return Ops.unary(FastOps.Unary.RELU, this);
    }

    public Tensor relu_() {
        return Ops.inPlace(this, () -> n().relu_());
    }

    public Tensor clamp(double min, double max) {
        try (Scalar a = new Scalar(min); Scalar b = new Scalar(max);
                ScalarOptional oa = new ScalarOptional(a); ScalarOptional ob = new ScalarOptional(b)) {
            return Ops.op(() -> n().clamp(oa, ob));
        }
    }

    public Tensor clampMin(double min) {
        try (Scalar a = new Scalar(min)) {
            return Ops.op(() -> n().clamp_min(a));
        }
    }

    public Tensor clampMax(double max) {
        try (Scalar a = new Scalar(max)) {
            return Ops.op(() -> n().clamp_max(a));
        }
    }

    public Tensor floor() {
        return Ops.op(() -> n().floor());
    }

    public Tensor ceil() {
        return Ops.op(() -> n().ceil());
    }

    /** Rounds half to even, as PyTorch. */
    public Tensor round() {
        return Ops.op(() -> n().round());
    }

    public Tensor sign() {
        return Ops.op(() -> n().sign());
    }

    public Tensor reciprocal() {
        return Ops.op(() -> n().reciprocal());
    }

    // ---------------------------------------------------------------- fused and in-place pointwise ops (optimizers)

    /** {@code this - alpha * o}. */
    public Tensor sub(Tensor o, double alpha) {
        try (Scalar a = new Scalar(alpha)) {
            return Ops.op(() -> n().sub(o.n(), a));
        }
    }

    public Tensor sub_(Tensor o, double alpha) {
        try (Scalar a = new Scalar(alpha)) {
            return Ops.inPlace(this, () -> n().sub_(o.n(), a));
        }
    }

    /** {@code this + t1 * t2}, PyTorch's {@code addcmul}. */
    public Tensor addcmul(Tensor t1, Tensor t2) {
        return Ops.op(() -> n().addcmul(t1.n(), t2.n()));
    }

    /** {@code this + value * t1 * t2}. */
    public Tensor addcmul(Tensor t1, Tensor t2, double value) {
        try (Scalar v = new Scalar(value)) {
            return Ops.op(() -> n().addcmul(t1.n(), t2.n(), v));
        }
    }

    public Tensor addcmul_(Tensor t1, Tensor t2) {
        return Ops.inPlace(this, () -> n().addcmul_(t1.n(), t2.n()));
    }

    /** In place {@code this += value * t1 * t2}, as {@code exp_avg_sq.addcmul_(grad, grad, value=1 - beta2)}. */
    public Tensor addcmul_(Tensor t1, Tensor t2, double value) {
        try (Scalar v = new Scalar(value)) {
            return Ops.inPlace(this, () -> n().addcmul_(t1.n(), t2.n(), v));
        }
    }

    /** {@code this + t1 / t2}, PyTorch's {@code addcdiv}. */
    public Tensor addcdiv(Tensor t1, Tensor t2) {
        return Ops.op(() -> n().addcdiv(t1.n(), t2.n()));
    }

    /** {@code this + value * t1 / t2}. */
    public Tensor addcdiv(Tensor t1, Tensor t2, double value) {
        try (Scalar v = new Scalar(value)) {
            return Ops.op(() -> n().addcdiv(t1.n(), t2.n(), v));
        }
    }

    public Tensor addcdiv_(Tensor t1, Tensor t2) {
        return Ops.inPlace(this, () -> n().addcdiv_(t1.n(), t2.n()));
    }

    /** In place {@code this += value * t1 / t2}, as {@code param.addcdiv_(exp_avg, denom, value=-step_size)}. */
    public Tensor addcdiv_(Tensor t1, Tensor t2, double value) {
        try (Scalar v = new Scalar(value)) {
            return Ops.inPlace(this, () -> n().addcdiv_(t1.n(), t2.n(), v));
        }
    }

    /** {@code this + weight * (end - this)}, PyTorch's {@code lerp}. */
    public Tensor lerp(Tensor end, double weight) {
        try (Scalar w = new Scalar(weight)) {
            return Ops.op(() -> n().lerp(end.n(), w));
        }
    }

    public Tensor lerp(Tensor end, Tensor weight) {
        return Ops.op(() -> n().lerp(end.n(), weight.n()));
    }

    public Tensor lerp_(Tensor end, double weight) {
        try (Scalar w = new Scalar(weight)) {
            return Ops.inPlace(this, () -> n().lerp_(end.n(), w));
        }
    }

    public Tensor lerp_(Tensor end, Tensor weight) {
        return Ops.inPlace(this, () -> n().lerp_(end.n(), weight.n()));
    }

    public Tensor sqrt_() {
        return Ops.inPlace(this, () -> n().sqrt_());
    }

    public Tensor neg_() {
        return Ops.inPlace(this, () -> n().neg_());
    }

    public Tensor abs_() {
        return Ops.inPlace(this, () -> n().abs_());
    }

    public Tensor reciprocal_() {
        return Ops.inPlace(this, () -> n().reciprocal_());
    }

    public Tensor clamp_(double min, double max) {
        try (Scalar a = new Scalar(min); Scalar b = new Scalar(max);
                ScalarOptional oa = new ScalarOptional(a); ScalarOptional ob = new ScalarOptional(b)) {
            return Ops.inPlace(this, () -> n().clamp_(oa, ob));
        }
    }

    public Tensor clampMin_(double min) {
        try (Scalar a = new Scalar(min)) {
            return Ops.inPlace(this, () -> n().clamp_min_(a));
        }
    }

    public Tensor clampMax_(double max) {
        try (Scalar a = new Scalar(max)) {
            return Ops.inPlace(this, () -> n().clamp_max_(a));
        }
    }

    // ---------------------------------------------------------------- comparisons and logic

    public Tensor eq(Tensor o) {
        return Ops.op(() -> n().eq(o.n()));
    }

    public Tensor eq(double v) {
        try (Scalar s = new Scalar(v)) {
            return Ops.op(() -> n().eq(s));
        }
    }

    public Tensor ne(Tensor o) {
        return Ops.op(() -> n().ne(o.n()));
    }

    public Tensor ne(double v) {
        try (Scalar s = new Scalar(v)) {
            return Ops.op(() -> n().ne(s));
        }
    }

    public Tensor lt(Tensor o) {
        return Ops.op(() -> n().lt(o.n()));
    }

    public Tensor lt(double v) {
        try (Scalar s = new Scalar(v)) {
            return Ops.op(() -> n().lt(s));
        }
    }

    public Tensor le(Tensor o) {
        return Ops.op(() -> n().le(o.n()));
    }

    public Tensor le(double v) {
        try (Scalar s = new Scalar(v)) {
            return Ops.op(() -> n().le(s));
        }
    }

    public Tensor gt(Tensor o) {
        return Ops.op(() -> n().gt(o.n()));
    }

    public Tensor gt(double v) {
        try (Scalar s = new Scalar(v)) {
            return Ops.op(() -> n().gt(s));
        }
    }

    public Tensor ge(Tensor o) {
        return Ops.op(() -> n().ge(o.n()));
    }

    public Tensor ge(double v) {
        try (Scalar s = new Scalar(v)) {
            return Ops.op(() -> n().ge(s));
        }
    }

    public Tensor logicalAnd(Tensor o) {
        return Ops.op(() -> n().logical_and(o.n()));
    }

    public Tensor logicalOr(Tensor o) {
        return Ops.op(() -> n().logical_or(o.n()));
    }

    public Tensor logicalXor(Tensor o) {
        return Ops.op(() -> n().logical_xor(o.n()));
    }

    public Tensor logicalNot() {
        return Ops.op(() -> n().logical_not());
    }

    public Tensor isnan() {
        return Ops.op(() -> n().isnan());
    }

    /** {@code where(condition, this, other)}: elements of this where condition holds, else of other. */
    public Tensor where(Tensor condition, Tensor other) {
        return Ops.op(() -> n().where(condition.n(), other.n()));
    }

    // ---------------------------------------------------------------- reductions

    public Tensor sum() {
        return Ops.op(() -> n().sum());
    }

    public Tensor sum(int dim) {
        return sum(new long[] {dim}, false);
    }

    public Tensor sum(int dim, boolean keepdim) {
        return sum(new long[] {dim}, keepdim);
    }

    public Tensor sum(long[] dims, boolean keepdim) {
        return Ops.op(() -> n().sum(dims, keepdim, Ops.NO_DTYPE));
    }

    public Tensor mean() {
        return Ops.op(() -> n().mean());
    }

    public Tensor mean(int dim) {
        return mean(new long[] {dim}, false);
    }

    public Tensor mean(int dim, boolean keepdim) {
        return mean(new long[] {dim}, keepdim);
    }

    public Tensor mean(long[] dims, boolean keepdim) {
        return Ops.op(() -> n().mean(dims, keepdim, Ops.NO_DTYPE));
    }

    /** Standard deviation, unbiased (Bessel's correction) like PyTorch's default. */
    public Tensor std() {
        return Ops.op(() -> n().std());
    }

    public Tensor std(boolean unbiased) {
        return Ops.op(() -> n().std(unbiased));
    }

    public Tensor std(int dim) {
        return std(new long[] {dim}, true, false);
    }

    public Tensor std(long[] dims, boolean unbiased, boolean keepdim) {
        return Ops.op(() -> n().std(dims, unbiased, keepdim));
    }

    /** Variance, unbiased like PyTorch's default. */
    public Tensor var() {
        return Ops.op(() -> n().var());
    }

    public Tensor var(boolean unbiased) {
        return Ops.op(() -> n().var(unbiased));
    }

    public Tensor var(int dim) {
        return var(new long[] {dim}, true, false);
    }

    public Tensor var(long[] dims, boolean unbiased, boolean keepdim) {
        return Ops.op(() -> n().var(dims, unbiased, keepdim));
    }

    /** The 2-norm of all elements. */
    public Tensor norm() {
        return Ops.op(() -> n().norm());
    }

    public Tensor norm(double p) {
        try (Scalar s = new Scalar(p)) {
            return Ops.op(() -> n().norm(s));
        }
    }

    public Tensor norm(double p, long[] dims, boolean keepdim) {
        try (Scalar s = new Scalar(p); ScalarOptional o = new ScalarOptional(s)) {
            return Ops.op(() -> n().norm(o, dims, keepdim));
        }
    }

    public Tensor prod() {
        return Ops.op(() -> n().prod());
    }

    public Tensor prod(int dim) {
        return Ops.op(() -> n().prod(dim));
    }

    public Tensor cumsum(int dim) {
        return Ops.op(() -> n().cumsum(dim));
    }

    public Tensor max() {
        return Ops.op(() -> n().max());
    }

    public ValuesIndices max(int dim) {
        return max(dim, false);
    }

    public ValuesIndices max(int dim, boolean keepdim) {
        return pair(Ops.value(() -> n().max(dim, keepdim)));
    }

    /** Element-wise maximum, PyTorch's {@code torch.max(a, b)}. */
    public Tensor maximum(Tensor o) {
        return Ops.binary(FastOps.Binary.MAXIMUM, this, o);
    }

    public Tensor min() {
        return Ops.op(() -> n().min());
    }

    public ValuesIndices min(int dim) {
        return min(dim, false);
    }

    public ValuesIndices min(int dim, boolean keepdim) {
        return pair(Ops.value(() -> n().min(dim, keepdim)));
    }

    public Tensor minimum(Tensor o) {
        return Ops.binary(FastOps.Binary.MINIMUM, this, o);
    }

    public Tensor argmax() {
        return Ops.op(() -> n().argmax());
    }

    public Tensor argmax(int dim) {
        return argmax(dim, false);
    }

    public Tensor argmax(int dim, boolean keepdim) {
        try (LongOptional d = new LongOptional(dim)) {
            return Ops.op(() -> n().argmax(d, keepdim));
        }
    }

    public Tensor argmin() {
        return Ops.op(() -> n().argmin());
    }

    public Tensor argmin(int dim) {
        try (LongOptional d = new LongOptional(dim)) {
            return Ops.op(() -> n().argmin(d, false));
        }
    }

    /** The p-norm of {@code this - other}. */
    public Tensor dist(Tensor other) {
        return Ops.op(() -> n().dist(other.n()));
    }

    public Tensor dist(Tensor other, double p) {
        try (Scalar s = new Scalar(p)) {
            return Ops.op(() -> n().dist(other.n(), s));
        }
    }

    /** {@code |this - other| <= atol + rtol * |other|} everywhere, with PyTorch's defaults 1e-5 and 1e-8. */
    public boolean allclose(Tensor other) {
        return Ops.value(() -> n().allclose(other.n()));
    }

    public boolean allclose(Tensor other, double rtol, double atol) {
        return Ops.value(() -> n().allclose(other.n(), rtol, atol, false));
    }

    /** Same size and elements. */
    public boolean equal(Tensor other) {
        return Ops.value(() -> n().equal(other.n()));
    }

    public Tensor any() {
        return Ops.op(() -> n().any());
    }

    public Tensor all() {
        return Ops.op(() -> n().all());
    }

    private static ValuesIndices pair(T_TensorTensor_T t) {
        try (t) {
            return new ValuesIndices(Ops.adoptCopy(t.get0()), Ops.adoptCopy(t.get1()));
        }
    }

    // ---------------------------------------------------------------- linear algebra

    public Tensor mm(Tensor o) {
        return Ops.binary(FastOps.Binary.MM, this, o);
    }

    public Tensor mv(Tensor v) {
        return Ops.op(() -> n().mv(v.n()));
    }

    public Tensor matmul(Tensor o) {
        return Ops.binary(FastOps.Binary.MATMUL, this, o);
    }

    public Tensor bmm(Tensor o) {
        return Ops.binary(FastOps.Binary.BMM, this, o);
    }

    public Tensor dot(Tensor o) {
        return Ops.op(() -> n().dot(o.n()));
    }

    public Tensor outer(Tensor o) {
        return Ops.op(() -> n().outer(o.n()));
    }

    /** {@code this + mat1 @ mat2}, PyTorch's {@code torch.addmm(input, mat1, mat2)}; this broadcasts. */
    public Tensor addmm(Tensor mat1, Tensor mat2) {
        return Ops.op(() -> n().addmm(mat1.n(), mat2.n()));
    }

    /** {@code beta * this + alpha * (mat1 @ mat2)}, PyTorch's {@code torch.addmm(input, mat1, mat2, beta=, alpha=)}. */
    public Tensor addmm(Tensor mat1, Tensor mat2, double beta, double alpha) {
        try (Scalar b = new Scalar(beta); Scalar a = new Scalar(alpha)) {
            return Ops.op(() -> n().addmm(mat1.n(), mat2.n(), b, a));
        }
    }

    public Tensor inverse() {
        return Ops.op(() -> n().inverse());
    }

    public Tensor det() {
        return Ops.op(() -> n().det());
    }

    // ---------------------------------------------------------------- autograd

    public boolean requiresGrad() {
        return n().requires_grad();
    }

    /** Sets {@code requires_grad} on this (leaf) tensor and returns it. */
    public Tensor requiresGrad_() {
        return requiresGrad_(true);
    }

    public Tensor requiresGrad_(boolean requiresGrad) {
        return Ops.inPlace(this, () -> n().requires_grad_(requiresGrad));
    }

    public boolean isLeaf() {
        return n().is_leaf();
    }

    /**
     * The accumulated gradient, or null before any backward pass reached this tensor (PyTorch's None). The
     * result is a tensor of its own (as {@code g = x.grad} in Python): it shares the gradient's data, and stays
     * valid after {@link #clearGrad()} or after this tensor is released.
     */
    public Tensor grad() {
        // LibTorch returns a reference to the field inside this tensor's autograd metadata: take our own
        // handle to the gradient, or the result would follow the field and dangle once this tensor is freed.
        org.bytedeco.pytorch.Tensor g = Ops.value(() -> n().grad());
        if (!g.defined()) {
            g.close();
            return null;
        }
        return Ops.adoptCopy(g);
    }

    /** Sets the gradient to null, as {@code x.grad = None}. */
    public void clearGrad() {
        try (org.bytedeco.pytorch.Tensor undefined = new org.bytedeco.pytorch.Tensor()) {
            Ops.run(() -> n().mutable_grad().put(undefined));
        }
    }

    /** Computes gradients of this scalar and accumulates them into the leaves. */
    public void backward() {
        requireScalarForImplicitGradient();
        Ops.run(() -> n().backward());
    }

    /** Backward pass with an explicit gradient of the output (for non-scalar outputs). */
    public void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        if (gradient == null) {
            requireScalarForImplicitGradient();
        }
        try (org.bytedeco.pytorch.BoolOptional retain = new org.bytedeco.pytorch.BoolOptional(retainGraph);
                org.bytedeco.pytorch.TensorArrayRefOptional allLeaves = new org.bytedeco.pytorch.TensorArrayRefOptional()) {
            org.bytedeco.pytorch.Tensor g = gradient == null ? ones_like_native() : gradient.n();
            try {
                Ops.run(() -> n().backward(g, retain, createGraph, allLeaves));
            } finally {
                if (gradient == null) {
                    g.close();
                }
                Reference.reachabilityFence(gradient);
            }
        }
    }

    /** Backward pass of a scalar keeping the graph for another pass, PyTorch's {@code backward(retain_graph=True)}. */
    public void backward(boolean retainGraph) {
        backward(null, retainGraph, false);
    }

    /**
     * PyTorch's rule for {@code backward()} without a gradient: a tensor that requires grad must have one
     * element (the gradient 1 is implied). Checked here so that the message shows the shape, and so that
     * {@code backward(null, ...)} does not silently use a gradient of ones for a non-scalar.
     */
    private void requireScalarForImplicitGradient() {
        if (requiresGrad() && numel() != 1) {
            throw new TorchException("grad can be implicitly created only for scalar outputs, but this tensor has "
                    + numel() + " elements (shape " + size() + "): pass the output's gradient, backward(gradient)");
        }
    }

    private org.bytedeco.pytorch.Tensor ones_like_native() {
        return Ops.value(() -> torch.ones_like(n()));
    }

    /**
     * Replaces this tensor's data with {@code data}'s (shape, dtype and device may change), keeping this
     * object, its autograd identity and whoever refers to it: what {@code param.data = x} does in PyTorch.
     */
    public Tensor setData_(Tensor data) {
        Ops.run(() -> n().set_data(data.n()));
        return this;
    }

    public Tensor detach() {
        return Ops.op(() -> n().detach());
    }

    public Tensor detach_() {
        return Ops.inPlace(this, () -> n().detach_());
    }

    /** Keeps {@code grad} for this non-leaf tensor after backward. */
    public Tensor retainGrad() {
        Ops.run(() -> n().retain_grad());
        return this;
    }

    /** The name of the autograd node that produced this tensor, e.g. {@code AddmmBackward0}, or null for a leaf. */
    public String gradFn() {
        try (Node node = n().grad_fn()) {
            if (node == null || node.isNull()) {
                return null;
            }
            String name = node.name().getString();
            int sep = name.lastIndexOf("::");
            return sep >= 0 ? name.substring(sep + 2) : name;
        }
    }

    // ---------------------------------------------------------------- printing

    /** Prints as PyTorch does: {@code tensor([[1.1250, 1.1250]], grad_fn=<AddBackward0>)}. */
    @Override
    public String toString() {
        if (h.isReleased()) {
            return "tensor(<released #" + h.id() + ">)";
        }
        return TensorPrinter.print(this);
    }

    static long[] checkShape(long[] shape) {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        return shape;
    }
}
