package org.torch4j;

import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Element types of tensors, with PyTorch's names: {@code DType.FLOAT32.toString()} is {@code torch.float32}.
 *
 * <pre>{@code
 * Tensor x = Torch.zeros(1, 3).to(DType.INT64);
 * x.dtype();   // torch.int64
 * }</pre>
 */
public enum DType {
    FLOAT16("float16", ScalarType.Half, 2, true),
    BFLOAT16("bfloat16", ScalarType.BFloat16, 2, true),
    FLOAT32("float32", ScalarType.Float, 4, true),
    FLOAT64("float64", ScalarType.Double, 8, true),
    UINT8("uint8", ScalarType.Byte, 1, false),
    INT8("int8", ScalarType.Char, 1, false),
    INT16("int16", ScalarType.Short, 2, false),
    INT32("int32", ScalarType.Int, 4, false),
    INT64("int64", ScalarType.Long, 8, false),
    BOOL("bool", ScalarType.Bool, 1, false);

    private final String pyName;
    final ScalarType scalarType;
    private final int itemSize;
    private final boolean floatingPoint;

    DType(String pyName, ScalarType scalarType, int itemSize, boolean floatingPoint) {
        this.pyName = pyName;
        this.scalarType = scalarType;
        this.itemSize = itemSize;
        this.floatingPoint = floatingPoint;
    }

    /** Bytes per element. */
    public int itemSize() {
        return itemSize;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The PyTorch name without the {@code torch.} prefix, e.g. {@code float32}. */
    public String pyName() {
        return pyName;
    }

    static DType of(ScalarType st) {
        for (DType d : values()) {
            if (d.scalarType.value == st.value) {
                return d;
            }
        }
        throw new TorchException("torch4j does not support LibTorch's scalar type " + st);
    }

    /** Prints as PyTorch does: {@code torch.float32}. */
    @Override
    public String toString() {
        return "torch." + pyName;
    }
}
