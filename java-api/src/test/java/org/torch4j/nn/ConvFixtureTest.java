package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.Autograd;
import org.torch4j.Fixtures;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.ValuesIndices;
import org.torch4j.nn.functional.F;

/**
 * Convolution, pooling, padding and resampling against PyTorch 1.13: forward values and gradients of every
 * F function and module, module printing, and default initialisation for the same seed. The cases come from
 * {@code src/test/python/gen_nn_conv.py} ({@code fixtures/nn/conv.txt}).
 */
class ConvFixtureTest {
    private static final List<Fixtures.Case> CASES = Fixtures.load("fixtures/nn/conv.txt");

    private static Stream<Fixtures.Case> kind(String kind) {
        return CASES.stream().filter(c -> c.get("kind").equals(kind));
    }

    @TestFactory
    Stream<DynamicTest> functions() {
        assertTrue(kind("function").count() >= 50);
        return kind("function").map(c -> dynamicTest(c.name, () -> runFunction(c)));
    }

    @TestFactory
    Stream<DynamicTest> modules() {
        assertEquals(10, kind("module").count());
        return kind("module").map(c -> dynamicTest(c.name, () -> runModule(c)));
    }

    @TestFactory
    Stream<DynamicTest> printing() {
        assertEquals(27, kind("repr").count());
        return kind("repr").map(c -> dynamicTest(c.get("module"), () -> {
            String spec = c.get("module");
            if (spec.endsWith(" named_parameters")) {
                StringBuilder b = new StringBuilder();
                for (Map.Entry<String, Parameter> p : new Conv2d(4, 5, new long[] {2, 3}).namedParameters().entrySet()) {
                    b.append(b.length() == 0 ? "" : "\n").append(p.getKey()).append(' ').append(p.getValue().size());
                }
                assertEquals(c.body, b.toString());
            } else {
                assertEquals(c.body, module(spec).toString());
            }
        }));
    }

    /** The modules of the repr and init cases, by the spec the generator wrote. */
    static Module module(String spec) {
        switch (spec) {
            case "Conv2d(1,32,5)": return new Conv2d(1, 32, 5);
            case "Conv2d(1,32,5).stride(2).padding(1)": return new Conv2d(Conv2d.options(1, 32, 5).stride(2).padding(1));
            case "Conv2d(4,5,(2,3))": return new Conv2d(4, 5, new long[] {2, 3});
            case "Conv2d(4,6,(2,3)).stride(2).padding(1).dilation(2).groups(2).bias(false)":
                return new Conv2d(Conv2d.options(4, 6, new long[] {2, 3}).stride(2).padding(1).dilation(2).groups(2).bias(false));
            case "Conv2d(4,6,(2,3)).groups(2)": return new Conv2d(Conv2d.options(4, 6, new long[] {2, 3}).groups(2));
            case "Conv2d(3,3,3).padding(same)": return new Conv2d(Conv2d.options(3, 3, 3).padding("same"));
            case "Conv2d(3,3,3).padding(valid)": return new Conv2d(Conv2d.options(3, 3, 3).padding("valid"));
            case "Conv1d(2,3,3)": return new Conv1d(2, 3, 3);
            case "Conv1d(3,4,3)": return new Conv1d(3, 4, 3);
            case "Conv1d(2,4,3).padding(same).bias(false)": return new Conv1d(Conv1d.options(2, 4, 3).padding("same").bias(false));
            case "Conv3d(2,4,(1,2,3))": return new Conv3d(2, 4, new long[] {1, 2, 3});
            case "Conv3d(2,3,2)": return new Conv3d(2, 3, 2);
            case "Conv3d(2,4,3).stride(2).dilation(1,2,1)": return new Conv3d(Conv3d.options(2, 4, 3).stride(2).dilation(1, 2, 1));
            case "ConvTranspose2d(4,6,3)": return new ConvTranspose2d(4, 6, 3);
            case "ConvTranspose2d(4,6,3).groups(2)": return new ConvTranspose2d(ConvTranspose2d.options(4, 6, 3).groups(2));
            case "ConvTranspose2d(4,6,3).stride(2).outputPadding(1)":
                return new ConvTranspose2d(ConvTranspose2d.options(4, 6, 3).stride(2).outputPadding(1));
            case "ConvTranspose2d(4,6,(3,2)).padding(1).groups(2).dilation(2).bias(false)":
                return new ConvTranspose2d(ConvTranspose2d.options(4, 6, new long[] {3, 2}).padding(1).groups(2).dilation(2).bias(false));
            case "MaxPool1d(2)": return new MaxPool1d(2);
            case "MaxPool1d(3).stride(1).ceilMode(true)": return new MaxPool1d(MaxPool1d.options(3).stride(1).ceilMode(true));
            case "MaxPool2d(3)": return new MaxPool2d(3);
            case "MaxPool2d(2)": return new MaxPool2d(2);
            case "MaxPool2d((1,2))": return new MaxPool2d(new long[] {1, 2});
            case "MaxPool2d(3).stride(2).padding(1).dilation(2).ceilMode(true)":
                return new MaxPool2d(MaxPool2d.options(3).stride(2).padding(1).dilation(2).ceilMode(true));
            case "MaxPool2d((3,2)).stride((2,1)).padding((1,0))":
                return new MaxPool2d(MaxPool2d.options(new long[] {3, 2}).stride(new long[] {2, 1}).padding(new long[] {1, 0}));
            case "MaxPool3d(2)": return new MaxPool3d(2);
            case "MaxPool3d(2).returnIndices(true)": return new MaxPool3d(MaxPool3d.options(2).returnIndices(true));
            case "AvgPool2d(2)": return new AvgPool2d(2);
            case "AvgPool2d((2,3)).stride(1).padding(1).ceilMode(true).countIncludePad(false)":
                return new AvgPool2d(AvgPool2d.options(new long[] {2, 3}).stride(1).padding(1).ceilMode(true).countIncludePad(false));
            case "AdaptiveAvgPool2d(1)": return new AdaptiveAvgPool2d(1);
            case "AdaptiveAvgPool2d((5,7))": return new AdaptiveAvgPool2d(new long[] {5, 7});
            // module forward cases
            case "Conv1d(3,4,3,stride=2,padding=1)": return new Conv1d(Conv1d.options(3, 4, 3).stride(2).padding(1));
            case "Conv2d(3,4,(3,2),stride=(2,1),padding=1,dilation=1,groups=1)":
                return new Conv2d(Conv2d.options(3, 4, new long[] {3, 2}).stride(2, 1).padding(1).dilation(1).groups(1));
            case "Conv2d(4,6,3,groups=2,bias=False,padding=same)":
                return new Conv2d(Conv2d.options(4, 6, 3).groups(2).bias(false).padding("same"));
            case "Conv3d(2,3,2,stride=1,padding=1)": return new Conv3d(Conv3d.options(2, 3, 2).stride(1).padding(1));
            case "ConvTranspose2d(4,3,3,stride=2,padding=1,output_padding=1)":
                return new ConvTranspose2d(ConvTranspose2d.options(4, 3, 3).stride(2).padding(1).outputPadding(1));
            case "MaxPool1d(3,2,padding=1,ceil_mode=True)": return new MaxPool1d(MaxPool1d.options(3).stride(2).padding(1).ceilMode(true));
            case "MaxPool3d(2,stride=1)": return new MaxPool3d(2, 1);
            case "AvgPool2d(3,2,padding=1,ceil_mode=True,count_include_pad=False)":
                return new AvgPool2d(AvgPool2d.options(3).stride(2).padding(1).ceilMode(true).countIncludePad(false));
            case "AdaptiveAvgPool2d((2,3))": return new AdaptiveAvgPool2d(new long[] {2, 3});
            default: throw new IllegalArgumentException("no Java construction for " + spec);
        }
    }

    /** The F call of a function case; the primary result first, extra results (pooling indices) after it. */
    private static Tensor[] call(String op, Fixtures.Params p, Tensor[] in) {
        switch (op) {
            case "conv1d": case "conv2d": case "conv3d": {
                String pad = p.str("padding");
                boolean named = pad.equals("same") || pad.equals("valid");
                long[] s = p.longs("stride"), d = p.longs("dilation");
                long g = p.l("groups");
                Tensor y;
                if (op.equals("conv1d")) {
                    y = named ? F.conv1d(in[0], in[1], in[2], s, pad, d, g) : F.conv1d(in[0], in[1], in[2], s, p.longs("padding"), d, g);
                } else if (op.equals("conv2d")) {
                    y = named ? F.conv2d(in[0], in[1], in[2], s, pad, d, g) : F.conv2d(in[0], in[1], in[2], s, p.longs("padding"), d, g);
                } else {
                    y = named ? F.conv3d(in[0], in[1], in[2], s, pad, d, g) : F.conv3d(in[0], in[1], in[2], s, p.longs("padding"), d, g);
                }
                return new Tensor[] {y};
            }
            case "conv_transpose2d":
                return new Tensor[] {F.convTranspose2d(in[0], in[1], in[2], p.longs("stride"), p.longs("padding"),
                        p.longs("output_padding"), p.l("groups"), p.longs("dilation"))};
            case "max_pool1d":
                return new Tensor[] {F.maxPool1d(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.longs("dilation"), p.b("ceil_mode"))};
            case "max_pool2d":
                return new Tensor[] {F.maxPool2d(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.longs("dilation"), p.b("ceil_mode"))};
            case "max_pool3d":
                return new Tensor[] {F.maxPool3d(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.longs("dilation"), p.b("ceil_mode"))};
            case "max_pool1d_with_indices":
                return pair(F.maxPool1dWithIndices(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.longs("dilation"), p.b("ceil_mode")));
            case "max_pool2d_with_indices":
                return pair(F.maxPool2dWithIndices(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.longs("dilation"), p.b("ceil_mode")));
            case "max_pool3d_with_indices":
                return pair(F.maxPool3dWithIndices(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.longs("dilation"), p.b("ceil_mode")));
            case "avg_pool1d":
                return new Tensor[] {F.avgPool1d(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.b("ceil_mode"), p.b("count_include_pad"))};
            case "avg_pool2d":
                return new Tensor[] {F.avgPool2d(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.b("ceil_mode"), p.b("count_include_pad"))};
            case "avg_pool3d":
                return new Tensor[] {F.avgPool3d(in[0], p.longs("kernel"), p.longs("stride"), p.longs("padding"), p.b("ceil_mode"), p.b("count_include_pad"))};
            case "adaptive_avg_pool2d":
                return new Tensor[] {F.adaptiveAvgPool2d(in[0], p.longs("output_size"))};
            case "pad":
                return new Tensor[] {F.pad(in[0], p.longs("pad"), p.str("mode"), p.d("value"))};
            case "interpolate": {
                String mode = p.str("mode");
                boolean hasAlign = !mode.equals("nearest");
                Tensor y;
                if (hasSize(p)) {
                    y = hasAlign ? F.interpolate(in[0], p.longs("size"), mode, p.b("align_corners")) : F.interpolate(in[0], p.longs("size"), mode);
                } else {
                    y = hasAlign ? F.interpolate(in[0], p.d("scale"), mode, p.b("align_corners")) : F.interpolate(in[0], p.d("scale"), mode);
                }
                return new Tensor[] {y};
            }
            case "unfold":
                return new Tensor[] {F.unfold(in[0], p.longs("kernel"), p.longs("dilation"), p.longs("padding"), p.longs("stride"))};
            case "fold":
                return new Tensor[] {F.fold(in[0], p.longs("output_size"), p.longs("kernel"), p.longs("dilation"), p.longs("padding"), p.longs("stride"))};
            default:
                throw new IllegalArgumentException("unknown op " + op);
        }
    }

    private static boolean hasSize(Fixtures.Params p) {
        try {
            p.str("size");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Tensor[] pair(ValuesIndices vi) {
        return new Tensor[] {vi.values(), vi.indices()};
    }

    private static void runFunction(Fixtures.Case c) {
        List<String> inSpecs = c.all("in");
        Tensor[] in = new Tensor[inSpecs.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = inSpecs.get(i).equals("none") ? null : Fixtures.tensor(inSpecs.get(i));
        }
        String gradLine = c.get("grad");
        int[] grad = gradLine.isEmpty() ? new int[0] : Arrays.stream(gradLine.split(",")).mapToInt(Integer::parseInt).toArray();
        for (int i : grad) {
            in[i].requiresGrad_();
        }
        Tensor[] outs = call(c.get("op"), new Fixtures.Params(c.get("params")), in);
        List<Tensor> actual = new ArrayList<>(Arrays.asList(outs));
        if (grad.length > 0) {
            outs[0].mul(Fixtures.tensor(c.get("gout"))).sum().backward();
            for (int i : grad) {
                actual.add(in[i].grad());
            }
        }
        compare(c, actual);
    }

    private static void runModule(Fixtures.Case c) {
        Module m = module(c.get("module"));
        m.to(org.torch4j.DType.FLOAT64);
        List<String> inSpecs = c.all("in");
        Tensor x = Fixtures.tensor(inSpecs.get(0)).requiresGrad_();
        List<Parameter> params = m.parameters();
        assertEquals(inSpecs.size() - 1, params.size(), "parameter count");
        try (Autograd.Mode g = Autograd.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i).copy_(Fixtures.tensor(inSpecs.get(i + 1)));
            }
        }
        Tensor y = m.forward(x);
        y.mul(Fixtures.tensor(c.get("gout"))).sum().backward();
        List<Tensor> actual = new ArrayList<>(List.of(y, x.grad()));
        for (Parameter p : params) {
            actual.add(p.grad());
        }
        compare(c, actual);
    }

    private static void compare(Fixtures.Case c, List<Tensor> actual) {
        List<String> expected = c.all("out");
        assertEquals(expected.size(), actual.size(), c.name + ": number of results");
        String[] tol = c.get("tol").split(",");
        double rtol = Double.parseDouble(tol[0]), atol = Double.parseDouble(tol[1]);
        for (int i = 0; i < expected.size(); i++) {
            Tensor e = Fixtures.tensor(expected.get(i));
            Tensor a = actual.get(i);
            String what = c.name + " result " + i;
            assertEquals(e.size(), a.size(), what + ": shape");
            assertEquals(e.dtype(), a.dtype(), what + ": dtype");
            if (e.dtype().isFloatingPoint()) {
                assertTrue(a.allclose(e, rtol, atol), () -> what + ": values differ, max |diff| "
                        + a.sub(e).abs().max().itemDouble());
            } else {
                assertTrue(a.equal(e), what + ": values differ");
            }
        }
    }

    // ---------------------------------------------------------------- initialisation for the same seed

    @TestFactory
    Stream<DynamicTest> defaultInitMatchesPyTorchForTheSameSeed() {
        assertEquals(5, kind("init").count());
        return kind("init").map(c -> dynamicTest(c.get("module"), () -> {
            Torch.manualSeed(Long.parseLong(c.get("seed")));
            ConvNd m = (ConvNd) module(c.get("module"));
            Tensor w = Fixtures.tensor(c.all("out").get(0));
            Tensor b = Fixtures.tensor(c.all("out").get(1));
            assertEquals(w.size(), m.weight.size());
            assertTrue(m.weight.allclose(w, 1e-6, 1e-7), () -> "weight differs from PyTorch's by "
                    + m.weight.sub(w).abs().max().itemDouble());
            assertTrue(m.bias.allclose(b, 1e-6, 1e-7), () -> "bias differs from PyTorch's by " + m.bias.sub(b).abs().max().itemDouble());
        }));
    }

}
