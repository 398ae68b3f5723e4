package org.torch4j.datasets;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A downloadable data set: a short key (used in mirror configuration, see {@link Mirrors}), its
 * files, and the mirrors its publishers host it on.
 *
 * <pre>{@code
 * RemoteDataset mnist = DatasetResources.MNIST;
 * for (RemoteResource r : mnist.resources()) {
 *     System.out.println(r.fileName() + " " + r.md5());
 * }
 * List<URI> from = mnist.mirrors();   // defaults unless overridden by property or environment
 * }</pre>
 *
 * @param key            lower-case name such as {@code mnist} or {@code cifar-10}
 * @param resources      the files to fetch
 * @param defaultMirrors base URLs tried in order when nothing overrides them
 */
public record RemoteDataset(String key, List<RemoteResource> resources, List<URI> defaultMirrors) {
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    public RemoteDataset {
        Objects.requireNonNull(key, "key");
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("key: expected lower-case letters, digits and '-', got '" + key + "'");
        }
        resources = List.copyOf(resources);
        if (resources.isEmpty()) {
            throw new IllegalArgumentException("data set " + key + ": expected at least one resource, got none");
        }
        defaultMirrors = defaultMirrors.stream().map(u -> Mirrors.asFolder(u, "default mirror of " + key)).toList();
    }

    /** The mirrors to use now: see {@link Mirrors#resolve}. */
    public List<URI> mirrors() {
        return Mirrors.resolve(this, List.of());
    }
}
