package org.torch4j.data;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.torch4j.Device;
import org.torch4j.MemoryFormat;
import org.torch4j.Torch;
import org.torch4j.data.transforms.Transform;

/**
 * Batches of a dataset, epoch after epoch, as PyTorch's {@code DataLoader}: batch size, shuffling with
 * a seed, samplers, {@code dropLast}, a transform of the inputs, a device, and prefetching on a
 * background thread. Each {@link #iterator()} is one epoch.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(new TensorDataset(images, labels))
 *         .batchSize(100).shuffle(true).seed(42)
 *         .transform(Transforms.toFloat().andThen(Transforms.normalize(new double[] {0.1307}, new double[] {0.3081})))
 *         .build();
 * for (int epoch = 0; epoch < 10; epoch++) {
 *     for (Batch batch : loader) {
 *         try (batch; var step = Scope.open()) {
 *             Tensor loss = criterion.forward(model.forward(batch.inputs()), batch.targets());
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Order: epoch {@code e} (counted from 0 by each {@link #iterator()} call, or set by
 * {@link #setEpoch}) takes its indices from the sampler's {@code indices(e)}. With {@code shuffle} that
 * is a {@link RandomSampler}: a permutation drawn by {@link SplittableRandom} from {@code (seed, e)},
 * so the same seed gives the same sequence of epochs and epochs differ from one another.
 *
 * <p>Gathering: over a {@link TensorDataset} each batch is one native {@code indexSelect} per tensor;
 * other datasets are read sample by sample and joined by the {@link Collate} function.
 *
 * <p>Threads and memory: with {@code prefetch(k)}, {@code k > 0} (default 2), a daemon worker makes up
 * to {@code k} batches ahead, applying the transform and the device move there. torch4j's scopes are
 * per thread, and the worker makes batch tensors outside any scope, so the GC safety net owns them and
 * they may be used on the consumer's thread; a consumer's own scopes do not own them, so
 * {@link Batch#close()} (or the GC) frees them. See {@link BatchIterator} for stopping early. Every
 * {@link #iterator()} after the first calls {@link Torch#releaseFreeMemory()}, so that the native heap's
 * free pages left by the previous epoch go back to the system and a long run's resident size stays flat.
 */
public final class DataLoader implements Iterable<Batch>, AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();

    private final Dataset<?> dataset;
    private final IterableDataset<?> stream;
    private final Collate<?> collate;
    private final Sampler sampler;
    private final int batchSize;
    private final boolean dropLast;
    private final int prefetch;
    private final Transform transform;
    private final Device device;
    private final boolean pinMemory;
    private final MemoryFormat memoryFormat;
    private final long id = IDS.incrementAndGet();
    private long nextEpoch;
    private long iteratorsStarted;
    private WeakReference<BatchIterator> current;

    private DataLoader(Builder<?> b) {
        this.dataset = b.dataset;
        this.stream = b.stream;
        this.collate = b.collate;
        this.batchSize = b.batchSize;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.transform = b.transform;
        this.device = b.device;
        this.pinMemory = b.pinMemory;
        this.memoryFormat = b.memoryFormat;
        if (b.stream != null) {
            this.sampler = null;
        } else if (b.sampler != null) {
            this.sampler = b.sampler;
        } else if (b.shuffle) {
            long seed = b.seed != null ? b.seed : new SplittableRandom().nextLong();
            this.sampler = new RandomSampler(b.dataset.size(), seed);
        } else {
            this.sampler = new SequentialSampler(b.dataset.size());
        }
    }

    /** A loader over an indexed dataset. */
    public static <T> Builder<T> builder(Dataset<T> dataset) {
        return new Builder<>(Objects.requireNonNull(dataset, "dataset"), null);
    }

    /** A loader over a stream: batches in the stream's order, no shuffling or sampler. */
    public static <T> Builder<T> builder(IterableDataset<T> dataset) {
        return new Builder<>(null, Objects.requireNonNull(dataset, "dataset"));
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean dropLast() {
        return dropLast;
    }

    /** Batches made ahead by the worker; 0 means batches are made on the consumer's thread. */
    public int prefetch() {
        return prefetch;
    }

    /** The sampler (null for an {@link IterableDataset}). */
    public Sampler sampler() {
        return sampler;
    }

    /** The epoch the next {@link #iterator()} loads. */
    public synchronized long epoch() {
        return nextEpoch;
    }

    /** Makes the next {@link #iterator()} load epoch {@code epoch} (PyTorch's {@code sampler.set_epoch}). */
    public synchronized void setEpoch(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        this.nextEpoch = epoch;
    }

    /** Number of batches in the next epoch (for an {@link IterableDataset}: unknown, -1). */
    public long numBatches() {
        if (sampler == null) {
            return -1;
        }
        long n = sampler.indices(epoch()).length;
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /**
     * Starts the next epoch. An earlier iterator of this loader still running is closed first (its worker
     * stopped and joined), so a {@code break} out of one epoch does not leave a thread behind.
     */
    @Override
    public synchronized BatchIterator iterator() {
        closeCurrent();
        if (iteratorsStarted++ > 0) {
            // The previous epoch's batches, activations and whatever the caller did between epochs
            // (evaluation, checkpoints) are freed by now; give their pages back (see Torch.releaseFreeMemory).
            Torch.releaseFreeMemory();
        }
        long epoch = nextEpoch++;
        BatchMaker maker;
        if (sampler != null) {
            maker = new BatchMaker(dataset, null, collate, plan(sampler.indices(epoch)), batchSize, dropLast,
                    transform, memoryFormat, device, pinMemory);
        } else {
            maker = new BatchMaker(null, stream.iterator(), collate, null, batchSize, dropLast, transform,
                    memoryFormat, device, pinMemory);
        }
        BatchIterator it = new BatchIterator(maker, prefetch, epoch, "torch4j-loader-" + id + "-epoch-" + epoch);
        current = new WeakReference<>(it);
        return it;
    }

    /** Closes the running iterator, if any. The loader stays usable. */
    @Override
    public synchronized void close() {
        closeCurrent();
    }

    private void closeCurrent() {
        BatchIterator it = current == null ? null : current.get();
        if (it != null) {
            it.close();
        }
        current = null;
    }

    private List<long[]> plan(long[] order) {
        long n = dataset.size();
        for (int i = 0; i < order.length; i++) {
            if (order[i] < 0 || order[i] >= n) {
                throw new IndexOutOfBoundsException("the sampler gave index " + order[i] + " at position " + i
                        + " but the dataset has " + n + " samples (expected 0.." + (n - 1) + ")");
            }
        }
        int full = order.length / batchSize;
        int rest = order.length % batchSize;
        List<long[]> batches = new ArrayList<>(full + 1);
        for (int k = 0; k < full; k++) {
            batches.add(java.util.Arrays.copyOfRange(order, k * batchSize, (k + 1) * batchSize));
        }
        if (rest > 0 && !dropLast) {
            batches.add(java.util.Arrays.copyOfRange(order, full * batchSize, order.length));
        }
        return batches;
    }

    /**
     * Options of a {@link DataLoader}; defaults as PyTorch's: batch size 1, no shuffling, keep the last
     * partial batch, plus {@code prefetch(2)} and pinned memory for CUDA targets.
     *
     * <pre>{@code
     * DataLoader.builder(train).batchSize(64).shuffle(true).seed(1).dropLast(true).prefetch(4).build();
     * }</pre>
     *
     * @param <T> the dataset's sample type
     */
    public static final class Builder<T> {
        private final Dataset<T> dataset;
        private final IterableDataset<T> stream;
        private Collate<T> collate = Collate.stack();
        private Sampler sampler;
        private boolean shuffle;
        private Long seed;
        private int batchSize = 1;
        private boolean dropLast;
        private int prefetch = 2;
        private Transform transform;
        private Device device;
        private boolean pinMemory = true;
        private MemoryFormat memoryFormat = MemoryFormat.PRESERVE;

        private Builder(Dataset<T> dataset, IterableDataset<T> stream) {
            this.dataset = dataset;
            this.stream = stream;
        }

        public Builder<T> batchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /** A new random order every epoch (a {@link RandomSampler}); exclusive with {@link #sampler}. */
        public Builder<T> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** The seed of the shuffle; without one a random seed is drawn when the loader is built. */
        public Builder<T> seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Indices and order per epoch; exclusive with {@link #shuffle}. */
        public Builder<T> sampler(Sampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /** Drop the last batch when it is smaller than the batch size. */
        public Builder<T> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Batches made ahead on a worker thread; 0 makes them on the consumer's thread. */
        public Builder<T> prefetch(int prefetch) {
            if (prefetch < 0) {
                throw new IllegalArgumentException("prefetch must be >= 0, got " + prefetch);
            }
            this.prefetch = prefetch;
            return this;
        }

        /** Applied to each batch's first tensor (the inputs), on the worker when prefetching. */
        public Builder<T> transform(Transform transform) {
            this.transform = Objects.requireNonNull(transform, "transform");
            return this;
        }

        /**
         * Lays out every 4-D batch tensor in {@code format} (after the transform, before the device move, on
         * the worker when prefetching): {@link MemoryFormat#CHANNELS_LAST} feeds a model converted with
         * {@code model.to(MemoryFormat.CHANNELS_LAST)} NHWC batches, so its convolutions run NHWC kernels
         * without a conversion on the training thread. Default {@link MemoryFormat#PRESERVE}: batches keep the
         * dataset's layout.
         *
         * <pre>{@code
         * DataLoader.builder(train).batchSize(100).memoryFormat(MemoryFormat.CHANNELS_LAST).build();
         * }</pre>
         */
        public Builder<T> memoryFormat(MemoryFormat format) {
            this.memoryFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Moves every tensor of each batch to {@code device} (on the worker when prefetching). */
        public Builder<T> device(Device device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        /** Stage CUDA-bound batches in page-locked host memory (default true; no effect for the CPU). */
        public Builder<T> pinMemory(boolean pinMemory) {
            this.pinMemory = pinMemory;
            return this;
        }

        /** How samples become batch tensors, for datasets other than {@link TensorDataset}. */
        public Builder<T> collate(Collate<T> collate) {
            this.collate = Objects.requireNonNull(collate, "collate");
            return this;
        }

        public DataLoader build() {
            if (sampler != null && shuffle) {
                throw new IllegalStateException("shuffle(true) and a sampler are exclusive: the sampler decides the "
                        + "order (use a RandomSampler to shuffle)");
            }
            if (stream != null && (sampler != null || shuffle)) {
                throw new IllegalStateException("an IterableDataset is loaded in its own order: neither shuffle nor a "
                        + "sampler applies");
            }
            return new DataLoader(this);
        }
    }
}
