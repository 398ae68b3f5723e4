package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.datasets.Fixtures.assertFailsCleanly;
import static org.torch4j.datasets.Fixtures.gzip;
import static org.torch4j.datasets.Fixtures.idx;
import static org.torch4j.datasets.Fixtures.labelsFile;
import static org.torch4j.datasets.Fixtures.mnistImagesFile;
import static org.torch4j.datasets.Fixtures.mnistPixels;
import static org.torch4j.datasets.Fixtures.write;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every damaged-file case fails with its own message naming the file, expectation and finding. */
class CorruptFileTest {
    private static final byte[] FIVE_LABELS = {0, 1, 2, 3, 4};

    @TempDir
    Path dir;
    Path raw;
    Path images;
    Path labels;

    @BeforeEach
    void layout() {
        raw = dir.resolve("MNIST/raw");
        images = raw.resolve("train-images-idx3-ubyte");
        labels = raw.resolve("train-labels-idx1-ubyte");
        write(labels, labelsFile(FIVE_LABELS));
    }

    private DatasetFormatException mnistFails(Path expectedFile) {
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> MNIST.train(dir));
        assertEquals(expectedFile, e.file());
        assertTrue(e.getMessage().startsWith(expectedFile + ": "), e.getMessage());
        return e;
    }

    private static void assertMessage(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    @Test
    void wrongMagicNumber() {
        write(images, idx(0x12345678, new int[] {5, 28, 28}, mnistPixels(5)));
        assertMessage(mnistFails(images), "wrong magic number: expected 2051 (0x00000803: unsigned byte, 3 dimensions)",
                "found 305419896 (0x12345678", "not an IDX header");
    }

    @Test
    void labelsFileWhereImagesBelong() {
        write(images, labelsFile(FIVE_LABELS));
        assertMessage(mnistFails(images), "expected 2051", "found 2049 (0x00000801: unsigned byte, 1 dimension)");
    }

    @Test
    void wrongDataType() {
        write(images, idx(0x00000D03, new int[] {5, 28, 28}, mnistPixels(5)));
        assertMessage(mnistFails(images), "expected data type 0x08 (unsigned byte), found 0x0D",
                "found 3331 (0x00000D03: float, 3 dimensions)");
    }

    @Test
    void wrongDimensionCount() {
        write(images, idx(0x00000804, new int[] {5, 1, 28, 28}, mnistPixels(5)));
        assertMessage(mnistFails(images), "expected 3 dimensions, found 4");
    }

    @Test
    void wrongImageSize() {
        write(images, idx(2051, new int[] {5, 32, 32}, new byte[5 * 32 * 32]));
        assertMessage(mnistFails(images), "wrong item size: expected 28 x 28, found 32 x 32 (5 items)");
    }

    @Test
    void truncatedHeader() {
        write(images, Arrays.copyOf(mnistImagesFile(5), 10));
        assertMessage(mnistFails(images), "truncated header: expected 16 header bytes", "found 10");
    }

    @Test
    void truncatedData() {
        byte[] full = mnistImagesFile(5);
        write(images, Arrays.copyOf(full, full.length - 100));
        assertMessage(mnistFails(images), "truncated data: expected 3936 bytes (16-byte header + 5 x 28 x 28 data bytes)",
                "found 3836 (100 missing)");
    }

    @Test
    void trailingBytes() {
        byte[] full = mnistImagesFile(5);
        write(images, Arrays.copyOf(full, full.length + 3));
        assertMessage(mnistFails(images), "trailing bytes: expected 3936 bytes", "found 3939 (3 extra)");
    }

    @Test
    void trailingBytesInLabels() {
        write(images, mnistImagesFile(5));
        byte[] full = labelsFile(FIVE_LABELS);
        write(labels, Arrays.copyOf(full, full.length + 1));
        assertMessage(mnistFails(labels), "trailing bytes: expected 13 bytes (8-byte header + 5 data bytes)",
                "found 14 (1 extra)");
    }

    @Test
    void truncatedDataInsideGzip() throws IOException {
        byte[] full = mnistImagesFile(5);
        Path gz = raw.resolve("train-images-idx3-ubyte.gz");
        write(gz, gzip(Arrays.copyOf(full, full.length - 784)));
        assertMessage(mnistFails(gz), "truncated data: expected 3936 bytes", "found 3152 after decompression");
    }

    @Test
    void corruptGzipData() {
        byte[] gz = gzip(mnistImagesFile(5));
        gz[10] |= 0x06; // the first deflate block header (after the 10-byte gzip header) now names reserved type 3
        Path file = write(raw.resolve("train-images-idx3-ubyte.gz"), gz);
        assertMessage(mnistFails(file), "corrupt gzip data: expected a complete gzip stream, found: invalid block type");
    }

    @Test
    void cutGzipStream() {
        byte[] gz = gzip(mnistImagesFile(5));
        Path file = write(raw.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(gz, gz.length / 2));
        assertMessage(mnistFails(file), "corrupt gzip data", "Unexpected end of ZLIB input stream");
    }

    @Test
    void gzipNameOnRawData() {
        Path file = write(raw.resolve("train-images-idx3-ubyte.gz"), mnistImagesFile(5));
        assertMessage(mnistFails(file), "corrupt gzip data", "Not in GZIP format");
    }

    @Test
    void gzipChecksumMismatch() {
        byte[] gz = gzip(mnistImagesFile(5));
        gz[gz.length - 6] ^= 1; // inside the CRC-32 of the gzip trailer
        Path file = write(raw.resolve("train-images-idx3-ubyte.gz"), gz);
        assertMessage(mnistFails(file), "corrupt gzip data", "Corrupt GZIP trailer");
    }

    @Test
    void emptyFile() {
        write(images, new byte[0]);
        assertMessage(mnistFails(images), "empty file (0 bytes), expected an IDX file (magic 2051");
    }

    @Test
    void directoryInsteadOfFile() throws IOException {
        Files.createDirectories(images);
        assertMessage(mnistFails(images), "is a directory, expected an IDX file");
    }

    @Test
    void missingFile() {
        Files.exists(images); // only labels exist
        UncheckedIOException e = assertFailsCleanly(UncheckedIOException.class, () -> MNIST.train(dir));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertMessage(e, "MNIST: file not found: " + images, images + ".gz", dir.resolve("train-images-idx3-ubyte").toString(),
                "bash datasets/fetch-data.sh " + dir);
    }

    @Test
    void countMismatchBetweenImagesAndLabels() {
        write(images, mnistImagesFile(4));
        assertMessage(mnistFails(labels), "count mismatch: expected 4 labels, as " + images + " holds 4 images, found 5 labels");
    }

    @Test
    void labelOutOfRange() {
        write(images, mnistImagesFile(5));
        write(labels, labelsFile(new byte[] {0, 1, 10, 3, 4}));
        assertMessage(mnistFails(labels), "label out of range: expected 0..9, found 10 at record 2");
    }

    @Test
    void headerPromisingMoreThanGzipCanHold() {
        Path file = write(raw.resolve("train-images-idx3-ubyte.gz"), gzip(idx(2051, new int[] {-1, 28, 28}, new byte[0])));
        assertMessage(mnistFails(file), "the header promises 3367254359296 bytes (4294967295 items)");
    }

    // ------------------------------------------------------------------ CIFAR

    @Test
    void cifarWrongRecordSize() {
        // CIFAR-100 records (3074 bytes) where CIFAR-10 records (3073 bytes) belong
        Path file = write(dir.resolve("cifar-10-batches-bin/test_batch.bin"),
                Fixtures.cifarRecords(0, new int[][] {{1, 2}, {3, 4}, {5, 6}}));
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR10.test(dir));
        assertEquals(file, e.file());
        assertMessage(e, file + ": wrong size: expected a multiple of the record size 3073 (CIFAR-10 binary: label byte + 3072 pixel bytes), found 9222 bytes = 3 records + 3 bytes");
    }

    @Test
    void cifarTruncatedLastRecord() {
        byte[] two = Fixtures.cifarRecords(0, Fixtures.oneLabelEach(1, 2));
        Path file = write(dir.resolve("cifar-10-batches-bin/test_batch.bin"), Arrays.copyOf(two, two.length - 100));
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR10.test(dir));
        assertMessage(e, file.toString(), "found 6046 bytes = 1 records + 2973 bytes");
    }

    @Test
    void cifarEmptyFile() {
        Path file = write(dir.resolve("cifar-10-batches-bin/test_batch.bin"), new byte[0]);
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR10.test(dir));
        assertMessage(e, file + ": empty file (0 bytes), expected records of 3073 bytes");
    }

    @Test
    void cifarDirectoryInsteadOfFile() throws IOException {
        Path file = Files.createDirectories(dir.resolve("cifar-10-batches-bin/test_batch.bin"));
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR10.test(dir));
        assertMessage(e, file + ": is a directory, expected a CIFAR-10 binary");
    }

    @Test
    void cifar10LabelOutOfRange() {
        Path file = write(dir.resolve("cifar-10-batches-bin/test_batch.bin"),
                Fixtures.cifarRecords(0, Fixtures.oneLabelEach(9, 0, 10)));
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR10.test(dir));
        assertMessage(e, file + ": label out of range: expected 0..9, found 10 at record 2");
    }

    @Test
    void cifar100BadFineLabel() {
        Path file = write(dir.resolve("cifar-100-binary/train.bin"),
                Fixtures.cifarRecords(0, new int[][] {{19, 99}, {0, 100}}));
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR100.train(dir));
        assertMessage(e, file + ": fine label out of range: expected 0..99, found 100 at record 1");
    }

    @Test
    void cifar100BadCoarseLabel() {
        Path file = write(dir.resolve("cifar-100-binary/test.bin"),
                Fixtures.cifarRecords(0, new int[][] {{3, 5}, {4, 5}, {200, 5}}));
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR100.test(dir));
        assertMessage(e, file + ": coarse label out of range: expected 0..19, found 200 at record 2");
    }

    @Test
    void cifar10MissingBatchInFullLoad() {
        for (String name : List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_4.bin")) {
            write(dir.resolve("cifar-10-batches-bin").resolve(name), Fixtures.cifarRecords(0, Fixtures.oneLabelEach(1)));
        }
        UncheckedIOException e = assertFailsCleanly(UncheckedIOException.class, () -> CIFAR10.train(dir));
        assertInstanceOf(NoSuchFileException.class, e.getCause());
        assertMessage(e, "CIFAR-10: file not found: " + dir.resolve("cifar-10-batches-bin/data_batch_3.bin"),
                "missing: data_batch_3.bin, data_batch_5.bin", "CIFAR10.train(dir, List.of(\"data_batch_1.bin\"))");
        // the subset that exists still loads
        try (CIFAR10 part = CIFAR10.train(dir, List.of("data_batch_1.bin", "data_batch_4.bin"))) {
            assertEquals(2, part.size());
        }
    }

    @Test
    void cifar10MissingFolder() {
        UncheckedIOException e = assertFailsCleanly(UncheckedIOException.class, () -> CIFAR10.test(dir));
        assertMessage(e, "CIFAR-10: file not found: " + dir.resolve("cifar-10-batches-bin/test_batch.bin"),
                "does not fetch CIFAR-10");
    }

    @Test
    void cifarClassNamesFileWithWrongLineCount() {
        write(dir.resolve("cifar-10-batches-bin/test_batch.bin"), Fixtures.cifarRecords(0, Fixtures.oneLabelEach(1)));
        Path meta = write(dir.resolve("cifar-10-batches-bin/batches.meta.txt"), "airplane\nautomobile\n".getBytes());
        DatasetFormatException e = assertFailsCleanly(DatasetFormatException.class, () -> CIFAR10.test(dir));
        assertMessage(e, meta + ": expected 10 class names, one per line, found 2");
    }
}
