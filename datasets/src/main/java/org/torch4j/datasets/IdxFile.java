package org.torch4j.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.torch4j.DType;
import org.torch4j.Torch;
import org.torch4j.Tensor;

/**
 * Reader of IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed ({@code .gz}): a
 * big-endian header {@code 0x00 0x00 0x08 ndim}, then {@code ndim} 32-bit sizes (the first is the item
 * count), then the bytes. Every field and the exact length are checked.
 */
final class IdxFile {
    static final int UNSIGNED_BYTE = 0x08;
    private static final long MAX_DEFLATE_RATIO = 1100;

    /** Item dimensions after the count: {@code {28, 28}} for images, {@code {}} for labels. */
    private final long[] itemDims;
    /** Shape of one item in the tensor, e.g. {@code {1, 28, 28}} (a channel axis the file does not have). */
    private final long[] tensorItemShape;
    private final String what;

    IdxFile(String what, long[] itemDims, long[] tensorItemShape) {
        this.what = what;
        this.itemDims = itemDims.clone();
        this.tensorItemShape = tensorItemShape.clone();
        if (product(itemDims) != product(tensorItemShape)) {
            throw new IllegalArgumentException("item shape " + Arrays.toString(tensorItemShape) + " does not hold "
                    + Arrays.toString(itemDims));
        }
    }

    int magic() {
        return (UNSIGNED_BYTE << 8) | (itemDims.length + 1);
    }

    int headerBytes() {
        return 4 + 4 * (itemDims.length + 1);
    }

    /**
     * Reads {@code file} (gzip when its name ends in {@code .gz}) into a new uint8 tensor of shape
     * {@code count x tensorItemShape}. A raw file of 1 MiB or more becomes a tensor over a private memory
     * mapping of the file, checked first like any other (see {@link NativeRead#mapped}). The caller owns the tensor (open a {@link org.torch4j.Scope} around
     * this call: on failure nothing else is left behind).
     */
    Tensor read(Path file) {
        if (!Files.exists(file)) {
            throw DataFiles.missing(what, file, "expected an IDX file");
        }
        if (Files.isDirectory(file)) {
            throw new DatasetFormatException(file, "is a directory, expected an IDX file (" + layout("count") + ")");
        }
        try {
            return file.getFileName().toString().endsWith(".gz") ? readGzip(file) : readRaw(file);
        } catch (NoSuchFileException e) {
            throw DataFiles.missing(what, file, "expected an IDX file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private Tensor readRaw(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new DatasetFormatException(file, "empty file (0 bytes), expected an IDX file (" + layout("count") + ")");
            }
            ByteBuffer header = ByteBuffer.allocate(headerBytes());
            while (header.hasRemaining() && ch.read(header, header.position()) >= 0) {
                // positional reads until the header is full or the file ends
            }
            long count = parseHeader(file, header.flip(), header.limit());
            long expected = headerBytes() + count * product(itemDims);
            checkLength(file, count, expected, size, "");
            Tensor mapped = NativeRead.mapped(file, size, headerBytes(), shape(count));
            if (mapped != null) {
                return mapped;
            }
            Tensor t = Torch.empty(shape(count), DType.UINT8);
            long got = NativeRead.fromChannel(ch, headerBytes(), t, 0, expected - headerBytes());
            if (got != expected - headerBytes()) {
                // the file shrank while we read it
                checkLength(file, count, expected, headerBytes() + got, "");
            }
            return t;
        }
    }

    private Tensor readGzip(Path file) throws IOException {
        if (Files.size(file) == 0) {
            throw new DatasetFormatException(file, "empty file (0 bytes), expected gzip data holding an IDX file ("
                    + layout("count") + ")");
        }
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
            byte[] h = new byte[headerBytes()];
            int n = in.readNBytes(h, 0, h.length);
            long count = parseHeader(file, ByteBuffer.wrap(h, 0, n), n);
            long expected = headerBytes() + count * product(itemDims);
            long compressed = Files.size(file);
            // Deflate expands at most about 1032:1, so a header promising more than that is damaged; checking
            // it first avoids allocating a tensor the data can never fill.
            if (expected > MAX_DEFLATE_RATIO * compressed + 1024) {
                throw new DatasetFormatException(file, "truncated data: the header promises " + expected
                        + " bytes (" + count + " items), more than " + compressed
                        + " bytes of gzip data can hold");
            }
            Tensor t = Torch.empty(shape(count), DType.UINT8);
            long got = NativeRead.fromStream(in, t, 0, expected - headerBytes());
            long actual = headerBytes() + got;
            if (got == expected - headerBytes()) {
                actual += in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            checkLength(file, count, expected, actual, " after decompression");
            return t;
        } catch (ZipException | EOFException e) {
            throw new DatasetFormatException(file, "corrupt gzip data: expected a complete gzip stream, found: "
                    + e.getMessage(), e);
        }
    }

    /** Checks magic number and sizes; returns the item count. {@code n} is how many header bytes exist. */
    private long parseHeader(Path file, ByteBuffer h, int n) {
        // The magic number first: a file of another kind is reported as such even when it is short.
        if (n >= 4) {
            int magic = h.getInt(0);
            if (magic != magic()) {
                throw new DatasetFormatException(file, "wrong magic number: expected " + magic() + " ("
                        + hex(magic()) + ": " + describe(magic()) + "), found " + Integer.toUnsignedString(magic)
                        + " (" + hex(magic) + ": " + describe(magic) + ")" + mismatchDetail(magic));
            }
        }
        if (n < headerBytes()) {
            throw new DatasetFormatException(file, "truncated header: expected " + headerBytes() + " header bytes ("
                    + layout("count") + "), found " + n);
        }
        long count = Integer.toUnsignedLong(h.getInt(4));
        long[] found = new long[itemDims.length];
        for (int i = 0; i < found.length; i++) {
            found[i] = Integer.toUnsignedLong(h.getInt(8 + 4 * i));
        }
        if (!Arrays.equals(found, itemDims)) {
            throw new DatasetFormatException(file, "wrong item size: expected " + dims(itemDims) + ", found "
                    + dims(found) + " (" + count + " items)");
        }
        return count;
    }

    private void checkLength(Path file, long count, long expected, long actual, String how) {
        if (actual == expected) {
            return;
        }
        String want = expected + " bytes (" + headerBytes() + "-byte header + " + count
                + (itemDims.length == 0 ? "" : " x " + dims(itemDims)) + " data bytes)";
        if (actual < expected) {
            throw new DatasetFormatException(file, "truncated data: expected " + want + ", found " + actual + how
                    + " (" + (expected - actual) + " missing)");
        }
        throw new DatasetFormatException(file, "trailing bytes: expected " + want + ", found " + actual + how
                + " (" + (actual - expected) + " extra)");
    }

    private String mismatchDetail(int magic) {
        if ((magic >>> 16) != 0) {
            return "; not an IDX header";
        }
        StringBuilder s = new StringBuilder();
        int type = (magic >>> 8) & 0xff;
        int ndim = magic & 0xff;
        if (type != UNSIGNED_BYTE) {
            s.append("; expected data type 0x08 (unsigned byte), found ").append(String.format("0x%02X", type));
        }
        if (ndim != itemDims.length + 1) {
            s.append("; expected ").append(itemDims.length + 1).append(" dimensions, found ").append(ndim);
        }
        return s.toString();
    }

    private static String describe(int magic) {
        if ((magic >>> 16) != 0) {
            return "not IDX";
        }
        int type = (magic >>> 8) & 0xff;
        int ndim = magic & 0xff;
        String typeName = switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0B -> "short";
            case 0x0C -> "int";
            case 0x0D -> "float";
            case 0x0E -> "double";
            default -> "unknown type";
        };
        return typeName + ", " + ndim + (ndim == 1 ? " dimension" : " dimensions");
    }

    private String layout(String count) {
        return "magic " + magic() + ", " + count + (itemDims.length == 0 ? "" : " x " + dims(itemDims)) + " unsigned bytes";
    }

    private long[] shape(long count) {
        long[] s = new long[tensorItemShape.length + 1];
        s[0] = count;
        System.arraycopy(tensorItemShape, 0, s, 1, tensorItemShape.length);
        return s;
    }

    private static String hex(int v) {
        return String.format("0x%08X", v);
    }

    private static String dims(long[] d) {
        return Arrays.stream(d).mapToObj(Long::toString).collect(Collectors.joining(" x "));
    }

    private static long product(long[] d) {
        long p = 1;
        for (long v : d) {
            p *= v;
        }
        return p;
    }
}
