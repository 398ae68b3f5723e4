package org.torch4j.examples.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT as a flag the training loop checks after each step. A JVM shutdown hook raises the
 * flag and then waits (up to a grace period) until the loop has written its checkpoint and called
 * {@link #finished()}, so the process exits only after the checkpoint is on disk; the JVM then exits with
 * 128 + the signal number (143 for SIGTERM, 130 for SIGINT).
 *
 * <pre>{@code
 * try (StopSignal stop = StopSignal.install()) {
 *     for (...) { step(); if (stop.requested()) { saveCheckpoint(); stop.finished(); return 143; } }
 * }
 * }</pre>
 */
public final class StopSignal implements AutoCloseable {
    /** How long the hook waits for the loop to finish its step and write the checkpoint. */
    private static final long GRACE_SECONDS = 120;

    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private StopSignal() {
        this.hook = new Thread(this::onShutdown, "torch4j-cli-stop");
    }

    /** Registers the shutdown hook; {@link #close()} removes it again. */
    public static StopSignal install() {
        StopSignal s = new StopSignal();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    private void onShutdown() {
        requested = true;
        try {
            done.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether a stop was asked for (by a signal, or by {@link #request()}). */
    public boolean requested() {
        return requested;
    }

    /** Asks the loop to stop as a signal would (for tests and embedding). */
    public void request() {
        requested = true;
    }

    /** Tells the waiting hook that the loop has saved its state; the JVM may exit now. */
    public void finished() {
        done.countDown();
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutdown already under way: the hook is running and must stay registered.
        }
    }
}
