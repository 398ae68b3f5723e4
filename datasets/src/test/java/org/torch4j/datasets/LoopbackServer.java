package org.torch4j.datasets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 (ephemeral port) whose paths answer as tests arrange: good bytes,
 * 404s, redirects, stalls and cut-off bodies. Counts requests per path.
 */
final class LoopbackServer implements AutoCloseable {
    interface Handler {
        void handle(HttpExchange ex) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    /** Released on close, so that stalled handlers end. */
    final CountDownLatch release = new CountDownLatch(1);

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Handler h = handlers.get(path);
            try {
                if (h == null) {
                    ex.sendResponseHeaders(404, -1);
                } else {
                    h.handle(ex);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // A handler that cuts the body short ends up here; the client sees the cut.
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    URI base(String folder) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + folder + "/");
    }

    LoopbackServer serve(String path, byte[] body) {
        handlers.put(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        return this;
    }

    LoopbackServer handle(String path, Handler h) {
        handlers.put(path, h);
        return this;
    }

    LoopbackServer redirect(String path, String location) {
        handlers.put(path, ex -> {
            ex.getResponseHeaders().add("Location", location);
            ex.sendResponseHeaders(302, -1);
        });
        return this;
    }

    /** Sends the headers of {@code body} and its first {@code sent} bytes, then waits until closed. */
    LoopbackServer stallAfter(String path, byte[] body, int sent) {
        handlers.put(path, ex -> {
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            out.write(body, 0, sent);
            out.flush();
            release.await(10, TimeUnit.SECONDS);
        });
        return this;
    }

    int requests(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    int totalRequests() {
        return counts.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
