package org.torch4j.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/** Writes small ustar archives for tests, byte by byte as the format defines them. */
final class TarWriter {
    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    TarWriter file(String name, byte[] data) {
        return entry(name, data, '0');
    }

    TarWriter dir(String name) {
        return entry(name, new byte[0], '5');
    }

    TarWriter entry(String name, byte[] data, char type) {
        byte[] h = new byte[512];
        put(h, 0, name, 100);
        put(h, 100, "0000644", 8);
        put(h, 108, "0000000", 8);
        put(h, 116, "0000000", 8);
        put(h, 124, String.format("%011o", data.length), 12);
        put(h, 136, "00000000000", 12);
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        h[156] = (byte) type;
        put(h, 257, "ustar", 6);
        put(h, 263, "00", 2);
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum), 7);
        tar.writeBytes(h);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    /** The archive with its two end blocks. */
    byte[] tar() {
        var copy = new ByteArrayOutputStream();
        copy.writeBytes(tar.toByteArray());
        copy.writeBytes(new byte[1024]);
        return copy.toByteArray();
    }

    byte[] tarGz() {
        return gzip(tar());
    }

    static byte[] gzip(byte[] data) {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void put(byte[] h, int off, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > max) {
            throw new IllegalArgumentException(s + " longer than " + max);
        }
        System.arraycopy(b, 0, h, off, b.length);
    }
}
