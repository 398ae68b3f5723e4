package org.torch4j.serialization;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A buffered byte stream that knows its position, shared by the unpickler and the legacy-format reader
 * (which reads raw storage bytes after the pickles). Every read either gets all the bytes it asks for or
 * throws {@link EOFException}.
 */
final class Source {
    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int bufPos;
    private int bufLen;
    private long pos;

    Source(InputStream in) {
        this.in = in;
    }

    /** Bytes consumed so far. */
    long position() {
        return pos;
    }

    private boolean fill() throws IOException {
        if (bufPos < bufLen) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        bufPos = 0;
        bufLen = n;
        return true;
    }

    /** The next byte (0-255); EOFException at the end. */
    int read() throws IOException {
        if (!fill()) {
            throw new EOFException("unexpected end of data at byte " + pos);
        }
        pos++;
        return buf[bufPos++] & 0xff;
    }

    /** True if nothing is left. */
    boolean atEnd() throws IOException {
        return !fill();
    }

    /** Exactly {@code n} bytes, or EOFException. Memory grows with what is actually read, not with {@code n}. */
    byte[] readBytes(long n) throws IOException {
        if (n < 0 || n > Integer.MAX_VALUE - 16) {
            throw new IOException("length " + n + " at byte " + pos + " is out of range");
        }
        int len = (int) n;
        byte[] out = new byte[Math.min(len, 1 << 20)];
        int done = 0;
        while (done < len) {
            if (!fill()) {
                throw new EOFException("unexpected end of data at byte " + pos + " (" + (len - done)
                        + " more bytes expected)");
            }
            if (done == out.length) {
                out = java.util.Arrays.copyOf(out, (int) Math.min(len, Math.max(2L * out.length, 1)));
            }
            int k = Math.min(bufLen - bufPos, out.length - done);
            System.arraycopy(buf, bufPos, out, done, k);
            bufPos += k;
            done += k;
            pos += k;
        }
        return out;
    }

    /** Fills {@code dst[off, off+len)}; EOFException if the data ends first. */
    void readFully(byte[] dst, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            if (!fill()) {
                throw new EOFException("unexpected end of data at byte " + pos + " (" + (len - done)
                        + " more bytes expected)");
            }
            int k = Math.min(bufLen - bufPos, len - done);
            System.arraycopy(buf, bufPos, dst, off + done, k);
            bufPos += k;
            done += k;
            pos += k;
        }
    }

    /** A little-endian integer of {@code n} bytes (n at most 8), unsigned for n below 8. */
    long readLE(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            v |= ((long) read()) << (8 * i);
        }
        return v;
    }

    /** A line up to and without {@code \n} (for the text opcodes), decoded as Latin-1. */
    String readLine() throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = read()) != '\n') {
            b.append((char) c);
            if (b.length() > 1 << 20) {
                throw new IOException("text line longer than 1 MiB at byte " + pos);
            }
        }
        return b.toString();
    }
}
