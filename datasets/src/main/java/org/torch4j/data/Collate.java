package org.torch4j.data;

import java.util.ArrayList;
import java.util.List;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * Turns the samples of one batch into its tensors, as PyTorch's {@code collate_fn}. A loader calls it
 * only for datasets other than {@link TensorDataset} (whose batches are gathered natively).
 *
 * <pre>{@code
 * Collate<String> lengths = samples -> List.of(Torch.tensor(samples.stream().mapToLong(String::length).toArray()));
 * }</pre>
 *
 * @param <T> the type of one sample
 */
@FunctionalInterface
public interface Collate<T> {
    /** The tensors of a batch of {@code samples} (at least one sample). */
    List<Tensor> collate(List<T> samples);

    /**
     * The default: samples that are a {@link Tensor} are stacked into one tensor; samples that are a
     * {@code List<Tensor>} (as a {@link TensorDataset}'s) are stacked position by position. Anything
     * else is refused with a message naming its type.
     */
    static <T> Collate<T> stack() {
        return samples -> {
            Object first = samples.get(0);
            if (first instanceof Tensor) {
                Tensor[] ts = new Tensor[samples.size()];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = asTensor(samples.get(i), i);
                }
                return List.of(Torch.stack(ts, 0));
            }
            if (first instanceof List<?>) {
                int width = ((List<?>) first).size();
                List<Tensor> out = new ArrayList<>(width);
                for (int k = 0; k < width; k++) {
                    Tensor[] ts = new Tensor[samples.size()];
                    for (int i = 0; i < ts.length; i++) {
                        List<?> s = (List<?>) samples.get(i);
                        if (s.size() != width) {
                            throw new IllegalArgumentException("cannot collate: sample 0 of the batch has " + width
                                    + " tensors but sample " + i + " has " + s.size());
                        }
                        ts[i] = asTensor(s.get(k), i);
                    }
                    out.add(Torch.stack(ts, 0));
                }
                return out;
            }
            throw new IllegalArgumentException("the default collate stacks a Tensor or a List<Tensor> per sample, "
                    + "got a " + (first == null ? "null" : first.getClass().getName())
                    + "; give the loader a Collate for this dataset");
        };
    }

    private static Tensor asTensor(Object o, int sample) {
        if (!(o instanceof Tensor)) {
            throw new IllegalArgumentException("cannot collate: sample " + sample + " holds a "
                    + (o == null ? "null" : o.getClass().getName()) + " where a Tensor was expected");
        }
        return (Tensor) o;
    }
}
