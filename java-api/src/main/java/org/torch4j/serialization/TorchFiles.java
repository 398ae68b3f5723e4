package org.torch4j.serialization;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.torch4j.Tensor;

/**
 * Reads and writes the files of PyTorch's {@code torch.save} / {@code torch.load}, so that models and
 * checkpoints move between Python and Java in both directions.
 *
 * <pre>{@code
 * // Python: torch.save(model.state_dict(), "model.pt")
 * Map<String, Tensor> state = TorchFiles.loadStateDict(Path.of("model.pt"));
 * javaModel.loadStateDict(state);
 *
 * // and back: model.load_state_dict(torch.load("java.pt")) in Python
 * TorchFiles.save(javaModel.stateDict(), Path.of("java.pt"));
 * }</pre>
 *
 * <p>What files hold: tensors of every torch4j dtype (Python's {@code nn.Parameter}s load as plain tensors
 * with {@code requires_grad} as saved), {@link Map}s (Python dicts; {@code collections.OrderedDict} loads as
 * {@link OrderedDict} with its attributes, such as a state dict's {@code _metadata}), {@link java.util.List}s,
 * {@link Tuple}s, sets, strings, integers ({@link Long}), floats ({@link Double}), booleans, bytes
 * ({@code byte[]}) and None ({@code null}) - what state dicts and optimizer state dicts are made of. Files that
 * name any other Python class are refused with a {@link FormatException} naming it: loading never constructs
 * arbitrary objects.
 *
 * <p>Reading accepts the zip format (PyTorch 1.6 and later) and the legacy format
 * ({@code _use_new_zipfile_serialization=False}); tensors load to the CPU whatever device they were saved from,
 * and tensors that shared a storage in the file share one in Java. Writing produces the zip format, which
 * {@code torch.load} reads in every PyTorch since 1.6.
 *
 * <p>Errors: a file that is not a torch.save file or is damaged (empty, truncated, not a zip, no
 * {@code data.pkl}, corrupt pickle, unknown Python global, missing or short storage record) throws
 * {@link FormatException} naming the file and the problem; a file that cannot be read or written at all
 * (missing, no permission) throws {@link java.io.UncheckedIOException}. Nothing of a failed load is returned,
 * and a failed save leaves any existing file untouched.
 *
 * <p>Loaded tensors are like any new tensor: owned by the current {@link org.torch4j.Scope} if one is open,
 * else released when unreachable. {@code Torch.save} and {@code Torch.load} are shortcuts to this class.
 */
public final class TorchFiles {
    private TorchFiles() {}

    /**
     * Saves a state dict as {@code torch.save(state_dict, path)} does: the map becomes a
     * {@code collections.OrderedDict} (its values tensors or, for optimizer-style state, nested maps, lists,
     * tuples, numbers and strings). The file is written to a temporary file next to {@code path} and renamed
     * over it, so a crash never leaves a half-written file at {@code path}.
     *
     * @throws IllegalArgumentException if a value cannot be written (the message names where it is)
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void save(Map<String, ?> stateDict, Path path) {
        Objects.requireNonNull(stateDict, "stateDict");
        Objects.requireNonNull(path, "path");
        TorchWriter.save(stateDict, true, path);
    }

    /**
     * Saves any supported value as {@code torch.save(value, path)}: maps are written as Python dicts (an
     * {@link OrderedDict} as an OrderedDict), lists as lists, {@link Tuple}s as tuples. Atomic as {@link #save}.
     */
    public static void saveObject(Object value, Path path) {
        Objects.requireNonNull(path, "path");
        TorchWriter.save(value, false, path);
    }

    /**
     * Loads a torch.save file as Java values (see the class comment for the types); tensors are on the CPU.
     *
     * @throws FormatException if the file is not a torch.save file torch4j can read
     * @throws java.io.UncheckedIOException if the file cannot be read
     */
    public static Object load(Path path) {
        Objects.requireNonNull(path, "path");
        return TorchReader.load(path);
    }

    /**
     * Loads a file that holds a state dict: a map from parameter and buffer names to tensors, in the file's
     * order, ready for {@code Module.loadStateDict}. A Python state dict comes back as an {@link OrderedDict}
     * that keeps its {@code _metadata}.
     *
     * @throws FormatException if the file is not a torch.save file or does not hold a dict of tensors with
     *     string keys (the message says what it holds instead); its tensors are released then
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Tensor> loadStateDict(Path path) {
        Object value = load(path);
        String problem = null;
        if (!(value instanceof Map)) {
            problem = "holds " + Unpickler.a(Unpickler.typeName(value))
                    + ", not a state dict (a dict of tensors)";
        } else {
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    problem = "is not a state dict: key " + e.getKey() + " is " + Unpickler.a(Unpickler.typeName(e.getKey()))
                            + ", not a string";
                    break;
                }
                if (!(e.getValue() instanceof Tensor)) {
                    problem = "is not a state dict: the value of '" + e.getKey() + "' is "
                            + Unpickler.a(Unpickler.typeName(e.getValue())) + ", not a tensor";
                    break;
                }
            }
        }
        if (problem != null) {
            release(value, new java.util.IdentityHashMap<>());
            throw new FormatException(path, problem);
        }
        return (Map<String, Tensor>) value;
    }

    /** Closes every tensor inside a loaded value. */
    private static void release(Object o, Map<Object, Boolean> seen) {
        if (o instanceof Tensor) {
            ((Tensor) o).close();
        } else if (o instanceof Map || o instanceof Iterable) {
            if (seen.put(o, Boolean.TRUE) != null) {
                return;
            }
            if (o instanceof OrderedDict) {
                release(((OrderedDict<?, ?>) o).attributes().values(), seen);
            }
            for (Object v : o instanceof Map ? ((Map<?, ?>) o).values() : (Iterable<?>) o) {
                release(v, seen);
            }
        }
    }
}
