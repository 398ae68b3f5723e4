package org.torch4j.datasets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The CIFAR binary layout: files of fixed-size records, each {@code labelBytes} label bytes followed by
 * 3072 pixel bytes (1024 red, 1024 green, 1024 blue, each 32 x 32 row by row). The record count comes
 * from the file size, which must be a positive multiple of the record size.
 */
final class CifarBinary {
    static final int SIDE = 32;
    static final int PIXELS = 3 * SIDE * SIDE;

    private final String dataset;
    /** Name and number of classes of each label byte, in record order. */
    private final List<String> labelNames;
    private final int[] labelClasses;

    CifarBinary(String dataset, List<String> labelNames, int... labelClasses) {
        if (labelNames.size() != labelClasses.length) {
            throw new IllegalArgumentException("expected one class count per label byte");
        }
        this.dataset = dataset;
        this.labelNames = List.copyOf(labelNames);
        this.labelClasses = labelClasses.clone();
    }

    int recordSize() {
        return labelClasses.length + PIXELS;
    }

    /**
     * Reads {@code files} in order into {@code {images uint8 N x 3 x 32 x 32, labels int64 N (one tensor per
     * label byte)...}}, handed to the caller's scope; on failure nothing stays allocated.
     */
    Tensor[] load(List<Path> files) {
        long[] records = new long[files.size()];
        long total = 0;
        for (int i = 0; i < files.size(); i++) {
            records[i] = recordCount(files.get(i));
            total += records[i];
        }
        try (Scope scope = Scope.open()) {
            // One read per file straight into the record matrix; images and labels are split natively after.
            Tensor raw = Torch.empty(new long[] {total, recordSize()}, DType.UINT8);
            long first = 0;
            for (int i = 0; i < files.size(); i++) {
                readInto(files.get(i), raw, first, records[i]);
                Tensor slice = raw.narrow(0, first, records[i]);
                for (int j = 0; j < labelClasses.length; j++) {
                    LabelCheck.inRange(slice.select(1, j), labelClasses[j], files.get(i), labelNames.get(j), 0);
                }
                first += records[i];
            }
            Tensor[] out = new Tensor[1 + labelClasses.length];
            out[0] = raw.narrow(1, labelClasses.length, PIXELS).contiguous().view(total, 3, SIDE, SIDE);
            for (int j = 0; j < labelClasses.length; j++) {
                out[1 + j] = raw.select(1, j).toLong();
            }
            scope.keep(out);
            return out;
        }
    }

    private long recordCount(Path file) {
        if (!Files.exists(file)) {
            throw DataFiles.missing(dataset, file, "expected a " + layout() + " file");
        }
        if (Files.isDirectory(file)) {
            throw new DatasetFormatException(file, "is a directory, expected a " + layout() + " file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new DatasetFormatException(file, "empty file (0 bytes), expected records of " + recordSize()
                    + " bytes (" + layout() + ")");
        }
        if (size % recordSize() != 0) {
            throw new DatasetFormatException(file, "wrong size: expected a multiple of the record size "
                    + recordSize() + " (" + layout() + "), found " + size + " bytes = " + size / recordSize()
                    + " records + " + size % recordSize() + " bytes");
        }
        return size / recordSize();
    }

    private void readInto(Path file, Tensor raw, long firstRecord, long records) {
        long length = records * recordSize();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long got = NativeRead.fromChannel(ch, 0, raw, firstRecord * recordSize(), length);
            if (got != length) {
                throw new DatasetFormatException(file, "truncated data: expected " + length + " bytes, found " + got
                        + " (the file shrank while being read)");
            }
        } catch (NoSuchFileException e) {
            throw DataFiles.missing(dataset, file, "expected a " + layout() + " file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private String layout() {
        return dataset + " binary: " + String.join(" byte + ", labelNames) + " byte + " + PIXELS + " pixel bytes";
    }
}
