package org.torch4j.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.torch4j.Device;
import org.torch4j.MemoryFormat;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.TorchException;
import org.torch4j.data.transforms.Transform;

/**
 * Makes one epoch's batches in order, on whichever thread calls {@link #next()}. Each batch is built
 * in a private {@link Scope} (gather indices, samples and intermediate results are freed when it closes)
 * and its final tensors are detached from every scope, so the GC safety net owns them and any thread
 * may use them.
 */
final class BatchMaker {
    private final Dataset<?> dataset;
    private final Iterator<?> stream;
    private final Collate<Object> collate;
    private final List<long[]> plan;
    private final int batchSize;
    private final boolean dropLast;
    private final Transform transform;
    private final MemoryFormat memoryFormat;
    private final Device device;
    private final boolean pinMemory;
    private int made;

    @SuppressWarnings("unchecked")
    BatchMaker(Dataset<?> dataset, Iterator<?> stream, Collate<?> collate, List<long[]> plan, int batchSize,
            boolean dropLast, Transform transform, MemoryFormat memoryFormat, Device device, boolean pinMemory) {
        this.dataset = dataset;
        this.stream = stream;
        this.collate = (Collate<Object>) collate;
        this.plan = plan;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.transform = transform;
        this.memoryFormat = memoryFormat;
        this.device = device;
        this.pinMemory = pinMemory;
    }

    /** Number of batches made so far. */
    int made() {
        return made;
    }

    /** The next batch, or null after the last. */
    Batch next() {
        long[] indices;
        List<Object> samples = null;
        if (stream == null) {
            if (made >= plan.size()) {
                return null;
            }
            indices = plan.get(made);
        } else {
            samples = new ArrayList<>(batchSize);
            while (samples.size() < batchSize && stream.hasNext()) {
                samples.add(stream.next());
            }
            if (samples.isEmpty() || (dropLast && samples.size() < batchSize)) {
                return null;
            }
            indices = new long[0];
        }
        Batch b = make(indices, samples);
        made++;
        return b;
    }

    private Batch make(long[] indices, List<Object> streamed) {
        try (Scope scope = Scope.open()) {
            List<Tensor> ts;
            if (dataset instanceof TensorDataset) {
                // One native gather per tensor for the whole batch, not one row copy per sample.
                Tensor index = Torch.fromArray(indices, indices.length);
                List<Tensor> backing = ((TensorDataset) dataset).tensors();
                ts = new ArrayList<>(backing.size());
                for (Tensor t : backing) {
                    ts.add(t.indexSelect(0, index));
                }
            } else {
                List<Object> samples = streamed;
                if (samples == null) {
                    samples = new ArrayList<>(indices.length);
                    for (long i : indices) {
                        samples.add(dataset.get(i));
                    }
                }
                ts = new ArrayList<>(collate.collate(samples));
                if (ts.isEmpty()) {
                    throw new IllegalStateException("the collate function returned no tensors for a batch of "
                            + samples.size() + " samples");
                }
            }
            if (transform != null) {
                ts.set(0, transform.apply(ts.get(0)));
            }
            if (memoryFormat != MemoryFormat.PRESERVE) {
                for (int k = 0; k < ts.size(); k++) {
                    if (ts.get(k).dim() == 4) {
                        ts.set(k, ts.get(k).contiguous(memoryFormat));
                    }
                }
            }
            if (device != null) {
                for (int k = 0; k < ts.size(); k++) {
                    ts.set(k, toDevice(ts.get(k)));
                }
            }
            for (Tensor t : ts) {
                t.detachFromScope();
            }
            return new Batch(ts, indices);
        }
    }

    /**
     * Host to GPU through page-locked memory (LibTorch's caching host allocator), which the copy engine
     * reads without a staging copy. The copy is synchronous: it runs on the worker, off the consumer's
     * path, and a blocking copy needs no cross-thread stream synchronisation before the consumer uses it.
     */
    private Tensor toDevice(Tensor t) {
        if (t.device().equals(device)) {
            return t;
        }
        Tensor src = t;
        if (device.isCuda() && pinMemory && !t.device().isCuda()) {
            try {
                src = Tensor.wrap(t.unwrap().pin_memory());
            } catch (RuntimeException e) {
                throw TorchException.fromNative(e);
            }
        }
        return src.to(device);
    }
}
