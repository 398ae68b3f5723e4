package org.torch4j;

import java.util.Arrays;

/**
 * The sizes of a tensor's dimensions; immutable. Prints like PyTorch: {@code torch.Size([2, 5])}.
 *
 * <pre>{@code
 * Shape s = Torch.empty(2, 5).size();
 * s.get(0);      // 2
 * s.numel();     // 10
 * }</pre>
 */
public final class Shape {
    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    public static Shape of(long... dims) {
        return new Shape(dims.clone());
    }

    static Shape wrap(long[] dims) {
        return new Shape(dims);
    }

    /** Number of dimensions. */
    public int dim() {
        return dims.length;
    }

    /** Size of dimension {@code d}; negative {@code d} counts from the end, as in Python. */
    public long get(int d) {
        int i = d < 0 ? d + dims.length : d;
        if (i < 0 || i >= dims.length) {
            throw new IndexOutOfBoundsException("dimension " + d + " is out of range for a shape with "
                    + dims.length + " dimension(s) " + this);
        }
        return dims[i];
    }

    /** Product of all sizes (1 for a scalar). */
    public long numel() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    public long[] toArray() {
        return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape && Arrays.equals(dims, ((Shape) o).dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("torch.Size([");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(dims[i]);
        }
        return b.append("])").toString();
    }
}
