package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.pytorch.Storage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/**
 * Raw IDX files of 1 MiB or more become tensors over a private mapping of the file: the storage is the whole
 * file and the tensor starts after the header. Same values as the copying reader, same errors, and the tensor
 * outlives the file's name and never writes to the file.
 */
class MappedIdxTest {
    private static final IdxFile IMAGES = new IdxFile("images", new long[] {28, 28}, new long[] {1, 28, 28});
    private static final int COUNT = 2000; // 1,568,016 bytes: above the mapping threshold

    @TempDir
    Path dir;

    private static long storageBytes(Tensor t) {
        try (Storage s = t.unwrap().storage()) {
            return s.nbytes();
        }
    }

    private static Tensor readCopying(Path file) {
        String before = System.getProperty(NativeRead.MMAP_PROPERTY);
        System.setProperty(NativeRead.MMAP_PROPERTY, "false");
        try {
            return IMAGES.read(file);
        } finally {
            if (before == null) {
                System.clearProperty(NativeRead.MMAP_PROPERTY);
            } else {
                System.setProperty(NativeRead.MMAP_PROPERTY, before);
            }
        }
    }

    @Test
    void largeFileIsMappedWithTheCopysValues() {
        byte[] bytes = Fixtures.mnistImagesFile(COUNT);
        assertTrue(bytes.length >= NativeRead.MAP_MIN_BYTES);
        Path f = Fixtures.write(dir.resolve("train-images-idx3-ubyte"), bytes);
        try (Scope s = Scope.open()) {
            Tensor mapped = IMAGES.read(f);
            assertEquals("torch.Size([2000, 1, 28, 28])", mapped.size().toString());
            assertEquals(DType.UINT8, mapped.dtype());
            assertTrue(mapped.isContiguous());
            assertEquals(bytes.length, storageBytes(mapped), "the storage is the mapped file");
            assertEquals(16, mapped.storageOffset(), "the data starts after the 16-byte header");
            Tensor copied = readCopying(f);
            assertEquals(COUNT * 784L, storageBytes(copied), "the copying reader allocates the data only");
            assertTrue(mapped.equal(copied));
            assertArrayEquals(Arrays.copyOfRange(bytes, 16, bytes.length), mapped.toByteArray());
        }
    }

    @Test
    void theTensorOutlivesTheFileAndNeverWritesIt() throws Exception {
        byte[] bytes = Fixtures.mnistImagesFile(COUNT);
        Path f = Fixtures.write(dir.resolve("train-images-idx3-ubyte"), bytes);
        try (Scope s = Scope.open()) {
            Tensor t = IMAGES.read(f);
            t.index(0).fill_(255L);
            t.index(1999).fill_(0L);
            assertArrayEquals(bytes, Files.readAllBytes(f), "writes to the tensor stay private");
            Files.delete(f);
            assertEquals(255 * 784L, t.index(0).toLong().sum().itemLong());
            assertEquals(Fixtures.mnistPixel(1000, 5) & 0xff, t.index(1000, 0, 0, 5).itemLong());
            Tensor f32 = t.toFloat(); // reads every page after the file is gone
            assertEquals(COUNT * 784L, f32.numel());
        }
    }

    @Test
    void largeDamagedFilesFailAsBeforeNamingTheFile() {
        byte[] good = Fixtures.mnistImagesFile(COUNT);
        Path truncated = Fixtures.write(dir.resolve("truncated"), Arrays.copyOf(good, good.length - 100));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> IMAGES.read(truncated));
        assertTrue(e.getMessage().contains(truncated.toString()) && e.getMessage().contains("truncated data")
                && e.getMessage().contains("(100 missing)"), e.getMessage());

        byte[] longer = Arrays.copyOf(good, good.length + 3);
        Path trailing = Fixtures.write(dir.resolve("trailing"), longer);
        e = assertThrows(DatasetFormatException.class, () -> IMAGES.read(trailing));
        assertTrue(e.getMessage().contains("trailing bytes") && e.getMessage().contains("(3 extra)"), e.getMessage());

        byte[] magic = good.clone();
        magic[2] = 0x09;
        Path badMagic = Fixtures.write(dir.resolve("bad-magic"), magic);
        e = assertThrows(DatasetFormatException.class, () -> IMAGES.read(badMagic));
        assertTrue(e.getMessage().contains(badMagic.toString()) && e.getMessage().contains("wrong magic number"),
                e.getMessage());
    }
}
