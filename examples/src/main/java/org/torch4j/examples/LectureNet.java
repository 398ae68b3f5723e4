package org.torch4j.examples;

import org.torch4j.Tensor;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.functional.F;

/**
 * The lecture's MNIST network: two 5x5 convolutions with max pooling (3, then 2), two fully connected
 * layers, ReLU. Input {@code N x 1 x 28 x 28}, output {@code N x 10} logits. With 3 input channels it is the
 * lecture's small CIFAR-10 network: {@code N x 3 x 32 x 32} also leaves 64 x 2 x 2 = 256 features.
 *
 * <pre>{@code
 * LectureNet net = new LectureNet();
 * Tensor logits = net.forward(images);   // N x 10
 * LectureNet cifar = new LectureNet(3);  // for N x 3 x 32 x 32
 * net.to(MemoryFormat.CHANNELS_LAST);    // NHWC conv kernels: about 2x faster training on the CPU
 * }</pre>
 *
 * <p>One departure from the lecture's text: {@code forward} flattens with {@code reshape} where the lecture
 * writes {@code view}, so the network also runs on channels-last activations (a {@code view} of an NHWC
 * tensor to {@code N x 256} is impossible without a copy; PyTorch raises there too). For NCHW activations
 * {@code reshape} is the same view as before, so results do not change.
 */
public class LectureNet extends Module {
    final Conv2d conv1;
    final Conv2d conv2;
    final Linear fc1;
    final Linear fc2;

    /** The MNIST network: 1 input channel. */
    public LectureNet() {
        this(1);
    }

    /** The same network for {@code inChannels} input channels (3 for CIFAR-10). */
    public LectureNet(int inChannels) {
        if (inChannels < 1) {
            throw new IllegalArgumentException("inChannels must be >= 1, got " + inChannels);
        }
        // Built in declaration order, so a seed gives the same initial weights as before.
        conv1 = new Conv2d(inChannels, 32, 5);
        conv2 = new Conv2d(32, 64, 5);
        fc1 = new Linear(256, 200);
        fc2 = new Linear(200, 10);
    }

    @Override
    public Tensor forward(Tensor x) {
        x = F.relu(F.maxPool2d(conv1.forward(x), 3));
        x = F.relu(F.maxPool2d(conv2.forward(x), 2));
        // The lecture writes x.view(x.size(0), -1). reshape gives the same features, and also works when the
        // activations are channels-last (model.to(MemoryFormat.CHANNELS_LAST)), where view cannot (as in PyTorch).
        x = x.reshape(x.size(0), -1);
        x = F.relu(fc1.forward(x));
        return fc2.forward(x);
    }
}
