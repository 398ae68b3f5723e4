package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarGzTest {
    private static final String LONG_NAME = "top/sub/" + "f".repeat(120) + ".txt";

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void extractsFilesAndDirectories() throws IOException {
        byte[] big = DownloaderTest.randomBytes(5000, 5);
        Path archive = write("a.tar.gz", new TarWriter().dir("d/").dir("d/e/").file("d/e/big.bin", big)
                .file("top.txt", "hi".getBytes(StandardCharsets.US_ASCII)).file("empty", new byte[0]).tarGz());
        Path out = dir.resolve("out");
        List<Path> files = TarGz.extract(archive, out);
        assertEquals(List.of(Path.of("d/e/big.bin"), Path.of("top.txt"), Path.of("empty")), files);
        assertArrayEquals(big, Files.readAllBytes(out.resolve("d/e/big.bin")));
        assertEquals("hi", Files.readString(out.resolve("top.txt")));
        assertEquals(0, Files.size(out.resolve("empty")));
        assertNoPartFiles(out);
    }

    @Test
    void replacesExistingFiles() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("x.txt"), "old and longer");
        Path archive = write("a.tar.gz", new TarWriter().file("x.txt", "new".getBytes(StandardCharsets.US_ASCII)).tarGz());
        TarGz.extract(archive, out);
        assertEquals("new", Files.readString(out.resolve("x.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu-longname.tar.gz", "pax-longname.tar.gz"})
    void readsLongNamesOfArchivesMadeByGnuTar(String resource) throws IOException {
        Path archive;
        try (InputStream in = TarGzTest.class.getResourceAsStream(resource)) {
            archive = write(resource, in.readAllBytes());
        }
        Path out = dir.resolve("out");
        List<Path> files = TarGz.extract(archive, out);
        assertEquals(List.of(Path.of("top/short.txt"), Path.of(LONG_NAME)), files);   // archive order
        assertEquals("long name content\n", Files.readString(out.resolve(LONG_NAME)));
        assertEquals("short\n", Files.readString(out.resolve("top/short.txt")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/tmp/evil"})
    void refusesEntriesLeavingTheTarget(String name) throws IOException {
        Path archive = write("a.tar.gz", new TarWriter().file("fine.txt", new byte[3])
                .file(name, "x".getBytes(StandardCharsets.US_ASCII)).tarGz());
        Path out = dir.resolve("out");
        ArchiveException e = assertThrows(ArchiveException.class, () -> TarGz.extract(archive, out));
        assertTrue(e.getMessage().startsWith(archive + ": entry '" + name + "': expected a"), e.getMessage());
        assertEquals(archive, e.archive());
        assertFalse(Files.exists(dir.resolve("evil")));
        assertFalse(Files.exists(Path.of("/tmp/evil")) && name.startsWith("/tmp"), "wrote /tmp/evil");
    }

    @Test
    void refusesSymbolicLinkEntries() throws IOException {
        Path archive = write("a.tar.gz", new TarWriter().entry("link", new byte[0], '2').tarGz());
        ArchiveException e = assertThrows(ArchiveException.class, () -> TarGz.extract(archive, dir.resolve("out")));
        assertEquals(archive + ": entry 'link': expected a regular file or directory, found tar type '2'",
                e.getMessage());
    }

    @Test
    void refusesWritingThroughAnExistingSymbolicLink() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(out.resolve("sneaky"), outside);
        Path archive = write("a.tar.gz", new TarWriter().file("sneaky/f.txt", new byte[1]).tarGz());
        ArchiveException e = assertThrows(ArchiveException.class, () -> TarGz.extract(archive, out));
        assertTrue(e.getMessage().contains("entry 'sneaky/f.txt': expected a path inside"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("f.txt")));
    }

    @Test
    void detectsCorruptHeaderChecksum() throws IOException {
        byte[] tar = new TarWriter().file("x.txt", new byte[4]).tar();
        tar[10] = 'Q';   // inside the name field: the stored checksum no longer matches
        Path archive = write("a.tar.gz", TarWriter.gzip(tar));
        ArchiveException e = assertThrows(ArchiveException.class, () -> TarGz.extract(archive, dir.resolve("out")));
        assertTrue(e.getMessage().contains("corrupt tar header for 'x.txt"), e.getMessage());
        assertTrue(e.getMessage().contains("expected checksum"), e.getMessage());
    }

    @Test
    void detectsTruncatedEntryAndLeavesNoFile() throws IOException {
        byte[] tar = new TarWriter().file("x.bin", new byte[2000]).tar();
        Path archive = write("a.tar.gz", TarWriter.gzip(Arrays.copyOf(tar, 512 + 1000)));
        Path out = dir.resolve("out");
        ArchiveException e = assertThrows(ArchiveException.class, () -> TarGz.extract(archive, out));
        assertEquals(archive + ": truncated: entry 'x.bin' expected 2000 bytes, found end of data", e.getMessage());
        assertFalse(Files.exists(out.resolve("x.bin")));
        assertNoPartFiles(out);
    }

    @Test
    void detectsMissingEndOfArchive() throws IOException {
        byte[] tar = new TarWriter().file("x.bin", new byte[512]).tar();
        Path archive = write("a.tar.gz", TarWriter.gzip(Arrays.copyOf(tar, 1024)));
        ArchiveException e = assertThrows(ArchiveException.class, () -> TarGz.extract(archive, dir.resolve("out")));
        assertTrue(e.getMessage().contains("truncated: expected an end-of-archive block after 1 files"), e.getMessage());
    }

    @Test
    void detectsCorruptGzip() throws IOException {
        byte[] gz = new TarWriter().file("x.bin", DownloaderTest.randomBytes(4000, 6)).tarGz();
        Path cut = write("cut.tar.gz", Arrays.copyOf(gz, gz.length / 2));
        ArchiveException e = assertThrows(ArchiveException.class, () -> TarGz.extract(cut, dir.resolve("o1")));
        assertTrue(e.getMessage().startsWith(cut + ": gzip data corrupt or truncated"), e.getMessage());

        Path notGzip = write("plain.tar.gz", new TarWriter().file("x.bin", new byte[1]).tar());
        e = assertThrows(ArchiveException.class, () -> TarGz.extract(notGzip, dir.resolve("o2")));
        assertTrue(e.getMessage().startsWith(notGzip + ": gzip data corrupt or truncated"), e.getMessage());
    }

    @Test
    void missingArchiveNamesTheFile() {
        Path missing = dir.resolve("nope.tar.gz");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> TarGz.extract(missing, dir));
        assertEquals(missing + ": expected a regular file, found nothing", e.getCause().getMessage());
    }

    private static void assertNoPartFiles(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".part")).toList());
        }
    }
}
