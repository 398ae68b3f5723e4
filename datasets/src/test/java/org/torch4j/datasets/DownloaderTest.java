package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real HTTP server on 127.0.0.1; nothing leaves the machine. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DownloaderTest {
    private static final byte[] DATA = randomBytes(200_000, 1);
    private static final String MD5 = md5(DATA);
    private static final RemoteResource FILE = RemoteResource.file("a.bin", MD5);

    @TempDir
    Path dir;
    private LoopbackServer server;
    /** Generous timeouts, so that a busy machine does not fail tests that are not about timeouts. */
    private final Downloader downloader = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(5));
    /** For the timeout tests: the stalled server waits 10 s, far beyond this. */
    private final Downloader impatient = new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(1));

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void downloadsGoodFileAndVerifiesIt() throws IOException {
        server.serve("/m1/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(server.base("m1")));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
        assertEquals(1, server.requests("/m1/a.bin"));
        assertNoPartFiles();
        assertTrue(Downloader.isPresent(dir, FILE));
    }

    @Test
    void existingValidFileMakesNoRequest() throws IOException {
        Files.write(dir.resolve("a.bin"), DATA);
        server.serve("/m1/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(server.base("m1")));
        assertEquals(0, server.totalRequests());
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
    }

    @Test
    void existingCorruptFileIsDownloadedAgain() throws IOException {
        byte[] bad = DATA.clone();
        bad[1000] ^= 1;
        Files.write(dir.resolve("a.bin"), bad);
        assertFalse(Downloader.isPresent(dir, FILE));
        server.serve("/m1/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(server.base("m1")));
        assertEquals(1, server.requests("/m1/a.bin"));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
    }

    @Test
    void leftoverPartFileFromACrashIsReplaced() throws IOException {
        Files.write(dir.resolve("a.bin.part"), randomBytes(300_000, 9));   // longer than the real file
        server.serve("/m1/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(server.base("m1")));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
        assertNoPartFiles();
    }

    @Test
    void corruptFileOnFirstMirrorFallsBackToSecond() throws IOException {
        byte[] bad = DATA.clone();
        bad[7] ^= (byte) 0x80;
        server.serve("/m1/a.bin", bad).serve("/m2/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(server.base("m1"), server.base("m2")));
        assertEquals(1, server.requests("/m1/a.bin"));
        assertEquals(1, server.requests("/m2/a.bin"));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
        assertNoPartFiles();
    }

    @Test
    void notFoundOnFirstMirrorFallsBackToSecond() throws IOException {
        server.serve("/m2/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(server.base("m1"), server.base("m2")));
        assertEquals(1, server.requests("/m1/a.bin"));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
    }

    @Test
    void allMirrorsFailingAreListedWithTheirReasons() throws IOException {
        byte[] bad = randomBytes(DATA.length, 2);
        server.serve("/m1/a.bin", bad);   // m2 has nothing: 404
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader.fetch(dir, List.of(FILE), List.of(server.base("m1"), server.base("m2"))));
        assertEquals(2, e.failures().size());
        assertEquals(server.base("m1").resolve("a.bin"), e.failures().get(0).url());
        assertEquals("MD5 mismatch: expected " + MD5 + ", got " + md5(bad) + " (" + bad.length + " bytes)",
                e.failures().get(0).reason());
        assertEquals("HTTP 404", e.failures().get(1).reason());
        assertTrue(e.getMessage().contains("a.bin"), e.getMessage());
        assertTrue(e.getMessage().contains(server.base("m2") + "a.bin: HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("MD5 mismatch"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("a.bin")));
        assertNoPartFiles();
    }

    @Test
    void noMirrorsIsAnError() {
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader.fetch(dir, List.of(FILE), List.of()));
        assertTrue(e.getMessage().contains("no mirror configured"), e.getMessage());
    }

    @Test
    void connectionDroppedMidBodyLeavesNothing() throws Exception {
        try (ServerSocket raw = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExecutorService ex = Executors.newSingleThreadExecutor();
            Future<?> served = ex.submit(() -> {
                try (Socket s = raw.accept()) {
                    s.getInputStream().read(new byte[4096]);   // the request
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + DATA.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(DATA, 0, DATA.length / 2);
                    out.flush();
                }   // closing the socket cuts the body at half its length
                return null;
            });
            URI mirror = URI.create("http://127.0.0.1:" + raw.getLocalPort() + "/m/");
            DownloadException e = assertThrows(DownloadException.class,
                    () -> downloader.fetch(dir, List.of(FILE), List.of(mirror)));
            served.get(5, TimeUnit.SECONDS);
            ex.shutdownNow();
            String reason = e.failures().get(0).reason();
            assertTrue(reason.startsWith("connection failed after "), reason);
            assertTrue(reason.contains(" of " + DATA.length + " bytes"), reason);
        }
        assertFalse(Files.exists(dir.resolve("a.bin")));
        assertNoPartFiles();
    }

    @Test
    void stalledBodyTimesOutAndLeavesNothing() throws IOException {
        server.stallAfter("/m1/a.bin", DATA, 50_000).serve("/m2/a.bin", DATA);
        long t0 = System.nanoTime();
        impatient.fetch(dir, List.of(FILE), List.of(server.base("m1"), server.base("m2")));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 8_000, "took " + ms + " ms");
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
        assertNoPartFiles();
    }

    @Test
    void serverSilentBeforeHeadersTimesOut() throws IOException {
        server.handle("/m1/a.bin", ex -> server.release.await(10, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        DownloadException e = assertThrows(DownloadException.class,
                () -> impatient.fetch(dir, List.of(FILE), List.of(server.base("m1"))));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 1_000 && ms < 8_000, "took " + ms + " ms");
        assertTrue(e.failures().get(0).reason().startsWith("timed out: no data for "), e.getMessage());
        assertTrue(e.failures().get(0).reason().endsWith(" after 0 bytes"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("a.bin")));
        assertNoPartFiles();
    }

    @Test
    void stalledBodyReportsBytesReceived() {
        server.stallAfter("/m1/a.bin", DATA, 50_000);
        DownloadException e = assertThrows(DownloadException.class,
                () -> impatient.fetch(dir, List.of(FILE), List.of(server.base("m1"))));
        String reason = e.failures().get(0).reason();
        assertTrue(reason.startsWith("timed out: no data for "), reason);
        assertTrue(reason.endsWith(" after 50000 bytes"), reason);
    }

    @Test
    void refusedConnectionIsReported() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port + "/m/");
        server.serve("/m2/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(closed, server.base("m2")));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
        DownloadException e = assertThrows(DownloadException.class, () -> downloader.fetch(dir,
                List.of(RemoteResource.file("b.bin", MD5)), List.of(closed)));
        assertTrue(e.failures().get(0).reason().startsWith("connection refused"), e.getMessage());
    }

    @Test
    void followsRedirects() throws IOException {
        server.redirect("/old/a.bin", "/new/a.bin").serve("/new/a.bin", DATA);
        downloader.fetch(dir, List.of(FILE), List.of(server.base("old")));
        assertEquals(1, server.requests("/old/a.bin"));
        assertEquals(1, server.requests("/new/a.bin"));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
    }

    @Test
    void archiveIsExtractedAndNotFetchedAgain() throws IOException {
        byte[] batch = randomBytes(3073 * 3, 3);
        byte[] archive = new TarWriter().dir("cifar/").file("cifar/test.bin", batch)
                .file("cifar/names.txt", "cat\ndog\n".getBytes(StandardCharsets.US_ASCII)).tarGz();
        var resource = RemoteResource.tarGz("c.tar.gz", md5(archive), List.of("cifar/test.bin", "cifar/names.txt"));
        server.serve("/m1/c.tar.gz", archive);
        downloader.fetch(dir, List.of(resource), List.of(server.base("m1")));
        assertArrayEquals(batch, Files.readAllBytes(dir.resolve("cifar/test.bin")));
        assertEquals("cat\ndog\n", Files.readString(dir.resolve("cifar/names.txt")));
        assertTrue(Downloader.isPresent(dir, resource));

        Files.delete(dir.resolve("c.tar.gz"));   // extracted files suffice
        downloader.fetch(dir, List.of(resource), List.of(server.base("m1")));
        assertEquals(1, server.totalRequests());

        Files.delete(dir.resolve("cifar/test.bin"));   // missing content: fetched and unpacked again
        downloader.fetch(dir, List.of(resource), List.of(server.base("m1")));
        assertEquals(2, server.totalRequests());
        assertArrayEquals(batch, Files.readAllBytes(dir.resolve("cifar/test.bin")));
    }

    @Test
    void archiveMissingAnExpectedFileIsReported() {
        byte[] archive = new TarWriter().file("cifar/test.bin", new byte[10]).tarGz();
        var resource = RemoteResource.tarGz("c.tar.gz", md5(archive), List.of("cifar/test.bin", "cifar/train.bin"));
        server.serve("/m1/c.tar.gz", archive);
        ArchiveException e = assertThrows(ArchiveException.class,
                () -> downloader.fetch(dir, List.of(resource), List.of(server.base("m1"))));
        assertTrue(e.getMessage().contains("expected the archive to contain 'cifar/train.bin'"), e.getMessage());
    }

    @Test
    void maliciousArchiveEntryIsRefused() throws IOException {
        Path target = dir.resolve("data");
        byte[] archive = new TarWriter().file("../evil", "x".getBytes(StandardCharsets.US_ASCII)).tarGz();
        var resource = RemoteResource.tarGz("c.tar.gz", md5(archive), List.of("ok.bin"));
        server.serve("/m1/c.tar.gz", archive);
        ArchiveException e = assertThrows(ArchiveException.class,
                () -> downloader.fetch(target, List.of(resource), List.of(server.base("m1"))));
        assertTrue(e.getMessage().contains("entry '../evil'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("evil")));
    }

    @Test
    void datasetFetchUsesExplicitMirrorsForEveryResource() throws IOException {
        byte[] other = randomBytes(1234, 4);
        var dataset = new RemoteDataset("toy", List.of(FILE, RemoteResource.file("b.bin", md5(other))),
                List.of(URI.create("http://127.0.0.1:9/never/")));
        server.serve("/toy/a.bin", DATA).serve("/toy/b.bin", other);
        downloader.fetch(dir, dataset, List.of(server.base("toy")));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
        assertArrayEquals(other, Files.readAllBytes(dir.resolve("b.bin")));
        assertEquals(2, server.totalRequests());
    }

    @Test
    void concurrentCallersDownloadOnceAndAgree() throws Exception {
        server.serve("/m1/a.bin", DATA);
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            results.add(pool.submit(() -> {
                go.await();
                downloader.fetch(dir, List.of(FILE), List.of(server.base("m1")));
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : results) {
            f.get(20, TimeUnit.SECONDS);
        }
        pool.shutdownNow();
        assertEquals(1, server.requests("/m1/a.bin"));
        assertArrayEquals(DATA, Files.readAllBytes(dir.resolve("a.bin")));
        assertNoPartFiles();
    }

    @Test
    void rejectsBadArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Downloader(Duration.ZERO, Duration.ofSeconds(1)));
        assertEquals("connectTimeout: expected > 0, got PT0S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> downloader.fetch(dir, List.of(FILE), List.of(URI.create("ftp://127.0.0.1/x/"))));
        assertTrue(e.getMessage().contains("expected an http or https URL, got 'ftp://127.0.0.1/x/'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RemoteResource.file("../a.bin", MD5));
        assertEquals("fileName: expected a plain file name, got '../a.bin'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RemoteResource.file("a.bin", "123"));
        assertEquals("md5 of a.bin: expected 32 hex digits, got '123'", e.getMessage());
    }

    private void assertNoPartFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> parts = s.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
            assertEquals(List.of(), parts);
        }
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String md5(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
