package org.torch4j.examples.cli;

import java.util.Iterator;

/**
 * The registered model names, for picocli's help text and completion.
 *
 * <pre>{@code
 * @Parameters(completionCandidates = ModelNames.class) String model;
 * }</pre>
 */
public final class ModelNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ModelRegistry.all().keySet().iterator();
    }
}
