package org.torch4j.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Class-name files of the CIFAR binary distributions: one name per line, index = label. */
final class ClassNames {
    private ClassNames() {}

    /**
     * The names in {@code folder/fileName} when that file exists (it must hold exactly
     * {@code defaults.size()} non-blank lines), else {@code defaults}.
     */
    static List<String> readOrDefault(Path folder, String fileName, List<String> defaults) {
        Path file = folder.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        List<String> names;
        try {
            names = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read class names: " + e.getMessage(), e);
        }
        if (names.size() != defaults.size()) {
            throw new DatasetFormatException(file, "expected " + defaults.size()
                    + " class names, one per line, found " + names.size());
        }
        return names;
    }
}
