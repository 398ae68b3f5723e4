package org.torch4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.torch4j.Tensor;

/**
 * Moves file bytes straight into a contiguous CPU tensor's memory: a direct ByteBuffer over the tensor's
 * data is the read target, so a raw file is copied once (kernel to tensor) and never through a Java array.
 */
final class NativeRead {
    private static final Logger log = LoggerFactory.getLogger(NativeRead.class);

    /** System property: {@code false} copies raw dataset files into LibTorch's memory instead of mapping them. */
    static final String MMAP_PROPERTY = "torch4j.datasets.mmap";
    /** Smaller files are copied: a mapping costs a page-aligned region and saves nothing measurable there. */
    static final long MAP_MIN_BYTES = 1 << 20;

    // A ByteBuffer addresses at most Integer.MAX_VALUE bytes; larger reads go in windows of this size.
    private static final int WINDOW = 1 << 30;
    private static final int GZIP_CHUNK = 1 << 16;

    private NativeRead() {}

    /**
     * A uint8 tensor of {@code shape} over a private (copy-on-write) memory mapping of {@code file}, starting at
     * byte {@code offset}; or null when the file is under {@link #MAP_MIN_BYTES}, mapping is switched off
     * ({@code -Dtorch4j.datasets.mmap=false}) or LibTorch cannot map it (the caller then copies).
     *
     * <p>Why: copying the 47 MB MNIST training images costs about 25 ms here, nearly all of it first-touch
     * page faults of the fresh destination; a mapping is made in well under a millisecond and its pages come
     * straight from the page cache when first read. LibTorch's {@code from_file} owns the mapping: it is
     * unmapped when the last tensor over it is released, and the file may be renamed or deleted meanwhile.
     * Writes to the tensor stay private to the process. The caller has checked header and length; the one
     * thing a mapping cannot survive is the file being truncated in place while the tensor lives (reads past
     * the new end fault), which dataset files, replaced by rename when fetched, are not.
     */
    static Tensor mapped(Path file, long fileSize, long offset, long[] shape) {
        if (fileSize < MAP_MIN_BYTES || !Boolean.parseBoolean(System.getProperty(MMAP_PROPERTY, "true"))) {
            return null;
        }
        // JavaCPP reads its settings when its first Pointer is made: LibTorch's loader must set them first.
        org.torch4j.glue.LibTorch.ensureLoaded();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (offset + n > fileSize) {
            return null;
        }
        try (BytePointer name = new BytePointer(file.toAbsolutePath().toString(),
                        System.getProperty("sun.jnu.encoding", "UTF-8"));
                BoolOptional shared = new BoolOptional(false);
                LongOptional size = new LongOptional(fileSize);
                TensorOptions uint8 = new TensorOptions(torch.ScalarType.Byte);
                org.bytedeco.pytorch.Tensor whole = torch.from_file(name, shared, size, uint8);
                org.bytedeco.pytorch.Tensor data = whole.narrow(0, offset, n)) {
            return Tensor.wrap(data.view(shape));
        } catch (RuntimeException | java.io.UnsupportedEncodingException e) {
            log.debug("cannot map {}, reading it instead: {}", file, e.getMessage());
            return null;
        }
    }

    /**
     * Reads {@code length} bytes at {@code position} of {@code channel} into {@code t}'s data at byte
     * {@code offset}; returns how many bytes were read before end of file (less than {@code length} only
     * when the file is shorter than its size promised).
     */
    static long fromChannel(FileChannel channel, long position, Tensor t, long offset, long length) throws IOException {
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(WINDOW, length - done);
            ByteBuffer dst = window(t, offset + done, n);
            while (dst.hasRemaining()) {
                int r = channel.read(dst, position + done + dst.position());
                if (r < 0) {
                    return done + dst.position();
                }
            }
            done += n;
        }
        return done;
    }

    /**
     * Reads up to {@code length} bytes of {@code in} into {@code t}'s data at byte {@code offset}; returns how
     * many arrived before the stream ended. Used for gzip streams, whose inflater hands out Java arrays.
     */
    static long fromStream(InputStream in, Tensor t, long offset, long length) throws IOException {
        byte[] chunk = new byte[(int) Math.min(GZIP_CHUNK, Math.max(1, length))];
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(WINDOW, length - done);
            ByteBuffer dst = window(t, offset + done, n);
            while (dst.hasRemaining()) {
                int r = in.read(chunk, 0, Math.min(chunk.length, dst.remaining()));
                if (r < 0) {
                    return done + dst.position();
                }
                dst.put(chunk, 0, r);
            }
            done += n;
        }
        return done;
    }

    private static ByteBuffer window(Tensor t, long offset, int length) {
        Pointer base = t.unwrap().data_ptr();
        // getPointer rebases the address; position() would not (asByteBuffer keeps it as the buffer position).
        ByteBuffer b = new BytePointer(base).getPointer(offset).capacity(length).asByteBuffer();
        if (b.position() != 0 || b.remaining() != length) {
            throw new IllegalStateException("expected a " + length + "-byte window, got " + b);
        }
        return b;
    }
}
