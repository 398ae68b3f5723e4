package org.torch4j.examples.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.torch4j.examples.LectureNet;
import org.torch4j.examples.SmallResNet;

/**
 * The models the CLI knows by name. New models are one {@link #register} line in the static block.
 *
 * <pre>{@code
 * ModelSpec spec = ModelRegistry.get("mnist-lecture");
 * Module net = spec.factory().get();
 * }</pre>
 */
public final class ModelRegistry {
    private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

    static {
        register(new ModelSpec("mnist-lecture",
                "the lecture's MNIST convnet (conv 1->32 k5, pool 3, conv 32->64 k5, pool 2, fc 256->200->10)",
                LectureNet::new, MnistData::load, 10, 100, 0.1));
        register(new ModelSpec("cifar-lecture",
                "the lecture's small CIFAR-10 convnet (LectureNet with 3 input channels); lr 0.1, x0.1 after 25 epochs",
                () -> new LectureNet(3), CifarData::load, 30, 100, 0.1, 25));
        register(new ModelSpec("cifar-resnet",
                "a small ResNet for CIFAR-10 (ResNet-8: 3x3 stem, three basic blocks of 16/32/64 channels, global pooling)",
                () -> new SmallResNet(10), CifarData::load, 30, 100, 0.1, 25));
    }

    private ModelRegistry() {}

    /** Adds a model; its name must be new. */
    public static synchronized void register(ModelSpec spec) {
        if (MODELS.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("model '" + spec.name() + "' is already registered");
        }
    }

    /** All models, by name, in registration order. */
    public static synchronized Map<String, ModelSpec> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(MODELS));
    }

    /**
     * The model called {@code name}.
     *
     * @throws CliException naming the known models if there is none
     */
    public static synchronized ModelSpec get(String name) {
        ModelSpec spec = MODELS.get(name);
        if (spec == null) {
            throw new CliException("unknown model '" + name + "'; known models: " + String.join(", ", MODELS.keySet()),
                    2, null);
        }
        return spec;
    }
}
