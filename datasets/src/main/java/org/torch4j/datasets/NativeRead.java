package org.torch4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.torch4j.Tensor;

/**
 * Moves file bytes straight into a contiguous CPU tensor's memory: a direct ByteBuffer over the tensor's
 * data is the read target, so a raw file is copied once (kernel to tensor) and never through a Java array.
 */
final class NativeRead {
    // A ByteBuffer addresses at most Integer.MAX_VALUE bytes; larger reads go in windows of this size.
    private static final int WINDOW = 1 << 30;
    private static final int GZIP_CHUNK = 1 << 16;

    private NativeRead() {}

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
