package org.torch4j.datasets;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * A data set file could not be obtained from any mirror. The message lists every URL tried and why
 * it failed; {@link #failures()} gives the same as data.
 *
 * <pre>{@code
 * try {
 *     Downloader.defaults().fetch(root, DatasetResources.MNIST);
 * } catch (DownloadException e) {
 *     e.failures().forEach(f -> System.err.println(f.url() + ": " + f.reason()));
 * }
 * }</pre>
 */
public final class DownloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why one URL failed. */
    public record Failure(URI url, String reason) {
        public Failure {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return url + ": " + reason;
        }
    }

    private final String fileName;
    private final transient List<Failure> failures;

    public DownloadException(String fileName, List<Failure> failures) {
        super(message(fileName, failures));
        this.fileName = fileName;
        this.failures = List.copyOf(failures);
    }

    private static String message(String fileName, List<Failure> failures) {
        var sb = new StringBuilder("could not download ").append(fileName).append(": ");
        if (failures.isEmpty()) {
            return sb.append("no mirror configured").toString();
        }
        sb.append("all ").append(failures.size()).append(failures.size() == 1 ? " mirror" : " mirrors")
                .append(" failed");
        for (Failure f : failures) {
            sb.append("\n  ").append(f);
        }
        return sb.toString();
    }

    /** The file that was wanted. */
    public String fileName() {
        return fileName;
    }

    /** One entry per URL tried, in the order tried. */
    public List<Failure> failures() {
        return failures;
    }
}
