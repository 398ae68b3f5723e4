package org.torch4j.datasets;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches data set files from a list of mirrors into a directory, checking MD5s.
 *
 * <p>For each resource that is missing or whose MD5 does not match, the mirrors are tried in order.
 * The body is streamed into {@code <name>.part} in the same directory while its MD5 is computed, and
 * only a complete file with the expected MD5 is renamed (atomically) to its final name; otherwise the
 * temporary file is deleted and the next mirror is tried. A {@code .part} file left by a crash is
 * simply overwritten. When every mirror fails, a {@link DownloadException} lists each URL and why.
 * Callers in several threads or processes that fetch into the same directory take turns (a lock
 * file, {@code .torch4j-download.lock}), so a file is downloaded once.
 *
 * <p>Nothing here runs unless called: the data set readers call it only when asked to download.
 *
 * <pre>{@code
 * Path raw = Path.of("data", "MNIST", "raw");
 * Downloader.defaults().fetch(raw, DatasetResources.MNIST);                 // default or configured mirrors
 * Downloader.defaults().fetch(raw, DatasetResources.MNIST,
 *         List.of(URI.create("http://intranet.example/mnist/")));            // explicit mirrors
 * new Downloader(Duration.ofSeconds(5), Duration.ofSeconds(20)).fetch(raw, DatasetResources.MNIST);
 * }</pre>
 */
public final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    /** In-process side of the per-directory lock; a JVM may hold a file lock only once. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    static final String LOCK_FILE = ".torch4j-download.lock";
    static final String PART_SUFFIX = ".part";

    private final Duration idleTimeout;
    private final HttpClient client;

    /**
     * @param connectTimeout longest wait for a TCP connection to a mirror
     * @param idleTimeout    longest wait for the response headers or for the next bytes of the body
     */
    public Downloader(Duration connectTimeout, Duration idleTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout: expected > 0, got " + connectTimeout);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout: expected > 0, got " + idleTimeout);
        }
        this.idleTimeout = idleTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** A downloader with a 30 s connect timeout and a 60 s idle timeout. */
    public static Downloader defaults() {
        return new Downloader(Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    /** Fetches {@code dataset} into {@code dir} from its mirrors (see {@link Mirrors}). */
    public void fetch(Path dir, RemoteDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        fetch(dir, dataset.resources(), dataset.mirrors());
    }

    /** Fetches {@code dataset} into {@code dir} from {@code mirrors}, or its configured ones when empty. */
    public void fetch(Path dir, RemoteDataset dataset, List<URI> mirrors) {
        Objects.requireNonNull(dataset, "dataset");
        fetch(dir, dataset.resources(), Mirrors.resolve(dataset, mirrors));
    }

    /**
     * Makes every resource present and valid in {@code dir} (created when missing), downloading from
     * {@code mirrors} (base URLs, tried in order) what is missing or corrupt, and unpacking archives.
     *
     * @throws DownloadException    if a resource could be fetched from no mirror
     * @throws ArchiveException     if a downloaded archive cannot be unpacked or lacks an expected file
     * @throws UncheckedIOException if {@code dir} cannot be written
     */
    public void fetch(Path dir, List<RemoteResource> resources, List<URI> mirrors) {
        Objects.requireNonNull(dir, "dir");
        List<RemoteResource> res = List.copyOf(resources);
        List<URI> bases = mirrors.stream().map(u -> Mirrors.asFolder(u, "mirror")).toList();
        try {
            Files.createDirectories(dir);
            Path real = dir.toRealPath();
            ReentrantLock local = LOCKS.computeIfAbsent(real, p -> new ReentrantLock());
            local.lockInterruptibly();
            try (FileChannel lockChannel = FileChannel.open(real.resolve(LOCK_FILE),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock()) {
                for (RemoteResource r : res) {
                    fetchOne(real, r, bases);
                }
            } finally {
                local.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while waiting to download into "
                    + dir));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code resource} is usable in {@code dir} without any download: for an archive, all its
     * extracted files exist; otherwise the file exists with the expected MD5. Reads the file to check.
     */
    public static boolean isPresent(Path dir, RemoteResource resource) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(resource, "resource");
        if (resource.extractTarGz() && extractedPresent(dir, resource)) {
            return true;
        }
        return !resource.extractTarGz() && md5Matches(dir.resolve(resource.fileName()), resource.md5());
    }

    private void fetchOne(Path dir, RemoteResource r, List<URI> mirrors) throws IOException, InterruptedException {
        if (r.extractTarGz() && extractedPresent(dir, r)) {
            LOG.debug("{}: contents of {} already present", dir, r.fileName());
            return;
        }
        Path file = dir.resolve(r.fileName());
        if (Files.exists(file)) {
            if (md5Matches(file, r.md5())) {
                LOG.debug("{} present with the expected MD5", file);
            } else {
                LOG.warn("{} exists but its MD5 is {}, expected {}: downloading it again", file,
                        Files.isRegularFile(file) ? Md5.of(file) : "(not a regular file)", r.md5());
                download(file, r, mirrors);
            }
        } else {
            download(file, r, mirrors);
        }
        if (r.extractTarGz()) {
            LOG.info("Extracting {} into {}", file, dir);
            TarGz.extract(file, dir);
            for (String expected : r.extractedFiles()) {
                if (!Files.isRegularFile(dir.resolve(expected))) {
                    throw new ArchiveException(file, "expected the archive to contain '" + expected
                            + "', found no such file after extracting it into " + dir);
                }
            }
        }
    }

    private void download(Path file, RemoteResource r, List<URI> mirrors) throws IOException, InterruptedException {
        Path part = file.resolveSibling(file.getFileName() + PART_SUFFIX);
        List<DownloadException.Failure> failures = new ArrayList<>();
        for (URI mirror : mirrors) {
            URI url = mirror.resolve(r.fileName());
            LOG.info("Downloading {} to {}", url, file);
            long start = System.nanoTime();
            String reason;
            try {
                reason = attempt(url, part, r.md5());
            } catch (InterruptedException | RuntimeException e) {
                Files.deleteIfExists(part);
                throw e;
            }
            if (reason == null) {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("Downloaded {} ({} bytes, MD5 ok) in {} ms", file, Files.size(file),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                return;
            }
            Files.deleteIfExists(part);
            LOG.warn("{} failed: {}", url, reason);
            failures.add(new DownloadException.Failure(url, reason));
        }
        throw new DownloadException(file.toString(), failures);
    }

    /** One try from one URL into {@code part}: null on success, else why it failed. */
    private String attempt(URI url, Path part, String expectedMd5) throws InterruptedException {
        AtomicLong progress = new AtomicLong(System.nanoTime());
        AtomicLong contentLength = new AtomicLong(-1);
        Md5FileSink[] sink = new Md5FileSink[1];
        boolean[] finished = new boolean[1];
        HttpResponse.BodyHandler<String> handler = info -> {
            progress.set(System.nanoTime());   // headers are progress too
            if (info.statusCode() != 200) {
                return HttpResponse.BodySubscribers.replacing(null);
            }
            contentLength.set(info.headers().firstValueAsLong("Content-Length").orElse(-1));
            synchronized (sink) {
                if (finished[0]) {
                    // Headers arriving after this try was given up must not recreate the deleted file.
                    return HttpResponse.BodySubscribers.replacing(null);
                }
                sink[0] = new Md5FileSink(part, progress);
                return sink[0];
            }
        };
        HttpRequest request = HttpRequest.newBuilder(url).GET().header("User-Agent", "torch4j").build();
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, handler);
        boolean success = false;
        try {
            String reason = await(future, progress, sink, contentLength, expectedMd5);
            success = reason == null;
            return reason;
        } finally {
            if (!future.isDone()) {
                future.cancel(true);
            }
            synchronized (sink) {
                finished[0] = true;
                if (!success && sink[0] != null) {
                    sink[0].abort();   // closes the file so that the caller can delete it
                }
            }
        }
    }

    private String await(CompletableFuture<HttpResponse<String>> future, AtomicLong progress, Md5FileSink[] sink,
                         AtomicLong contentLength, String expectedMd5) throws InterruptedException {
        long idle = idleTimeout.toNanos();
        // Poll often enough that a stall is noticed soon after the idle timeout, not much later.
        long poll = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(idle / 4, TimeUnit.MILLISECONDS.toNanos(200)));
        HttpResponse<String> response;
        while (true) {
            try {
                response = future.get(poll, TimeUnit.NANOSECONDS);
                break;
            } catch (TimeoutException e) {
                long quiet = System.nanoTime() - progress.get();
                if (quiet > idle) {
                    return "timed out: no data for " + TimeUnit.NANOSECONDS.toMillis(quiet) + " ms after "
                            + received(sink) + " bytes";
                }
            } catch (ExecutionException e) {
                return describe(e.getCause(), received(sink), contentLength.get());
            }
        }
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode();
        }
        long got = received(sink);
        if (contentLength.get() >= 0 && got != contentLength.get()) {
            return "truncated: got " + got + " of " + contentLength.get() + " bytes";
        }
        String md5 = response.body();
        if (!expectedMd5.equals(md5)) {
            return "MD5 mismatch: expected " + expectedMd5 + ", got " + md5 + " (" + got + " bytes)";
        }
        return null;
    }

    private static long received(Md5FileSink[] sink) {
        synchronized (sink) {
            return sink[0] == null ? 0 : sink[0].bytes();
        }
    }

    private static String describe(Throwable t, long got, long expected) {
        if (t instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        if (t instanceof ConnectException) {
            return "connection refused or unreachable" + (t.getMessage() == null ? "" : ": " + t.getMessage());
        }
        String size = expected >= 0 ? " after " + got + " of " + expected + " bytes" : " after " + got + " bytes";
        if (t instanceof IOException) {
            return "connection failed" + size + ": " + t.getClass().getSimpleName()
                    + (t.getMessage() == null ? "" : " " + t.getMessage());
        }
        return "failed" + size + ": " + t;
    }

    private static boolean extractedPresent(Path dir, RemoteResource r) {
        return r.extractedFiles().stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static boolean md5Matches(Path file, String md5) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            return Md5.of(file).equals(md5);
        } catch (IOException e) {
            LOG.warn("cannot read {} to check its MD5: {}", file, e.getMessage());
            return false;
        }
    }
}
