package org.torch4j.datasets;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives an HTTP body into a file while computing its MD5, so the file is read once. Its body is
 * the hex MD5. {@link #abort} (from another thread, on timeout) stops the transfer and closes the file.
 */
final class Md5FileSink implements HttpResponse.BodySubscriber<String> {
    private final Path file;
    private final AtomicLong lastProgressNanos;
    private final MessageDigest md5 = Md5.newDigest();
    private final CompletableFuture<String> result = new CompletableFuture<>();
    private final AtomicLong bytes = new AtomicLong();
    private Flow.Subscription subscription;
    private FileChannel channel;
    private boolean aborted;

    Md5FileSink(Path file, AtomicLong lastProgressNanos) {
        this.file = file;
        this.lastProgressNanos = lastProgressNanos;
    }

    long bytes() {
        return bytes.get();
    }

    @Override
    public CompletionStage<String> getBody() {
        return result;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (aborted) {
            s.cancel();
            return;
        }
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            fail(e);
            return;
        }
        s.request(1);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
        if (aborted || result.isDone()) {
            return;
        }
        try {
            for (ByteBuffer b : buffers) {
                md5.update(b.duplicate());
                while (b.hasRemaining()) {
                    bytes.addAndGet(channel.write(b));
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        lastProgressNanos.set(System.nanoTime());
        subscription.request(1);
    }

    @Override
    public synchronized void onError(Throwable t) {
        closeQuietly();
        result.completeExceptionally(t);
    }

    @Override
    public synchronized void onComplete() {
        if (result.isDone()) {
            return;
        }
        try {
            // On disk before the caller renames it to its final name.
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            fail(e);
            return;
        }
        result.complete(Md5.hex(md5));
    }

    /** Stops the transfer; safe to call from any thread, any number of times. */
    synchronized void abort() {
        aborted = true;
        if (subscription != null) {
            subscription.cancel();
        }
        closeQuietly();
        result.completeExceptionally(new IOException("aborted"));
    }

    private void fail(IOException e) {
        if (subscription != null) {
            subscription.cancel();
        }
        closeQuietly();
        result.completeExceptionally(e);
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The file is deleted by the caller anyway.
            }
        }
    }
}
