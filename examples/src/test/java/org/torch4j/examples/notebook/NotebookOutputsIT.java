package org.torch4j.examples.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What the executed notebooks show ({@code target/notebooks/}, written by {@code notebooks/run-notebooks.sh} in the
 * integration-test phase of {@code mvn verify}): no cell failed; the tensor cells print exactly what PyTorch prints
 * (fixture {@code fixtures/notebooks/expected-stdout.json}, from {@code gen_notebook_expected.py}); each image or
 * plot cell has its PNGs, of the expected sizes; the training notebook's loss decreases and its test accuracy is
 * above 90%; a notebook whose setup cell names another version's jar fails with one line naming that jar.
 */
class NotebookOutputsIT {
    static JsonObject expectedStdout() {
        try (InputStream in = NotebookOutputsIT.class.getResourceAsStream("/fixtures/notebooks/expected-stdout.json")) {
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, JsonObject> executed(String name) {
        Path file = Notebooks.EXECUTED.resolve(name + ".ipynb");
        assertTrue(Files.isRegularFile(file), file + " is missing: run-notebooks.sh did not execute " + name);
        return Notebooks.cells(Notebooks.read(file));
    }

    @Test
    void everyNotebookRanWithoutAnError() throws IOException {
        List<String> rows = Files.readAllLines(Notebooks.EXECUTED.resolve("timings.tsv"));
        assertEquals("notebook\tseconds\tstatus", rows.get(0));
        List<String> ran = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t");
            assertEquals("0", f[2], f[0] + " exited with status " + f[2]);
            ran.add(f[0]);
        }
        assertEquals(Notebooks.names(), ran);
        for (String name : Notebooks.names()) {
            for (JsonObject cell : executed(name).values()) {
                if (cell.get("cell_type").getAsString().equals("code")) {
                    assertEquals(List.of(), Notebooks.errors(cell), name + ": cell " + cell.get("id"));
                    assertTrue(cell.get("execution_count").isJsonPrimitive(), name + ": cell " + cell.get("id")
                            + " did not run");
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> tensorCellsPrintWhatPyTorchPrints() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, JsonElement> nb : expectedStdout().entrySet()) {
            for (Map.Entry<String, JsonElement> cell : nb.getValue().getAsJsonObject().entrySet()) {
                tests.add(DynamicTest.dynamicTest(nb.getKey() + " / " + cell.getKey(), () -> assertEquals(
                        cell.getValue().getAsString(), Notebooks.stdout(executed(nb.getKey()).get(cell.getKey())))));
            }
        }
        return tests.stream();
    }

    private static List<BufferedImage> images(String notebook, String cell, int count) throws IOException {
        List<byte[]> pngs = Notebooks.pngs(executed(notebook).get(cell));
        assertEquals(count, pngs.size(), notebook + " / " + cell + ": image/png outputs");
        List<BufferedImage> images = new ArrayList<>();
        for (byte[] png : pngs) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image != null, notebook + " / " + cell + ": an image/png output that is not a PNG");
            images.add(image);
        }
        return images;
    }

    private static void assertSize(int width, int height, BufferedImage image, String what) {
        assertEquals(width + " x " + height, image.getWidth() + " x " + image.getHeight(), what);
    }

    /** Not one flat colour: the picture shows something. */
    private static void assertNotBlank(BufferedImage image, String what) {
        int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != first) {
                    return;
                }
            }
        }
        fail(what + ": every pixel is " + Integer.toHexString(first));
    }

    @Test
    void imageCellsShowPngs() throws IOException {
        // make_grid of 48 digits, 12 per row, padding 2: 12 * 30 + 2 wide, 4 * 30 + 2 high
        BufferedImage grid = images("tensors", "mnist-grid", 1).get(0);
        assertSize(362, 122, grid, "MNIST grid");
        assertNotBlank(grid, "MNIST grid");

        assertSize(112, 112, images("convolutions", "digit", 1).get(0), "digit 12, 4x");
        List<BufferedImage> filtered = images("convolutions", "filtered", 5);   // one per filter
        for (int i = 0; i < 5; i++) {
            assertSize(104, 104, filtered.get(i), "filter " + i + ": 26 x 26, 4x");
            assertNotBlank(filtered.get(i), "filter " + i);
        }
        // five 78 x 78 maps in a row, padding 6
        assertSize(5 * 84 + 6, 90, images("convolutions", "filtered-row", 1).get(0), "the five filters in a row");
        for (BufferedImage pooled : images("convolutions", "pool-digit", 3)) {
            assertSize(112, 112, pooled, "digit and its poolings, 4x");
            assertNotBlank(pooled, "pooling");
        }

        // two 600 x 450 panels each
        assertSize(1200, 450, images("training", "curves", 1).get(0), "loss and error curves");
        assertSize(1200, 450, images("training", "histogram", 1).get(0), "per-sample loss histograms");
    }

    @Test
    void trainingLossDecreasesAndTestAccuracyIsAbove90Percent() {
        Map<String, JsonObject> cells = executed("training");
        String log = Notebooks.stdout(cells.get("train"));
        Matcher m = Pattern.compile("epoch (\\d+): train loss ([0-9.]+), train error [0-9.]+%, test loss ([0-9.]+), "
                + "test error ([0-9.]+)%").matcher(log);
        List<Double> trainLoss = new ArrayList<>();
        double lastTestError = Double.NaN;
        while (m.find()) {
            assertEquals(trainLoss.size() + 1, Integer.parseInt(m.group(1)), log);
            trainLoss.add(Double.parseDouble(m.group(2)));
            lastTestError = Double.parseDouble(m.group(4));
        }
        assertEquals(3, trainLoss.size(), "one line per epoch:\n" + log);
        for (int i = 1; i < trainLoss.size(); i++) {
            assertTrue(trainLoss.get(i) < trainLoss.get(i - 1), "train loss per epoch " + trainLoss);
        }
        Matcher accuracy = Pattern.compile("test accuracy ([0-9.]+)% on the first 2000 test images")
                .matcher(Notebooks.stdout(cells.get("accuracy")));
        assertTrue(accuracy.find(), Notebooks.stdout(cells.get("accuracy")));
        double percent = Double.parseDouble(accuracy.group(1));
        assertTrue(percent > 90, "test accuracy " + percent + "%");
        assertEquals(100 - lastTestError, percent, 0.0051, "the accuracy is the last epoch's test error's complement");

        // The progress display was updated in place to its final state.
        List<String> shown = Notebooks.displayedTexts(cells.get("train"));
        assertEquals(1, shown.size(), "one progress display: " + shown);
        assertTrue(shown.get(0).startsWith("epoch 3/3 [####################] 100/100 steps, loss "), shown.get(0));
    }

    @Test
    void aSetupCellNamingAnotherVersionFailsWithOneLineNamingTheJar() throws IOException {
        Path dir = Notebooks.EXECUTED.resolve("expected-failures");
        assertNotEquals("0", Files.readString(dir.resolve("wrong-version.rc")).strip(), "wrong-version must fail");
        String log = Files.readString(dir.resolve("wrong-version.log"));
        Path jar = Notebooks.MODULE.resolve("src/test/notebooks/../../../target/torch4j-notebook-0.0.1.jar");
        assertTrue(log.contains("MagicEvalException: Provided path does not exist:" + jar), log);
        // it stops at the setup cell: the Java cell after it never ran
        assertTrue(log.contains("%jars ../../../target/torch4j-notebook-0.0.1.jar"), log);
        assertTrue(!log.contains("package org.torch4j does not exist"), log);
    }
}
