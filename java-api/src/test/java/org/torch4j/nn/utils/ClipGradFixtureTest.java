package org.torch4j.nn.utils;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.torch4j.DType;
import org.torch4j.Fixtures;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.nn.Parameter;
import org.torch4j.optim.FixtureValues;

/**
 * {@link ClipGrad} against PyTorch 1.13's {@code clip_grad_norm_} (2-, 1-, 3- and inf-norms, clipping and
 * not, one or several gradients, a parameter without one) and {@code clip_grad_value_}, for the cases in
 * {@code fixtures/clip_grad.txt}: the returned total norm and every gradient afterwards.
 */
class ClipGradFixtureTest {
    private static final List<Fixtures.Case> CASES = Fixtures.load("fixtures/clip_grad.txt");

    @TestFactory
    Stream<DynamicTest> matchesPyTorch() {
        Set<String> normTypes = new HashSet<>();
        CASES.stream().filter(c -> c.get("fn").equals("norm")).forEach(c -> normTypes.add(c.get("norm_type")));
        assertTrue(normTypes.containsAll(Set.of("2.0", "1.0", "inf")), "norm types covered: " + normTypes);
        return CASES.stream().map(c -> DynamicTest.dynamicTest(c.name, () -> check(c)));
    }

    private static void check(Fixtures.Case c) {
        FixtureValues.Tolerance tol = new FixtureValues.Tolerance(c.get("tolerance"));
        DType dtype = Fixtures.dtype(c.get("dtype"));
        try (Scope s = Scope.open()) {
            List<Parameter> params = new ArrayList<>();
            for (String g : c.all("grad")) {
                String[] t = g.split(" ", 2);
                if (t[1].equals("none")) {
                    params.add(new Parameter(Torch.zeros(new long[] {2}, dtype)));
                } else {
                    Tensor grad = Fixtures.tensor(t[1]).to(dtype);
                    Parameter p = new Parameter(Torch.zerosLike(grad));
                    p.mul(grad).sum().backward(); // p.grad = grad, exactly
                    params.add(p);
                }
            }
            if (c.get("fn").equals("norm")) {
                double maxNorm = Fixtures.parseDouble(c.get("max_norm"));
                double normType = Fixtures.parseDouble(c.get("norm_type"));
                Tensor total = params.size() == 1 ? ClipGrad.clipGradNorm_(params.get(0), maxNorm, normType)
                        : normType == 2.0 ? ClipGrad.clipGradNorm_(params, maxNorm)
                        : ClipGrad.clipGradNorm_(params, maxNorm, normType);
                tol.check(c.name + " total norm", c.get("total_norm"), total);
            } else {
                ClipGrad.clipGradValue_(params, Fixtures.parseDouble(c.get("clip_value")));
            }
            List<String> clipped = c.all("clipped");
            assertEquals(params.size(), clipped.size());
            for (String line : clipped) {
                String[] t = line.split(" ", 2);
                Tensor g = params.get(Integer.parseInt(t[0])).grad();
                if (t[1].equals("none")) {
                    assertNull(g, c.name + ": parameter " + t[0] + " has no gradient");
                } else {
                    tol.check(c.name + " gradient " + t[0], t[1], g);
                }
            }
        }
    }
}
