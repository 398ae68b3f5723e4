package org.torch4j.datasets;

import java.net.URI;
import java.util.List;

/**
 * The published files of MNIST, Fashion-MNIST, CIFAR-10 and CIFAR-100 with their MD5s and default
 * mirrors. File names and checksums are those the publishers (and torchvision) use; for CIFAR the
 * <em>binary</em> archives are listed, since torch4j reads the binary batch format.
 *
 * <pre>{@code
 * Path root = Path.of(System.getProperty("user.home"), ".torch4j", "data", "MNIST", "raw");
 * Downloader.defaults().fetch(root, DatasetResources.MNIST);
 * // CIFAR-10: fetches cifar-10-binary.tar.gz and unpacks it into root/cifar-10-batches-bin/
 * Downloader.defaults().fetch(cifarRoot, DatasetResources.CIFAR10);
 * }</pre>
 */
public final class DatasetResources {
    /** Folder created by unpacking {@code cifar-10-binary.tar.gz}. */
    public static final String CIFAR10_FOLDER = "cifar-10-batches-bin";
    /** Folder created by unpacking {@code cifar-100-binary.tar.gz}. */
    public static final String CIFAR100_FOLDER = "cifar-100-binary";

    /** MNIST: four gzip-compressed IDX files. */
    public static final RemoteDataset MNIST = new RemoteDataset("mnist", List.of(
            RemoteResource.file("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            RemoteResource.file("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
            RemoteResource.file("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
            RemoteResource.file("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c")),
            // The mirror first because the original site has refused anonymous downloads at times.
            List.of(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/"),
                    URI.create("http://yann.lecun.com/exdb/mnist/")));

    /** Fashion-MNIST: four gzip-compressed IDX files, named as MNIST's. */
    public static final RemoteDataset FASHION_MNIST = new RemoteDataset("fashion-mnist", List.of(
            RemoteResource.file("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            RemoteResource.file("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
            RemoteResource.file("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
            RemoteResource.file("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310")),
            List.of(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/")));

    /** CIFAR-10, binary version: one archive holding {@code data_batch_1..5.bin} and {@code test_batch.bin}. */
    public static final RemoteDataset CIFAR10 = new RemoteDataset("cifar-10", List.of(
            RemoteResource.tarGz("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", List.of(
                    CIFAR10_FOLDER + "/data_batch_1.bin",
                    CIFAR10_FOLDER + "/data_batch_2.bin",
                    CIFAR10_FOLDER + "/data_batch_3.bin",
                    CIFAR10_FOLDER + "/data_batch_4.bin",
                    CIFAR10_FOLDER + "/data_batch_5.bin",
                    CIFAR10_FOLDER + "/test_batch.bin",
                    CIFAR10_FOLDER + "/batches.meta.txt"))),
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/")));

    /** CIFAR-100, binary version: one archive holding {@code train.bin}, {@code test.bin} and label names. */
    public static final RemoteDataset CIFAR100 = new RemoteDataset("cifar-100", List.of(
            RemoteResource.tarGz("cifar-100-binary.tar.gz", "03b5dce01913d631647c71ecec9e9cb8", List.of(
                    CIFAR100_FOLDER + "/train.bin",
                    CIFAR100_FOLDER + "/test.bin",
                    CIFAR100_FOLDER + "/coarse_label_names.txt",
                    CIFAR100_FOLDER + "/fine_label_names.txt"))),
            List.of(URI.create("https://www.cs.toronto.edu/~kriz/")));

    private DatasetResources() {
    }
}
