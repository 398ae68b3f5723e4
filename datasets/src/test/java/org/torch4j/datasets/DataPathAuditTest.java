package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.MemoryFormat;
import org.torch4j.data.Batch;
import org.torch4j.data.DataLoader;
import org.torch4j.data.transforms.Transforms;
import org.torch4j.glue.NativeMemory;

/**
 * The data path on the calling thread (loading MNIST from a memory-mapped IDX file and from gzip, a DataLoader
 * epoch without prefetch, with the CLI's transforms and channels-last batches) leaves no JavaCPP object to
 * JavaCPP's GC deallocator: torch4j releases each one itself (see java-api's {@code NativeObjectAuditTest}).
 */
class DataPathAuditTest {
    /** Sees every native object given a deallocator on this thread; keeps it, so JavaCPP's GC cannot free it. */
    private static final class Recorder extends PointerScope {
        final List<Pointer> seen = new ArrayList<>();

        @Override
        public PointerScope attach(Pointer p) {
            seen.add(p);
            return this;
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void writeFiles() {
        byte[] labels = new byte[1500];                    // 1.2 MB of images: the memory-mapped path
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % 10);
        }
        Fixtures.writeMnistTrain(dir.resolve("MNIST/raw"), labels, false);
        Fixtures.writeMnistTrain(dir.resolve("gz"), new byte[] {3, 1, 4}, true);
    }

    @Test
    void loadingAndAnEpochLeaveNothingToJavaCppsGc() {
        epoch(0);                                          // first use fills torch4j's static caches
        Recorder recorder = new Recorder();
        long batches;
        try {
            batches = epoch(0);
        } finally {
            recorder.close();
        }
        assertEquals(15, batches);
        for (int i = 0; i < 10; i++) {
            NativeMemory.collectNow();
        }
        long left = recorder.seen.stream().filter(p -> !p.isNull()).count();
        assertTrue(recorder.seen.size() > 50, "recorded only " + recorder.seen.size() + " native objects");
        assertEquals(0, left, left + " of " + recorder.seen.size() + " native objects left to JavaCPP's GC: "
                + recorder.seen.stream().filter(p -> !p.isNull()).map(p -> p.getClass().getSimpleName()).toList());
    }

    /**
     * The same with batches made on DataLoader's worker thread: a scope cannot be opened there, so this counts
     * JavaCPP's own register of objects waiting for its GC deallocator ({@link Pointer#totalCount()}), which
     * every object given a deallocator joins and leaves when it is released. A GC during the epoch could only
     * hide objects left behind (it would release them), never add any.
     */
    @Test
    void aPrefetchingEpochLeavesNothingToJavaCppsGc() throws InterruptedException {
        epoch(2);                                          // first use fills torch4j's static caches
        long before = settledCount();
        assertEquals(15, epoch(2));
        long after = Pointer.totalCount();
        assertEquals(before, after, (after - before) + " native objects made during a prefetching epoch are left to "
                + "JavaCPP's GC");
    }

    /** JavaCPP's count once the objects the GC found earlier have been released by its deallocator thread. */
    private static long settledCount() throws InterruptedException {
        long count = -1;
        for (int i = 0; i < 50 && count != Pointer.totalCount(); i++) {
            count = Pointer.totalCount();
            NativeMemory.collectNow();
            Thread.sleep(20);
        }
        return Pointer.totalCount();
    }

    /** Loads both datasets and runs one epoch, {@code prefetch} batches ahead; returns the number of batches. */
    private long epoch(int prefetch) {
        long batches = 0;
        try (MNIST m = MNIST.train(dir); FashionMNIST f = FashionMNIST.train(dir.resolve("gz"))) {
            assertEquals(3, f.labels().shape().get(0));
            DataLoader loader = DataLoader.builder(m.asDataset()).batchSize(100).shuffle(true).seed(7)
                    .prefetch(prefetch)
                    .transform(Transforms.toFloat().andThen(Transforms.normalize(new double[] {33.3},
                            new double[] {78.6})))
                    .memoryFormat(MemoryFormat.CHANNELS_LAST).build();
            for (Batch b : loader) {
                try (b) {
                    batches++;
                    b.inputs().sum().close();
                }
            }
        }
        return batches;
    }
}
