package org.torch4j.examples.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.data.Batch;
import org.torch4j.data.BatchIterator;
import org.torch4j.data.DataLoader;
import org.torch4j.data.TensorDataset;
import org.torch4j.datasets.MNIST;

/**
 * Data loading: MNIST's training split from the raw IDX files into tensors with a warm page cache
 * ({@code MNIST.train} against a hand-written raw read straight into a bytedeco tensor's memory), and
 * one epoch of a {@link DataLoader} over it (batch 100, shuffled, normalised as the CLI does), with and
 * without the CLI's background prefetch. Records ms per load and ms per epoch through {@link Results}.
 *
 * <pre>{@code
 * java -cp ... org.torch4j.examples.bench.LoadBench ~/.torch4j/data 11 5
 * }</pre>
 */
public final class LoadBench {
    /** The CLI's normalisation of MNIST: the training split's mean and std on 0..255. */
    static final double MEAN = 33.318421, STD = 78.567490;

    private LoadBench() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int loads = Integer.parseInt(args[1]);
        int epochs = Integer.parseInt(args[2]);
        Path raw = root.resolve(MNIST.FOLDER);
        Path images = raw.resolve("train-images-idx3-ubyte");
        Path labels = raw.resolve("train-labels-idx1-ubyte");
        for (int i = 0; i < 2; i++) {
            Files.readAllBytes(images); // warm the page cache
        }
        try (MNIST warm = MNIST.train(root)) {
            // loads LibTorch and the datasets classes before timing
        }
        for (int i = 0; i < loads; i++) {
            long t0 = System.nanoTime();
            try (MNIST train = MNIST.train(root)) {
                Results.add("load", "MNIST train, IDX -> uint8 tensor", "torch4j", (System.nanoTime() - t0) / 1e6, "ms");
            }
            t0 = System.nanoTime();
            org.bytedeco.pytorch.Tensor[] t = rawRead(images, labels);
            Results.add("load", "MNIST train, IDX -> uint8 tensor", "raw", (System.nanoTime() - t0) / 1e6, "ms");
            t[0].close();
            t[1].close();
        }

        try (MNIST train = MNIST.train(root)) {
            TensorDataset ds = new TensorDataset(train.images(), train.labels());
            for (int prefetch : new int[] {0, 2}) {
                DataLoader loader = DataLoader.builder(ds).batchSize(100).shuffle(true).seed(0).prefetch(prefetch)
                        .transform(b -> b.toFloat().sub_(MEAN).div_(STD)).build();
                double[] ms = new double[epochs + 1];
                for (int e = 0; e <= epochs; e++) {
                    loader.setEpoch(e);
                    long t0 = System.nanoTime();
                    long seen = 0;
                    try (BatchIterator it = loader.iterator()) {
                        while (it.hasNext()) {
                            try (Batch b = it.next(); Scope s = Scope.open()) {
                                seen += b.size();
                            }
                        }
                    }
                    if (seen != ds.size()) {
                        throw new IllegalStateException("epoch saw " + seen + " samples, expected " + ds.size());
                    }
                    ms[e] = (System.nanoTime() - t0) / 1e6;
                    if (e > 0) { // epoch 0 warms up
                        Results.add("loader", "MNIST epoch, batch 100, shuffle, normalize", "torch4j-prefetch" + prefetch,
                                ms[e], "ms");
                    }
                }
                loader.close();
            }
        }
    }

    /** What a raw bytedeco user would write: allocate the tensors, read the files straight into their memory. */
    static org.bytedeco.pytorch.Tensor[] rawRead(Path images, Path labels) throws IOException {
        org.bytedeco.pytorch.Tensor x = torch.empty(new long[] {60000, 1, 28, 28}, new TensorOptions(torch.ScalarType.Byte), new MemoryFormatOptional());
        readInto(images, 16, x, 60000L * 784);
        org.bytedeco.pytorch.Tensor y8 = torch.empty(new long[] {60000}, new TensorOptions(torch.ScalarType.Byte), new MemoryFormatOptional());
        readInto(labels, 8, y8, 60000);
        org.bytedeco.pytorch.Tensor y = y8.to(torch.ScalarType.Long);
        y8.close();
        return new org.bytedeco.pytorch.Tensor[] {x, y};
    }

    private static void readInto(Path file, long offset, org.bytedeco.pytorch.Tensor t, long length) throws IOException {
        ByteBuffer buf = new BytePointer(t.data_ptr()).capacity(length).asByteBuffer();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long pos = offset;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException(file + ": ends after " + pos + " bytes, expected " + (offset + length));
                }
                pos += n;
            }
        }
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
