package org.torch4j.datasets;

import java.nio.file.Path;

/**
 * A {@code .tar.gz} archive is corrupt, truncated, or holds an entry that may not be unpacked
 * (a path leaving the target directory, a link, a device). The message names the archive, the entry
 * where known, and what was expected versus found.
 *
 * <pre>{@code
 * try {
 *     TarGz.extract(archive, dir);
 * } catch (ArchiveException e) {
 *     log.error("bad archive {}: {}", e.archive(), e.getMessage());
 * }
 * }</pre>
 */
public final class ArchiveException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path archive;

    public ArchiveException(Path archive, String detail) {
        super(archive + ": " + detail);
        this.archive = archive;
    }

    public ArchiveException(Path archive, String detail, Throwable cause) {
        super(archive + ": " + detail, cause);
        this.archive = archive;
    }

    /** The archive file at fault. */
    public Path archive() {
        return archive;
    }
}
