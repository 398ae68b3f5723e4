package org.torch4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.data.transforms.Transforms;
import org.torch4j.glue.NativeMemory;

class DataLoaderTest {
    static final int N = 60000;
    /** MNIST-shaped: image i has pixel j = (7 i + j) mod 256; label i = i. */
    static TensorDataset mnistLike;

    @BeforeAll
    static void data() {
        byte[] px = new byte[N * 784];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < 784; j++) {
                px[i * 784 + j] = (byte) (7 * i + j);
            }
        }
        Tensor images = Torch.fromArray(px, DType.UINT8, N, 1, 28, 28).detachFromScope();
        Tensor labels = Torch.arange(N).detachFromScope();
        mnistLike = new TensorDataset(images, labels);
    }

    static DataLoader.Builder<List<Tensor>> loader() {
        return DataLoader.builder(mnistLike).batchSize(100);
    }

    /** Every batch's indices, checking targets and a pixel of every image against the indices. */
    static List<long[]> epoch(Iterable<Batch> loader) {
        List<long[]> out = new ArrayList<>();
        for (Batch b : loader) {
            try (b) {
                long[] idx = b.indices();
                assertArrayEquals(idx, b.targets().toLongArray());
                byte[] px = b.inputs().flatten(1, -1).select(1, 5).contiguous().toByteArray();
                for (int k = 0; k < idx.length; k++) {
                    assertEquals((byte) (7 * idx[k] + 5), px[k], "pixel 5 of sample " + idx[k]);
                }
                out.add(idx);
            }
        }
        return out;
    }

    static long[] flat(List<long[]> batches) {
        return batches.stream().flatMapToLong(Arrays::stream).toArray();
    }

    static boolean loaderThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("torch4j-loader-") && t.isAlive());
    }

    @Test
    void shuffledEpochsCoverEveryIndexOnceAndFollowTheSeed() {
        DataLoader a = loader().shuffle(true).seed(42).build();
        List<long[]> e0 = epoch(a);
        List<long[]> e1 = epoch(a);
        assertEquals(600, e0.size());
        assertTrue(e0.stream().allMatch(b -> b.length == 100));
        long[] sorted = flat(e0);
        Arrays.sort(sorted);
        assertArrayEquals(new SequentialSampler(N).indices(0), sorted, "every index exactly once");
        long[] sorted1 = flat(e1);
        Arrays.sort(sorted1);
        assertArrayEquals(sorted, sorted1);
        assertFalse(Arrays.equals(flat(e0), flat(e1)), "epochs differ");

        DataLoader b = loader().shuffle(true).seed(42).prefetch(0).build();
        assertArrayEquals(flat(e0), flat(epoch(b)), "same seed, same first epoch");
        assertArrayEquals(flat(e1), flat(epoch(b)), "same seed, same second epoch");
        b.setEpoch(0);
        assertArrayEquals(flat(e0), flat(epoch(b)), "setEpoch replays an epoch");
        DataLoader c = loader().shuffle(true).seed(43).build();
        assertFalse(Arrays.equals(flat(e0), flat(epoch(c))), "another seed, another order");
    }

    @Test
    void channelsLastBatchesHaveNhwcStridesAndTheSameValues() {
        for (int prefetch : new int[] {0, 2}) {
            DataLoader plain = loader().prefetch(prefetch).transform(Transforms.toFloat()).build();
            DataLoader cl = loader().prefetch(prefetch).transform(Transforms.toFloat())
                    .memoryFormat(MemoryFormat.CHANNELS_LAST).build();
            Iterator<Batch> a = plain.iterator();
            Iterator<Batch> b = cl.iterator();
            for (int k = 0; k < 3; k++) {
                try (Batch x = a.next(); Batch y = b.next()) {
                    assertArrayEquals(new long[] {784, 784, 28, 1}, x.inputs().stride());
                    assertArrayEquals(new long[] {784, 1, 28, 1}, y.inputs().stride());
                    assertTrue(y.inputs().isContiguous(MemoryFormat.CHANNELS_LAST));
                    assertTrue(y.inputs().equal(x.inputs()));
                    assertTrue(y.targets().equal(x.targets())); // 1-D tensors keep their layout
                }
            }
            plain.close();
            cl.close();
        }
        // the flag of the epoch check above: every pixel still where the indices say
        epoch(loader().memoryFormat(MemoryFormat.CHANNELS_LAST).build());
    }

    @Test
    void unshuffledIsSequential() {
        assertArrayEquals(new SequentialSampler(N).indices(0), flat(epoch(loader().build())));
    }

    @Test
    void dropLastDecidesThePartialBatch() {
        List<long[]> keep = epoch(DataLoader.builder(mnistLike).batchSize(128).shuffle(true).seed(1).build());
        assertEquals(469, keep.size());
        assertEquals(60000 - 468 * 128, keep.get(468).length);
        assertEquals(96, keep.get(468).length);
        DataLoader dropping = DataLoader.builder(mnistLike).batchSize(128).shuffle(true).seed(1).dropLast(true).build();
        assertEquals(468, dropping.numBatches());
        List<long[]> drop = epoch(dropping);
        assertEquals(468, drop.size());
        assertTrue(drop.stream().allMatch(b -> b.length == 128));
        assertArrayEquals(Arrays.copyOf(flat(keep), 468 * 128), flat(drop));
    }

    @Test
    void indexSelectGatheringEqualsPerSampleGathering() {
        // A Subset is not a TensorDataset: it is read sample by sample and stacked by the default collate.
        Dataset<List<Tensor>> perSample = new Subset<>(mnistLike, new SequentialSampler(N).indices(0));
        DataLoader natively = loader().batchSize(64).shuffle(true).seed(5).build();
        DataLoader bySample = DataLoader.builder(perSample).batchSize(64).shuffle(true).seed(5).build();
        Iterator<Batch> x = natively.iterator();
        Iterator<Batch> y = bySample.iterator();
        int batches = 0;
        while (x.hasNext()) {
            try (Batch a = x.next(); Batch b = y.next()) {
                assertEquals(a.inputs().shape(), b.inputs().shape());
                assertTrue(a.inputs().equal(b.inputs()), "batch " + batches);
                assertTrue(a.targets().equal(b.targets()), "batch " + batches);
            }
            batches++;
        }
        assertFalse(y.hasNext());
        assertEquals(938, batches);
    }

    @Test
    void prefetchYieldsTheSameBatchesAsNoPrefetch() {
        DataLoader sync = loader().shuffle(true).seed(9).prefetch(0).transform(Transforms.toFloat()).build();
        DataLoader async = loader().shuffle(true).seed(9).prefetch(4).transform(Transforms.toFloat()).build();
        Iterator<Batch> x = sync.iterator();
        Iterator<Batch> y = async.iterator();
        while (x.hasNext()) {
            assertTrue(y.hasNext());
            try (Batch a = x.next(); Batch b = y.next()) {
                assertEquals(DType.FLOAT32, b.inputs().dtype());
                assertTrue(a.inputs().equal(b.inputs()));
                assertTrue(a.targets().equal(b.targets()));
            }
        }
        assertFalse(y.hasNext());
    }

    @Test
    void breakingOutLeavesNoWorkerThread() throws Exception {
        DataLoader l = loader().shuffle(true).seed(3).prefetch(3).build();
        // try-with-resources on the iterator
        try (BatchIterator it = l.iterator()) {
            it.next().close();
            assertTrue(loaderThreadsAlive());
        }
        assertFalse(loaderThreadsAlive(), "close() joins the worker");

        // a plain break, then the loader's close
        for (Batch b : l) {
            b.close();
            break;
        }
        l.close();
        assertFalse(loaderThreadsAlive(), "DataLoader.close() stops the abandoned epoch");

        // a plain break, then the next epoch
        for (Batch b : l) {
            b.close();
            break;
        }
        BatchIterator next = l.iterator();
        assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("torch4j-loader-") && t.isAlive()).count());
        next.close();

        // abandoned and unreachable: the cleaner interrupts the worker
        abandonOneEpoch();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (loaderThreadsAlive() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
        }
        assertFalse(loaderThreadsAlive(), "an unreachable iterator's worker ends");
    }

    /** In its own frame, so no local slot of the caller keeps the iterator reachable. */
    private static void abandonOneEpoch() {
        for (Batch b : loader().prefetch(2).build()) {
            b.close();
            break;
        }
    }

    @Test
    void workerExceptionSurfacesWrappedOnce() {
        IllegalStateException boom = new IllegalStateException("sample 250 is corrupt");
        Dataset<List<Tensor>> failing = new Dataset<>() {
            @Override
            public List<Tensor> get(long index) {
                if (index == 250) {
                    throw boom;
                }
                return mnistLike.get(index);
            }

            @Override
            public long size() {
                return 1000;
            }
        };
        for (int prefetch : new int[] {0, 2}) {
            DataLoader l = DataLoader.builder(failing).batchSize(100).prefetch(prefetch).build();
            List<Long> sizes = new ArrayList<>();
            DataLoaderException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                    DataLoaderException.class, () -> {
                        for (Batch b : l) {
                            try (b) {
                                sizes.add(b.size());
                            }
                        }
                    }));
            assertSame(boom, e.getCause(), "prefetch " + prefetch);
            assertTrue(e.getMessage().contains("making batch 2 of epoch 0 failed"), e.getMessage());
            assertEquals(List.of(100L, 100L), sizes, "batches before the failure arrive");
            assertFalse(loaderThreadsAlive());
        }
    }

    @Test
    void fullEpochWithPerStepScopesLeavesNoTensorBehind() {
        DataLoader l = loader().shuffle(true).seed(4).transform(Transforms.toFloat()).device(Device.CPU).build();
        NativeMemory.collectNow();
        long before = Torch.memory().liveTensors();
        double total = 0;
        for (Batch batch : l) {
            try (batch; Scope step = Scope.open()) {
                total += batch.inputs().mean().itemDouble() + batch.targets().sum().itemDouble();
            }
        }
        assertTrue(total > 0);
        NativeMemory.collectNow();
        assertEquals(before, Torch.memory().liveTensors(), "closed batches and scoped steps");

        // batches not closed: the GC safety net owns them, not the consumer's scopes
        for (Batch batch : l) {
            try (Scope step = Scope.open()) {
                total += batch.inputs().sum().itemDouble();
            }
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            NativeMemory.collectNow();
        } while (Torch.memory().liveTensors() != before && System.nanoTime() < deadline);
        assertEquals(before, Torch.memory().liveTensors(), "unclosed batches are collected");
    }

    @Test
    void iterableDatasetIsBatchedInOrder() {
        IterableDataset<Tensor> stream = () -> new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < 10;
            }

            @Override
            public Tensor next() {
                return Torch.tensor(i++);
            }
        };
        List<long[]> got = new ArrayList<>();
        for (Batch b : DataLoader.builder(stream).batchSize(4).build()) {
            got.add(b.inputs().toLongArray());
        }
        assertEquals(3, got.size());
        assertArrayEquals(new long[] {8, 9}, got.get(2));
        int dropped = 0;
        for (Batch b : DataLoader.builder(stream).batchSize(4).dropLast(true).prefetch(0).build()) {
            assertEquals(4, b.size());
            assertEquals(0, b.indices().length, "a stream has no indices");
            dropped++;
        }
        assertEquals(2, dropped);
        assertThrows(IllegalStateException.class, () -> DataLoader.builder(stream).shuffle(true).build());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> loader().batchSize(0));
        assertThrows(IllegalStateException.class,
                () -> loader().shuffle(true).sampler(new SequentialSampler(N)).build());
        DataLoader wrong = loader().sampler(e -> new long[] {0, N}).build();
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, wrong::iterator);
        assertTrue(e.getMessage().contains("index 60000 at position 1"), e.getMessage());
    }
}
