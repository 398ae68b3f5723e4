package org.torch4j.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Scope;
import org.torch4j.Tensor;

/** saveImage against the PNG files torchvision 0.14's save_image wrote (fixtures/vision/pngs.txt), pixel by pixel. */
class SaveImageFixtureTest {
    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> samePixelsAsTorchvision() {
        List<Map<String, String>> cases = VisionFixtures.cases("pngs.txt");
        assertEquals(4, cases.size());
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("name"), () -> check(c)));
    }

    private void check(Map<String, String> c) throws IOException {
        try (Scope scope = Scope.open()) {
            Tensor in = VisionFixtures.tensor(c.get("in"));
            Path ours = dir.resolve(c.get("name") + ".png");
            ImageFiles.saveImage(in, ours, VisionFixtures.options(c.get("params")));
            BufferedImage theirs = ImageIO.read(new ByteArrayInputStream(VisionFixtures.bytes(c.get("png"))));
            BufferedImage mine = ImageIO.read(ours.toFile());
            assertEquals(theirs.getWidth(), mine.getWidth(), "width");
            assertEquals(theirs.getHeight(), mine.getHeight(), "height");
            int w = theirs.getWidth();
            int h = theirs.getHeight();
            assertArrayEquals(theirs.getRGB(0, 0, w, h, null, 0, w), mine.getRGB(0, 0, w, h, null, 0, w),
                    c.get("name") + ": pixels differ from torchvision's PNG");
            // and the reader sees torchvision's file as the same uint8 tensor as ours
            Tensor a = ImageFiles.readImage(ours);
            Tensor b = TensorImages.fromBufferedImage(theirs);
            assertEquals(3, a.size(0), "torchvision writes RGB grids");
            assertTrue(a.equal(b), c.get("name") + ": decoded tensors differ");
            assertTrue(Files.size(ours) > 0);
        }
    }
}
