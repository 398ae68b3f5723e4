package org.torch4j;

import org.bytedeco.pytorch.Slice;
import org.bytedeco.pytorch.SymInt;
import org.bytedeco.pytorch.SymIntOptional;
import org.bytedeco.pytorch.TensorIndex;
import org.bytedeco.pytorch.global.torch;

/**
 * One entry of a Python-style index, for {@link Tensor#index(Object...)} and {@link Tensor#indexPut_}.
 * Plain {@code int}/{@code long} values and tensors may be passed directly.
 *
 * <pre>{@code
 * x.index(0, Index.slice(1, null))          // x[0, 1:]
 * x.index(Index.ELLIPSIS, Index.NONE)       // x[..., None]
 * x.index(Index.slice(null, null, 2))       // x[::2]
 * x.indexPut_(new Object[] {mask}, 0.0)     // x[mask] = 0
 * }</pre>
 */
public final class Index {
    /** {@code None}: inserts a dimension of size 1. */
    public static final Index NONE = new Index(Kind.NONE, 0, null, null, null, null);
    /** {@code ...}: as many full slices as needed. */
    public static final Index ELLIPSIS = new Index(Kind.ELLIPSIS, 0, null, null, null, null);

    private enum Kind { NONE, ELLIPSIS, INTEGER, SLICE, TENSOR }

    private final Kind kind;
    private final long integer;
    private final Long start;
    private final Long stop;
    private final Long step;
    private final Tensor tensor;

    private Index(Kind kind, long integer, Long start, Long stop, Long step, Tensor tensor) {
        this.kind = kind;
        this.integer = integer;
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.tensor = tensor;
    }

    /** A single position: removes the dimension, as {@code x[i]}. */
    public static Index at(long i) {
        return new Index(Kind.INTEGER, i, null, null, null, null);
    }

    /** {@code start:stop}; null stands for an omitted bound. */
    public static Index slice(Long start, Long stop) {
        return slice(start, stop, null);
    }

    /** {@code start:stop:step}; null stands for an omitted part. */
    public static Index slice(Long start, Long stop, Long step) {
        if (step != null && step <= 0) {
            throw new IllegalArgumentException("slice step must be positive, got " + step);
        }
        return new Index(Kind.SLICE, 0, start, stop, step, null);
    }

    /** {@code :}, the whole dimension. */
    public static Index all() {
        return slice(null, null, null);
    }

    /** Advanced indexing by a bool mask or by int64 positions. */
    public static Index tensor(Tensor t) {
        return new Index(Kind.TENSOR, 0, null, null, null, t);
    }

    /** The entries of a Python-style index, converted. */
    static Index[] all(Object[] indices) {
        Index[] out = new Index[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = of(indices[i]);
        }
        return out;
    }

    /** How many dimensions of the indexed tensor this entry uses up (a bool mask: its own rank). */
    int dimsConsumed() {
        switch (kind) {
            case NONE:
            case ELLIPSIS:
                return 0;
            case TENSOR:
                return tensor.dtype() == DType.BOOL ? Math.max(1, tensor.dim()) : 1;
            default:
                return 1;
        }
    }

    static Index of(Object o) {
        if (o instanceof Index) {
            return (Index) o;
        }
        if (o instanceof Integer || o instanceof Long || o instanceof Short || o instanceof Byte) {
            return at(((Number) o).longValue());
        }
        if (o instanceof Tensor) {
            return tensor((Tensor) o);
        }
        throw new IllegalArgumentException("cannot index with " + (o == null ? "null (use Index.NONE for None)"
                : o.getClass().getSimpleName() + " " + o) + ": expected an int, a long, a Tensor or an Index");
    }

    TensorIndex toNative() {
        switch (kind) {
            case NONE:
                // Tensor turns None into a new axis before indexing (see Tensor.withNewAxes).
                throw new IllegalStateException("None must be resolved before building a native index");
            case ELLIPSIS:
                return new TensorIndex(torch.Ellipsis());
            case INTEGER:
                return new TensorIndex(integer);
            case TENSOR:
                return new TensorIndex(tensor.n());
            default:
                try (SymIntOptional a = opt(start); SymIntOptional b = opt(stop); SymIntOptional c = opt(step);
                        Slice s = new Slice(a, b, c)) {
                    return new TensorIndex(s);
                }
        }
    }

    private static SymIntOptional opt(Long v) {
        if (v == null) {
            return new SymIntOptional();
        }
        try (SymInt s = new SymInt(v)) {
            return new SymIntOptional(s);
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case NONE:
                return "None";
            case ELLIPSIS:
                return "...";
            case INTEGER:
                return Long.toString(integer);
            case TENSOR:
                return "tensor" + tensor.size();
            default:
                return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == null ? "" : ":" + step);
        }
    }
}
