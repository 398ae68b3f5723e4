package org.torch4j.datasets;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Unpacks a {@code .tar.gz} archive (ustar, GNU or pax headers) into a directory, for the CIFAR
 * downloads. Only regular files and directories are created; a link, a device, an absolute name or a
 * name reaching outside the target directory (such as {@code ../evil}) is refused before anything of
 * it is written. Each file is written to a temporary name and renamed into place, so a file with its
 * final name is always complete.
 *
 * <pre>{@code
 * List<Path> files = TarGz.extract(Path.of("cifar-10-binary.tar.gz"), Path.of("data"));
 * // data/cifar-10-batches-bin/data_batch_1.bin, ...
 * }</pre>
 */
public final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /**
     * Unpacks {@code archive} into {@code targetDir} (created when missing), replacing files of the
     * same names.
     *
     * @return the regular files written, relative to {@code targetDir}, in archive order
     * @throws ArchiveException     if the archive is corrupt, truncated or holds a refused entry
     * @throws UncheckedIOException if reading the archive or writing the target fails otherwise
     */
    public static List<Path> extract(Path archive, Path targetDir) {
        Objects.requireNonNull(archive, "archive");
        Objects.requireNonNull(targetDir, "targetDir");
        if (!Files.isRegularFile(archive)) {
            throw new UncheckedIOException(new IOException(archive + ": expected a regular file, found "
                    + (Files.isDirectory(archive) ? "a directory" : "nothing")));
        }
        try {
            Files.createDirectories(targetDir);
            Path base = targetDir.toRealPath();
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive)), 1 << 16)) {
                return new Reader(archive, in, base).run();
            }
        } catch (ZipException | EOFException e) {
            // GZIPInputStream reports corrupt or cut-off gzip data this way.
            throw new ArchiveException(archive, "gzip data corrupt or truncated: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(archive + ": " + e.getMessage(), e);
        }
    }

    /** One pass over the tar stream. */
    private static final class Reader {
        private final Path archive;
        private final InputStream in;
        private final Path base;
        private final byte[] header = new byte[BLOCK];
        private final List<Path> written = new ArrayList<>();

        Reader(Path archive, InputStream in, Path base) {
            this.archive = archive;
            this.in = in;
            this.base = base;
        }

        List<Path> run() throws IOException {
            String longName = null;   // from a GNU 'L' or pax 'x' entry, for the next entry only
            while (true) {
                if (!readBlock(header)) {
                    throw new ArchiveException(archive, "truncated: expected an end-of-archive block after "
                            + written.size() + " files, found end of data");
                }
                if (isZero(header)) {
                    return List.copyOf(written);   // end of archive; anything after it is padding
                }
                verifyChecksum();
                String name = longName != null ? longName : headerName();
                longName = null;
                long size = parseNumber(124, 12, "size", name);
                char type = (char) header[156];
                switch (type) {
                    case '0', '\0', '7' -> writeFile(name, size);
                    case '5' -> {
                        Files.createDirectories(safeTarget(name, true));
                        skip(size, name);
                    }
                    case 'L' -> longName = cString(readData(size, name), 0, (int) size);
                    case 'x' -> longName = paxPath(readData(size, name), name);
                    case 'g' -> skip(size, name);   // global pax defaults: nothing we use
                    default -> throw new ArchiveException(archive, "entry '" + name
                            + "': expected a regular file or directory, found tar type '" + printable(type) + "'");
                }
            }
        }

        private void writeFile(String name, long size) throws IOException {
            Path dest = safeTarget(name, false);
            Files.createDirectories(dest.getParent());
            // A symbolic link already in the target tree must not carry the file elsewhere.
            if (!dest.getParent().toRealPath().startsWith(base)) {
                throw new ArchiveException(archive, "entry '" + name + "': expected a path inside " + base
                        + ", found one leading to " + dest.getParent().toRealPath());
            }
            Path tmp = Files.createTempFile(dest.getParent(), "." + dest.getFileName(), ".part");
            boolean done = false;
            try {
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    copy(size, name, out);
                }
                skipPadding(size, name);
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                done = true;
            } finally {
                if (!done) {
                    Files.deleteIfExists(tmp);
                }
            }
            written.add(base.relativize(dest));
        }

        private Path safeTarget(String name, boolean directory) {
            if (name.isEmpty()) {
                throw new ArchiveException(archive, "entry with an empty name");
            }
            if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
                throw new ArchiveException(archive, "entry '" + name
                        + "': expected a relative path, found an absolute one");
            }
            Path dest = base.resolve(name).normalize();
            if (!dest.startsWith(base) || (!directory && dest.equals(base))) {
                throw new ArchiveException(archive, "entry '" + name + "': expected a path inside " + base
                        + ", found one leading to " + dest);
            }
            return dest;
        }

        private void verifyChecksum() {
            long stored = parseNumber(148, 8, "checksum", headerName());
            long unsigned = 0;
            long signed = 0;
            for (int i = 0; i < BLOCK; i++) {
                int b = (i >= 148 && i < 156) ? ' ' : header[i];
                unsigned += b & 0xff;
                signed += (i >= 148 && i < 156) ? ' ' : header[i];
            }
            if (stored != unsigned && stored != signed) {
                throw new ArchiveException(archive, "corrupt tar header for '" + headerName()
                        + "': expected checksum " + stored + ", computed " + unsigned);
            }
        }

        private String headerName() {
            String name = cString(header, 0, 100);
            boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
            String prefix = ustar ? cString(header, 345, 155) : "";
            return prefix.isEmpty() ? name : prefix + "/" + name;
        }

        /** Octal (NUL/space padded), or GNU base-256 when the first byte has its top bit set. */
        private long parseNumber(int off, int len, String field, String entry) {
            if ((header[off] & 0x80) != 0) {
                long v = header[off] & 0x7f;
                for (int i = 1; i < len; i++) {
                    v = (v << 8) | (header[off + i] & 0xff);
                }
                return v;
            }
            long v = 0;
            boolean any = false;
            for (int i = off; i < off + len; i++) {
                byte b = header[i];
                if (b == 0 || b == ' ') {
                    if (any) {
                        break;
                    }
                    continue;
                }
                if (b < '0' || b > '7') {
                    throw new ArchiveException(archive, "corrupt tar header for '" + entry + "': expected an octal "
                            + field + ", found byte 0x" + Integer.toHexString(b & 0xff));
                }
                v = v * 8 + (b - '0');
                any = true;
            }
            return v;
        }

        private String paxPath(byte[] data, String entry) {
            // Records are "<length> <key>=<value>\n", the length counting the whole record.
            int pos = 0;
            String path = null;
            while (pos < data.length) {
                int space = pos;
                while (space < data.length && data[space] != ' ') {
                    space++;
                }
                int len;
                try {
                    len = Integer.parseInt(new String(data, pos, space - pos, StandardCharsets.US_ASCII));
                } catch (NumberFormatException e) {
                    throw new ArchiveException(archive, "corrupt pax header before '" + entry
                            + "': expected a record length at byte " + pos, e);
                }
                if (len <= space - pos || pos + len > data.length) {
                    throw new ArchiveException(archive, "corrupt pax header before '" + entry
                            + "': record length " + len + " at byte " + pos + " exceeds the header");
                }
                String record = new String(data, space + 1, pos + len - space - 2, StandardCharsets.UTF_8);
                if (record.startsWith("path=")) {
                    path = record.substring(5);
                }
                pos += len;
            }
            return path;
        }

        private byte[] readData(long size, String entry) throws IOException {
            if (size > 1 << 20) {
                throw new ArchiveException(archive, "extended header before '" + entry
                        + "': expected at most 1 MiB, found " + size + " bytes");
            }
            byte[] data = new byte[(int) size];
            if (in.readNBytes(data, 0, data.length) != data.length) {
                throw truncated(entry, size);
            }
            skipPadding(size, entry);
            return data;
        }

        private void copy(long size, String entry, OutputStream out) throws IOException {
            byte[] buf = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw truncated(entry, size);
                }
                out.write(buf, 0, n);
                left -= n;
            }
        }

        private void skip(long size, String entry) throws IOException {
            copy(size, entry, OutputStream.nullOutputStream());
            skipPadding(size, entry);
        }

        private void skipPadding(long size, String entry) throws IOException {
            int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
            if (in.readNBytes(new byte[pad], 0, pad) != pad) {
                throw truncated(entry, size);
            }
        }

        private ArchiveException truncated(String entry, long size) {
            return new ArchiveException(archive, "truncated: entry '" + entry + "' expected " + size
                    + " bytes, found end of data");
        }

        private boolean readBlock(byte[] block) throws IOException {
            int n = in.readNBytes(block, 0, BLOCK);
            if (n == 0) {
                return false;
            }
            if (n < BLOCK) {
                throw new ArchiveException(archive, "truncated: expected a " + BLOCK + "-byte tar header, found "
                        + n + " bytes");
            }
            return true;
        }

        private static boolean isZero(byte[] block) {
            for (byte b : block) {
                if (b != 0) {
                    return false;
                }
            }
            return true;
        }

        private static String cString(byte[] b, int off, int len) {
            int end = off;
            while (end < off + len && b[end] != 0) {
                end++;
            }
            return new String(b, off, end - off, StandardCharsets.UTF_8);
        }

        private static String printable(char c) {
            return c >= 32 && c < 127 ? String.valueOf(c) : String.format("\\u%04x", (int) c);
        }
    }
}
