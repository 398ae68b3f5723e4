package org.torch4j.datasets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Which mirror base URLs a data set is fetched from. The first of these that is set wins:
 * <ol>
 *   <li>an explicit list passed by the caller;</li>
 *   <li>system property {@code torch4j.mirrors.<key>} (e.g. {@code torch4j.mirrors.fashion-mnist});</li>
 *   <li>environment variable {@code TORCH4J_MIRRORS_<KEY>} (upper case, '-' as '_', e.g.
 *       {@code TORCH4J_MIRRORS_CIFAR_10});</li>
 *   <li>system property {@code torch4j.mirrors} or environment variable {@code TORCH4J_MIRRORS}: base
 *       URLs of a mirror of several data sets, each in a sub-folder named by its key
 *       ({@code <base>/mnist/}, {@code <base>/cifar-10/}, ...);</li>
 *   <li>the data set's default mirrors (its publishers' hosts).</li>
 * </ol>
 * Lists are separated by commas or white space; each entry must be an http or https URL, taken as a
 * folder (a missing trailing '/' is added).
 *
 * <pre>{@code
 * // java -Dtorch4j.mirrors.mnist=http://intranet.example/mnist/ ...
 * List<URI> mirrors = Mirrors.resolve(DatasetResources.MNIST, List.of());
 * }</pre>
 */
public final class Mirrors {
    /** Property prefix for per-data-set mirror lists. */
    public static final String PROPERTY_PREFIX = "torch4j.mirrors.";
    /** Property for a multi-data-set mirror. */
    public static final String PROPERTY_ALL = "torch4j.mirrors";
    /** Environment variable for a multi-data-set mirror; per-data-set ones append {@code _<KEY>}. */
    public static final String ENV_ALL = "TORCH4J_MIRRORS";

    private Mirrors() {
    }

    /** Resolves the mirrors of {@code dataset}, from {@code explicit} when it is not empty. */
    public static List<URI> resolve(RemoteDataset dataset, List<URI> explicit) {
        return resolve(dataset, explicit, System::getProperty, System::getenv);
    }

    static List<URI> resolve(RemoteDataset dataset, List<URI> explicit,
                             UnaryOperator<String> properties, UnaryOperator<String> env) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(explicit, "explicit");
        if (!explicit.isEmpty()) {
            return explicit.stream().map(u -> asFolder(u, "explicit mirror")).toList();
        }
        String key = dataset.key();
        String property = PROPERTY_PREFIX + key;
        String value = properties.apply(property);
        if (isSet(value)) {
            return parse(value, "system property " + property, "");
        }
        String envName = ENV_ALL + "_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
        value = env.apply(envName);
        if (isSet(value)) {
            return parse(value, "environment variable " + envName, "");
        }
        value = properties.apply(PROPERTY_ALL);
        if (isSet(value)) {
            return parse(value, "system property " + PROPERTY_ALL, key + "/");
        }
        value = env.apply(ENV_ALL);
        if (isSet(value)) {
            return parse(value, "environment variable " + ENV_ALL, key + "/");
        }
        return dataset.defaultMirrors();
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    private static List<URI> parse(String value, String source, String subFolder) {
        List<URI> out = new ArrayList<>();
        for (String part : value.trim().split("[,\\s]+")) {
            URI base;
            try {
                base = new URI(part);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(source + ": expected http(s) URLs, got '" + part + "'", e);
            }
            out.add(asFolder(base, source).resolve(subFolder));
        }
        return List.copyOf(out);
    }

    /** Checks the scheme and makes the URL a folder, so that {@code resolve(fileName)} appends. */
    static URI asFolder(URI uri, String source) {
        Objects.requireNonNull(uri, source);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException(source + ": expected an http or https URL, got '" + uri + "'");
        }
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }
}
