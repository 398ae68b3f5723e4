package org.torch4j.serialization;

import org.torch4j.DType;

/** The storage classes of torch.save files ({@code torch.FloatStorage}, ...) and the dtypes they hold. */
enum StorageKind {
    FLOAT("FloatStorage", DType.FLOAT32),
    DOUBLE("DoubleStorage", DType.FLOAT64),
    HALF("HalfStorage", DType.FLOAT16),
    BFLOAT16("BFloat16Storage", DType.BFLOAT16),
    LONG("LongStorage", DType.INT64),
    INT("IntStorage", DType.INT32),
    SHORT("ShortStorage", DType.INT16),
    CHAR("CharStorage", DType.INT8),
    BYTE("ByteStorage", DType.UINT8),
    BOOL("BoolStorage", DType.BOOL),
    /** {@code torch.UntypedStorage}: raw bytes, read as uint8 (as PyTorch does). */
    UNTYPED("UntypedStorage", DType.UINT8);

    /** Storage classes PyTorch has that torch4j cannot hold, for a clear message. */
    private static final java.util.Set<String> UNSUPPORTED = java.util.Set.of("ComplexFloatStorage",
            "ComplexDoubleStorage", "QInt8Storage", "QUInt8Storage", "QInt32Storage", "QUInt4x2Storage",
            "QUInt2x4Storage", "ComplexHalfStorage");

    final String pyName;
    final DType dtype;

    StorageKind(String pyName, DType dtype) {
        this.pyName = pyName;
        this.dtype = dtype;
    }

    /** The kind of a storage class name, or null if the name is not a storage class. */
    static StorageKind byName(String name) {
        for (StorageKind k : values()) {
            if (k.pyName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    static boolean isUnsupportedStorage(String name) {
        return UNSUPPORTED.contains(name);
    }

    /** The typed storage class that holds {@code dtype}'s elements. */
    static StorageKind of(DType dtype) {
        for (StorageKind k : values()) {
            if (k.dtype == dtype && k != UNTYPED) {
                return k;
            }
        }
        throw new IllegalArgumentException("no storage class for " + dtype);
    }

    @Override
    public String toString() {
        return "torch." + pyName;
    }
}
