package org.torch4j.datasets;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a data set as its publishers host it: the file name under each mirror, the MD5 the
 * publisher lists for it, and, for archives, the files that must exist once it is unpacked.
 *
 * <pre>{@code
 * var images = RemoteResource.file("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873");
 * var cifar = RemoteResource.tarGz("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530",
 *         List.of("cifar-10-batches-bin/test_batch.bin"));
 * }</pre>
 *
 * @param fileName       plain file name (no directories), also the name on disk
 * @param md5            32 lower-case hex digits
 * @param extractTarGz   whether the file is a {@code .tar.gz} to unpack into the target directory
 * @param extractedFiles for archives: relative paths that the unpacked archive provides; when all of
 *                       them exist, the archive is neither downloaded nor unpacked again
 */
public record RemoteResource(String fileName, String md5, boolean extractTarGz, List<String> extractedFiles) {
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");

    public RemoteResource {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(extractedFiles, "extractedFiles");
        if (fileName.isEmpty() || fileName.contains("/") || fileName.contains("\\")
                || fileName.equals(".") || fileName.equals("..")) {
            throw new IllegalArgumentException("fileName: expected a plain file name, got '" + fileName + "'");
        }
        md5 = md5.toLowerCase(Locale.ROOT);
        if (!MD5.matcher(md5).matches()) {
            throw new IllegalArgumentException("md5 of " + fileName + ": expected 32 hex digits, got '" + md5 + "'");
        }
        extractedFiles = List.copyOf(extractedFiles);
        if (extractTarGz && extractedFiles.isEmpty()) {
            throw new IllegalArgumentException("archive " + fileName
                    + ": expected at least one extracted file to check for, got none");
        }
        if (!extractTarGz && !extractedFiles.isEmpty()) {
            throw new IllegalArgumentException(fileName + " is not an archive, yet extractedFiles were given: "
                    + extractedFiles);
        }
    }

    /** A file used as downloaded. */
    public static RemoteResource file(String fileName, String md5) {
        return new RemoteResource(fileName, md5, false, List.of());
    }

    /** A {@code .tar.gz} archive unpacked into the target directory after download. */
    public static RemoteResource tarGz(String fileName, String md5, List<String> extractedFiles) {
        return new RemoteResource(fileName, md5, true, extractedFiles);
    }
}
