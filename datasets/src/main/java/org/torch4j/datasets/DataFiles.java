package org.torch4j.datasets;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds a dataset's files under a data directory: first in the sub-folder torchvision uses, then in the
 * directory itself; a missing file fails with the places searched and how to get the data.
 */
final class DataFiles {
    static final String FETCH_HINT = "get MNIST and Fashion-MNIST with: bash datasets/fetch-data.sh ";

    private DataFiles() {}

    /** The folders searched, in order: {@code root/subfolder}, then {@code root}. */
    static List<Path> candidates(Path root, String subfolder) {
        return List.of(root.resolve(subfolder), root);
    }

    /**
     * The first existing entry among {@code folder/name} (and {@code folder/name.gz} when
     * {@code gzipAllowed}) over the candidate folders; a directory found there is returned too, so that the
     * reader can report it as "a directory, expected a file".
     */
    static Path find(String dataset, Path root, String subfolder, String name, boolean gzipAllowed, String hint) {
        List<Path> tried = new ArrayList<>();
        for (Path folder : candidates(root, subfolder)) {
            Path raw = folder.resolve(name);
            tried.add(raw);
            if (Files.exists(raw)) {
                return raw;
            }
            if (gzipAllowed) {
                Path gz = folder.resolve(name + ".gz");
                tried.add(gz);
                if (Files.exists(gz)) {
                    return gz;
                }
            }
        }
        throw missing(dataset, tried.get(0), "looked for " + join(tried) + "; " + hint);
    }

    /** The first candidate folder holding any of {@code names}; else the missing-file error for the first. */
    static Path folderWithAny(String dataset, Path root, String subfolder, List<String> names, String hint) {
        List<Path> tried = new ArrayList<>();
        for (Path folder : candidates(root, subfolder)) {
            for (String name : names) {
                Path p = folder.resolve(name);
                tried.add(p);
                if (Files.exists(p)) {
                    return folder;
                }
            }
        }
        Path first = candidates(root, subfolder).get(0).resolve(names.get(0));
        throw missing(dataset, first, "looked for " + join(tried) + "; " + hint);
    }

    static UncheckedIOException missing(String dataset, Path file, String detail) {
        String message = dataset + ": file not found: " + file + " (" + detail + ")";
        return new UncheckedIOException(message, new NoSuchFileException(file.toString(), null, message));
    }

    static String fetchHint(Path root) {
        return FETCH_HINT + root;
    }

    private static String join(List<Path> paths) {
        return paths.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
