package org.torch4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;

import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.torch4j.Gradcheck;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.functional.F;

/**
 * Analytic against finite-difference gradients (float64) for the differentiable functions of
 * {@code F} in the layer families: linear, convolutions, pooling, normalisation, embedding, padding,
 * resampling, fold/unfold. (Activations and losses: {@code org.torch4j.GradcheckTest}.)
 */
class GradcheckNnTest {
    private Scope scope;

    @BeforeEach
    void open() {
        scope = Scope.open();
        manualSeed(7);
    }

    @AfterEach
    void close() {
        scope.close();
    }

    /** A float64 leaf of this shape with N(0, 1) values: distinct, so max pooling has no ties. */
    private static Tensor leaf(long... shape) {
        return randn(shape).toDouble().requiresGrad_();
    }

    private static void check(Function<Tensor[], Tensor> fn, Tensor... inputs) {
        assertTrue(Gradcheck.gradcheck(fn, inputs));
    }

    @Test
    void linear() {
        check(in -> F.linear(in[0], in[1], in[2]), leaf(3, 4), leaf(2, 4), leaf(2));
    }

    @Test
    void conv1d2d3dWithStridePaddingDilationGroups() {
        check(in -> F.conv1d(in[0], in[1], in[2], 2, 1, 1, 1), leaf(2, 2, 7), leaf(3, 2, 3), leaf(3));
        check(in -> F.conv2d(in[0], in[1], in[2], 1, 1, 2, 2), leaf(1, 4, 5, 5), leaf(2, 2, 3, 3), leaf(2));
        check(in -> F.conv3d(in[0], in[1], in[2]), leaf(1, 1, 3, 4, 4), leaf(2, 1, 2, 2, 2), leaf(2));
    }

    @Test
    void convTranspose2d() {
        check(in -> F.convTranspose2d(in[0], in[1], in[2], 2, 1, 1, 1, 1), leaf(1, 2, 3, 3), leaf(2, 3, 3, 3), leaf(3));
    }

    @Test
    void pooling() {
        check(in -> F.maxPool1d(in[0], 2), leaf(1, 2, 6));
        check(in -> F.maxPool2d(in[0], 3), leaf(1, 2, 6, 6));
        check(in -> F.maxPool3d(in[0], 2), leaf(1, 1, 4, 4, 4));
        check(in -> F.avgPool1d(in[0], 2), leaf(1, 2, 6));
        check(in -> F.avgPool2d(in[0], 2, 1, 1, true, false), leaf(1, 2, 5, 5));
        check(in -> F.avgPool3d(in[0], 2), leaf(1, 1, 4, 4, 4));
        check(in -> F.adaptiveAvgPool2d(in[0], 2, 3), leaf(1, 2, 5, 7));
    }

    @Test
    void normalisation() {
        Tensor mean = zeros(3).toDouble();
        Tensor var = ones(3).toDouble();
        check(in -> F.batchNorm(in[0], mean, var, in[1], in[2], true, 0.1, 1e-5), leaf(4, 3, 2, 2), leaf(3), leaf(3));
        check(in -> F.layerNorm(in[0], new long[] {2, 3}, in[1], in[2], 1e-5), leaf(4, 2, 3), leaf(2, 3), leaf(2, 3));
        check(in -> F.groupNorm(in[0], 2, in[1], in[2], 1e-5), leaf(2, 4, 3), leaf(4), leaf(4));
    }

    @Test
    void dropoutOutsideTrainingAndEmbedding() {
        check(in -> F.dropout(in[0], 0.5, false), leaf(3, 4));
        Tensor indices = tensor(new long[][] {{0, 2}, {3, 2}});
        check(in -> F.embedding(indices, in[0]), leaf(4, 3));
    }

    @Test
    void paddingResamplingFoldUnfold() {
        check(in -> F.pad(in[0], 1, 2), leaf(2, 3));
        check(in -> F.pad(in[0], new long[] {1, 1, 2, 0}, "reflect"), leaf(1, 1, 3, 4));
        check(in -> F.pad(in[0], new long[] {1, 2}, "replicate"), leaf(1, 2, 3));
        check(in -> F.interpolate(in[0], new long[] {5, 6}, "bilinear", false), leaf(1, 1, 3, 4));
        check(in -> F.interpolate(in[0], 2.0, "nearest"), leaf(1, 1, 2, 3));
        check(in -> F.unfold(in[0], 2), leaf(1, 2, 3, 3));
        check(in -> F.fold(in[0], new long[] {3, 3}, 2), leaf(1, 8, 4));
    }
}
