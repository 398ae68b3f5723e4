package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetResourcesTest {
    private static final List<String> IDX = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    @Test
    void mnistAndFashionMnistShareFileNamesButNotChecksums() {
        var mnist = DatasetResources.MNIST.resources();
        var fashion = DatasetResources.FASHION_MNIST.resources();
        assertEquals(IDX, mnist.stream().map(RemoteResource::fileName).toList());
        assertEquals(IDX, fashion.stream().map(RemoteResource::fileName).toList());
        for (int i = 0; i < 4; i++) {
            assertFalse(mnist.get(i).md5().equals(fashion.get(i).md5()), IDX.get(i));
            assertFalse(mnist.get(i).extractTarGz());
        }
        assertEquals("f68b3c2dcbeaaa9fbdd348bbdeb94873", mnist.get(0).md5());
        assertEquals("bb300cfdad3c16e7a12a480ee83cd310", fashion.get(3).md5());
    }

    @Test
    void cifarUsesTheBinaryArchives() {
        RemoteResource c10 = DatasetResources.CIFAR10.resources().get(0);
        RemoteResource c100 = DatasetResources.CIFAR100.resources().get(0);
        assertEquals("cifar-10-binary.tar.gz", c10.fileName());
        assertEquals("c32a1d4ab5d03f1284b67883e8d87530", c10.md5());
        assertEquals("cifar-100-binary.tar.gz", c100.fileName());
        assertEquals("03b5dce01913d631647c71ecec9e9cb8", c100.md5());
        assertTrue(c10.extractTarGz() && c100.extractTarGz());
        assertTrue(c10.extractedFiles().contains("cifar-10-batches-bin/test_batch.bin"));
        assertTrue(c100.extractedFiles().contains("cifar-100-binary/train.bin"));
    }

    @Test
    void everyDatasetHasHttpMirrorFolders() {
        for (RemoteDataset d : List.of(DatasetResources.MNIST, DatasetResources.FASHION_MNIST,
                DatasetResources.CIFAR10, DatasetResources.CIFAR100)) {
            assertFalse(d.defaultMirrors().isEmpty(), d.key());
            d.defaultMirrors().forEach(u -> assertTrue(u.toString().endsWith("/"), u.toString()));
        }
    }
}
