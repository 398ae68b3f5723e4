package org.torch4j.data;

import java.lang.ref.Cleaner;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One epoch of a {@link DataLoader}. With prefetching, a daemon worker thread named
 * {@code torch4j-loader-<loader>-epoch-<epoch>} makes the batches ahead of the consumer into a bounded
 * queue; without, {@link #next()} makes each batch itself.
 *
 * <pre>{@code
 * try (BatchIterator it = loader.iterator()) {
 *     while (it.hasNext()) {
 *         try (Batch b = it.next()) { ... if (done) break; }
 *     }
 * }   // stops and joins the worker, frees batches it had made ahead
 * }</pre>
 *
 * Stopping early: {@link #close()} interrupts and joins the worker and frees the queued batches. An
 * iterator abandoned without close (a {@code break} out of a for-each loop) is closed by the next
 * {@link DataLoader#iterator()} or {@link DataLoader#close()} of its loader, or else once it becomes
 * unreachable (a {@link Cleaner} interrupts the worker); the worker is a daemon thread either way.
 * Reaching the end closes the iterator by itself. A failure while making a batch is thrown by
 * {@link #next()} as a {@link DataLoaderException} whose cause is the original exception, and ends the epoch.
 */
public final class BatchIterator implements Iterator<Batch>, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Object END = new Object();

    /** A failure on the worker, carried to the consumer. */
    private static final class Failure {
        final Throwable error;
        final int batch;

        Failure(Throwable error, int batch) {
            this.error = error;
            this.batch = batch;
        }
    }

    /** What the worker and the cleaner share; must not reference the iterator, or it would never be collected. */
    private static final class State implements Runnable {
        final BlockingQueue<Object> queue;
        volatile Thread worker;
        volatile boolean stopped;

        State(int capacity) {
            this.queue = capacity > 0 ? new ArrayBlockingQueue<>(capacity) : null;
        }

        /** Stops the worker and frees what it made ahead; runs on close or from the cleaner. */
        @Override
        public void run() {
            stopped = true;
            Thread w = worker;
            if (w != null) {
                w.interrupt();
            }
            drain();
        }

        void drain() {
            if (queue == null) {
                return;
            }
            Object o;
            while ((o = queue.poll()) != null) {
                if (o instanceof Batch) {
                    ((Batch) o).close();
                }
            }
        }
    }

    private final BatchMaker maker;
    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final long epoch;
    private Object pending;
    private boolean finished;
    private int delivered;

    BatchIterator(BatchMaker maker, int prefetch, long epoch, String name) {
        this.maker = maker;
        this.epoch = epoch;
        State shared = new State(prefetch);
        this.state = shared;
        if (prefetch > 0) {
            // The lambda must capture the state alone: capturing this would keep the iterator reachable
            // from its own worker, and an abandoned iterator would never be cleaned.
            Thread t = new Thread(() -> produce(maker, shared), name);
            t.setDaemon(true);
            state.worker = t;
            this.cleanable = CLEANER.register(this, state);
            t.start();
        } else {
            this.cleanable = null;
        }
    }

    private static void produce(BatchMaker maker, State state) {
        BlockingQueue<Object> q = state.queue;
        try {
            while (!state.stopped) {
                Batch b;
                try {
                    b = maker.next();
                } catch (Throwable e) {
                    q.put(new Failure(e, maker.made()));
                    return;
                }
                if (b == null) {
                    q.put(END);
                    return;
                }
                try {
                    q.put(b);
                } catch (InterruptedException e) {
                    b.close();
                    throw e;
                }
                if (state.stopped) {
                    state.drain(); // a batch put after close's drain would otherwise wait for the GC
                }
            }
        } catch (InterruptedException e) {
            // stopped by close() or the cleaner: nothing to report
        }
    }

    /** The epoch number this iterator loads. */
    public long epoch() {
        return epoch;
    }

    @Override
    public boolean hasNext() {
        if (finished) {
            return false;
        }
        if (pending == null) {
            pending = fetch();
        }
        if (pending == END) {
            close();
            return false;
        }
        return true;
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more batches (" + delivered + " delivered)");
        }
        Object o = pending;
        pending = null;
        if (o instanceof Failure) {
            Failure f = (Failure) o;
            close();
            throw failure(f.error, f.batch);
        }
        delivered++;
        return (Batch) o;
    }

    private Object fetch() {
        if (state.queue == null) {
            try {
                Batch b = maker.next();
                return b == null ? END : b;
            } catch (RuntimeException | Error e) {
                return new Failure(e, maker.made());
            }
        }
        try {
            return state.queue.take();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new DataLoaderException("interrupted while waiting for batch " + delivered + " of epoch " + epoch, e);
        }
    }

    private DataLoaderException failure(Throwable error, int batch) {
        return new DataLoaderException("making batch " + batch + " of epoch " + epoch + " failed: " + error, error);
    }

    /** Whether the worker thread has ended (true at once without prefetching). */
    boolean workerDone() {
        Thread w = state.worker;
        return w == null || !w.isAlive();
    }

    /**
     * Ends this epoch: stops and joins the worker and frees the batches it made ahead. Batches already
     * handed out stay valid. Idempotent.
     */
    @Override
    public void close() {
        if (finished && workerDone()) {
            return;
        }
        finished = true;
        if (pending instanceof Batch) {
            ((Batch) pending).close();
        }
        pending = null;
        if (cleanable != null) {
            cleanable.clean(); // runs State.run once: stop, interrupt, drain
        }
        Thread w = state.worker;
        if (w != null && w != Thread.currentThread()) {
            boolean interrupted = false;
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true; // joining must finish, or the worker could outlive close()
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        state.drain();
    }
}
