package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code MNIST.train(dir, true)}: the readers' download option goes through {@link Downloader} and the
 * configured mirrors (here a loopback server named by the {@code torch4j.mirrors.mnist} property).
 */
class DownloadOptionTest {
    private static final String PROPERTY = Mirrors.PROPERTY_PREFIX + "mnist";

    @AfterEach
    void clearMirror() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void filesAlreadyPresentAreReadWithoutAnyRequest(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve(MNIST.FOLDER);
        Fixtures.writeMnistTrain(raw, new byte[] {3, 1, 4}, false);
        Fixtures.write(raw.resolve("t10k-images-idx3-ubyte.gz"), Fixtures.gzip(Fixtures.mnistImagesFile(2)));
        Fixtures.write(raw.resolve("t10k-labels-idx1-ubyte.gz"), Fixtures.gzip(Fixtures.labelsFile(new byte[] {1, 5})));
        try (LoopbackServer server = new LoopbackServer()) {
            System.setProperty(PROPERTY, server.base("mnist").toString());
            try (MNIST train = MNIST.train(dir, true)) {
                assertEquals(3, train.size());
                assertEquals(3L, train.labels().select(0, 0).itemLong());
            }
            assertEquals(0, server.totalRequests());
        }
    }

    @Test
    void missingFilesAreFetchedFromTheMirrorAndCheckedAgainstTheirMd5(@TempDir Path dir) throws Exception {
        try (LoopbackServer server = new LoopbackServer()) {
            for (RemoteResource r : DatasetResources.MNIST.resources()) {
                server.serve("/mnist/" + r.fileName(), new byte[] {1, 2, 3});   // not the real file
            }
            System.setProperty(PROPERTY, server.base("mnist").toString());
            DownloadException e = assertThrows(DownloadException.class, () -> MNIST.train(dir, true));
            assertTrue(e.getMessage().contains("MD5 mismatch"), e.getMessage());
            assertTrue(e.getMessage().contains(server.base("mnist").toString()), e.getMessage());
            assertTrue(server.totalRequests() >= 1);
            Path raw = dir.resolve(MNIST.FOLDER);
            try (Stream<Path> left = Files.exists(raw) ? Files.list(raw) : Stream.empty()) {
                assertEquals(0, left.filter(p -> !p.getFileName().toString().startsWith(".torch4j")).count(),
                        "a failed download must leave no file that looks complete, nor a partial one");
            }
        }
    }
}
