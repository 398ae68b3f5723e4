package org.torch4j.examples;

import org.torch4j.Tensor;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Linear;
import org.torch4j.nn.Module;
import org.torch4j.nn.functional.F;

/**
 * A small residual network for 32 x 32 colour images (ResNet-8 in the CIFAR layout of He et al.,
 * 2015): a 3x3 stem with 16 channels, three stages of one basic block each (16, 32 and 64 channels,
 * the last two halving the resolution), global average pooling and a linear classifier.
 *
 * <pre>{@code
 * SmallResNet net = new SmallResNet(10);
 * Tensor logits = net.forward(images);   // N x 3 x 32 x 32 -> N x 10
 * }</pre>
 */
public class SmallResNet extends Module {
    final Conv2d conv1 = new Conv2d(Conv2d.options(3, 16, 3).padding(1).bias(false));
    final BatchNorm2d bn1 = new BatchNorm2d(16);
    final BasicBlock layer1 = new BasicBlock(16, 16, 1);
    final BasicBlock layer2 = new BasicBlock(16, 32, 2);
    final BasicBlock layer3 = new BasicBlock(32, 64, 2);
    final Linear fc;

    public SmallResNet(int classes) {
        fc = new Linear(64, classes);
    }

    @Override
    public Tensor forward(Tensor x) {
        x = F.relu(bn1.forward(conv1.forward(x)));
        x = layer3.forward(layer2.forward(layer1.forward(x)));
        x = F.adaptiveAvgPool2d(x, 1, 1).flatten(1, -1);
        return fc.forward(x);
    }

    /** Two 3x3 convolutions with batch norm, added to the input (through a 1x1 projection when the shape changes). */
    public static class BasicBlock extends Module {
        final Conv2d conv1;
        final BatchNorm2d bn1;
        final Conv2d conv2;
        final BatchNorm2d bn2;
        final Conv2d shortcutConv;
        final BatchNorm2d shortcutBn;

        public BasicBlock(long in, long out, long stride) {
            conv1 = new Conv2d(Conv2d.options(in, out, 3).stride(stride).padding(1).bias(false));
            bn1 = new BatchNorm2d(out);
            conv2 = new Conv2d(Conv2d.options(out, out, 3).padding(1).bias(false));
            bn2 = new BatchNorm2d(out);
            boolean project = stride != 1 || in != out;
            shortcutConv = project ? new Conv2d(Conv2d.options(in, out, 1).stride(stride).bias(false)) : null;
            shortcutBn = project ? new BatchNorm2d(out) : null;
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor y = F.relu(bn1.forward(conv1.forward(x)));
            y = bn2.forward(conv2.forward(y));
            Tensor shortcut = shortcutConv == null ? x : shortcutBn.forward(shortcutConv.forward(x));
            return F.relu(y.add(shortcut));
        }
    }
}
