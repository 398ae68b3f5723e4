package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.DType;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/**
 * The lecture's CIFAR grids: {@code save_image(x, 'cifar-4x12.png', nrow = 12)} of 48 images, then after
 * {@code x.transpose_(2, 3)}, then after {@code x.narrow(1, 1, 2).fill_(0)}, all through views of one batch.
 * First on a synthetic batch whose every pixel says where it came from, then on the real CIFAR-10 sample.
 */
class LectureGridTest {
    static final Path CIFAR = Path.of("../../shared/data/cifar10-sample/cifar-10-batches-bin/data_batch_1.bin");
    static final int N = 48;
    static final int CELL = 34;

    @TempDir
    Path dir;

    /** The byte of synthetic image n, channel c, row y, column x: distinct along each axis. */
    static int pattern(int n, int c, int y, int x) {
        return (n * 5 + c * 85 + y * 7 + x * 3) % 251;
    }

    static Tensor syntheticBatch(int count) {
        byte[] b = new byte[count * 3 * 32 * 32];
        int i = 0;
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < 32; y++) {
                    for (int x = 0; x < 32; x++) {
                        b[i++] = (byte) pattern(n, c, y, x);
                    }
                }
            }
        }
        return Torch.fromArray(b, count, 3, 32, 32);
    }

    /** saveImage(x, file, nrow 12, padding 2) read back as a uint8 3 x H x W tensor. */
    private Tensor saveAndRead(Tensor x, String name) {
        Path file = dir.resolve(name);
        ImageFiles.saveImage(x, file, 12, 2, false);
        return ImageFiles.readImage(file);
    }

    /** Image k of a saved 12-column grid. */
    static Tensor cell(Tensor grid, int k) {
        return grid.narrow(1, 2 + (k / 12) * CELL, 32).narrow(2, 2 + (k % 12) * CELL, 32);
    }

    @Test
    void syntheticGridThenTransposedThenRedOnly() {
        try (Scope scope = Scope.open()) {
            Tensor bytes = syntheticBatch(50);
            Tensor all = bytes.toFloat().div(255);
            Tensor x = all.narrow(0, 0, N);   // the lecture's x.narrow(0, 0, 48): a view of the batch

            Tensor plain = saveAndRead(x, "cifar-4x12.png");
            assertArrayEquals(new long[] {3, 138, 410}, plain.shape().toArray());
            checkPadding(plain);
            for (int k = 0; k < N; k++) {
                assertTrue(cell(plain, k).equal(bytes.select(0, k)), "image " + k + " of the plain grid");
            }
            // corners by hand: image 13 sits in row 1, column 1
            assertEquals(pattern(13, 0, 0, 0), at(plain, 0, 2 + CELL, 2 + CELL));
            assertEquals(pattern(13, 2, 31, 31), at(plain, 2, 2 + CELL + 31, 2 + CELL + 31));
            assertEquals(pattern(47, 1, 0, 31), at(plain, 1, 2 + 3 * CELL, 2 + 11 * CELL + 31));

            x.transpose_(2, 3);
            Tensor rotated = saveAndRead(x, "cifar-4x12-rotated.png");
            assertArrayEquals(new long[] {3, 138, 410}, rotated.shape().toArray());
            checkPadding(rotated);
            for (int k = 0; k < N; k++) {
                assertTrue(cell(rotated, k).equal(bytes.select(0, k).transpose(1, 2)), "image " + k + " transposed");
            }
            assertEquals(pattern(13, 0, 31, 0), at(rotated, 0, 2 + CELL, 2 + CELL + 31));
            assertEquals(pattern(13, 0, 0, 31), at(rotated, 0, 2 + CELL + 31, 2 + CELL));
            assertArrayEquals(new long[] {50, 3, 32, 32}, all.shape().toArray(), "transpose_ changes only the view");

            x.narrow(1, 1, 2).fill_(0);
            Tensor red = saveAndRead(x, "cifar-4x12-rotated-and-red.png");
            assertEquals(0, red.narrow(0, 1, 2).max().itemLong(), "green and blue of the PNG");
            assertTrue(red.select(0, 0).equal(rotated.select(0, 0)), "red unchanged");
            assertEquals(0.0, all.narrow(0, 0, N).narrow(1, 1, 2).abs().max().itemDouble(),
                    "the base tensor's green and blue are zero: the fill went through the views");
            assertTrue(all.narrow(0, 0, N).select(1, 0).mul(255).round().to(DType.UINT8)
                    .equal(bytes.narrow(0, 0, N).select(1, 0)), "the base tensor's red is untouched");
            assertTrue(all.narrow(0, N, 2).mul(255).round().to(DType.UINT8).equal(bytes.narrow(0, N, 2)),
                    "images 48 and 49 are outside the view and untouched");
        }
    }

    private static void checkPadding(Tensor grid) {
        for (int row = 0; row <= 4; row++) {
            assertEquals(0, grid.narrow(1, row * CELL, 2).max().itemLong(), "padding rows at " + row * CELL);
        }
        for (int col = 0; col <= 12; col++) {
            assertEquals(0, grid.narrow(2, col * CELL, 2).max().itemLong(), "padding columns at " + col * CELL);
        }
    }

    private static long at(Tensor grid, int c, int y, int x) {
        return grid.select(0, c).select(0, y).select(0, x).itemLong();
    }

    @Test
    void realCifarGridsMatchTorchvision() throws IOException, NoSuchAlgorithmException {
        Assumptions.assumeTrue(Files.isRegularFile(CIFAR), "the CIFAR-10 sample is absent at "
                + CIFAR.toAbsolutePath().normalize() + " (../shared/data/cifar10-sample beside the repository)");
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : VisionFixtures.text("cifar.txt").split("\n")) {
            if (!line.startsWith("#") && line.contains(": ")) {
                expected.put(line.substring(0, line.indexOf(": ")), line.substring(line.indexOf(": ") + 2));
            }
        }
        byte[] records;
        try (InputStream in = Files.newInputStream(CIFAR)) {
            records = in.readNBytes(N * 3073);
        }
        assertEquals(N * 3073, records.length, "48 records of 1 label byte + 3072 planar RGB bytes");
        byte[] pixels = new byte[N * 3072];
        StringBuilder labels = new StringBuilder();
        for (int k = 0; k < N; k++) {
            labels.append(k == 0 ? "" : " ").append(records[k * 3073]);
            System.arraycopy(records, k * 3073 + 1, pixels, k * 3072, 3072);
        }
        assertEquals(expected.get("labels"), labels.toString());
        try (Scope scope = Scope.open()) {
            Tensor x = Torch.fromArray(pixels, N, 3, 32, 32).toFloat().div(255);
            Tensor plain = saveAndRead(x, "plain.png");
            checkAgainst(expected, "plain", plain);
            x.transpose_(2, 3);
            checkAgainst(expected, "transposed", saveAndRead(x, "transposed.png"));
            x.narrow(1, 1, 2).fill_(0);
            checkAgainst(expected, "red_only", saveAndRead(x, "red_only.png"));
            assertTrue(cell(plain, 0).equal(Torch.fromArray(pixels, N, 3, 32, 32).select(0, 0)), "first image");
        }
    }

    private static void checkAgainst(Map<String, String> expected, String name, Tensor grid)
            throws NoSuchAlgorithmException {
        assertEquals(expected.get(name + "_shape"), grid.size(0) + " " + grid.size(1) + " " + grid.size(2));
        for (String s : expected.get(name + "_samples").split(" ")) {
            String[] kv = s.split("=");
            String[] pos = kv[0].split(",");
            assertEquals(Long.parseLong(kv[1]), at(grid, Integer.parseInt(pos[0]), Integer.parseInt(pos[1]),
                    Integer.parseInt(pos[2])), name + " pixel " + kv[0]);
        }
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(grid.contiguous().toByteArray());
        assertEquals(expected.get(name + "_sha256"), HexFormat.of().formatHex(sha),
                name + ": the whole grid differs from torchvision's");
    }
}
