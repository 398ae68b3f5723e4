package org.torch4j.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.torch4j.Torch.*;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MSELoss;
import org.torch4j.nn.Parameter;
import org.torch4j.optim.lr.StepLR;
import org.torch4j.serialization.TorchFiles;

/**
 * Resuming training from a checkpoint file: model, optimizer and schedule state saved in PyTorch's
 * format mid-run, loaded into fresh objects, continue exactly as the uninterrupted run.
 */
class ResumeFromFileTest {
    private static final Tensor X = fromArray(new float[] {1, 2, 3, 4, 5, 6, -1, 0.5f}, 4, 2).detachFromScope();
    private static final Tensor Y = fromArray(new float[] {1, -1, 0.5f, 2}, 4, 1).detachFromScope();

    private static void steps(Linear model, Optimizer opt, StepLR sched, int n) {
        MSELoss loss = new MSELoss();
        for (int i = 0; i < n; i++) {
            try (Scope s = Scope.open()) {
                opt.zeroGrad();
                loss.forward(model.forward(X), Y).backward();
                opt.step();
                sched.step();
            }
        }
    }

    private static Linear model() {
        manualSeed(3);
        return new Linear(2, 1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void adamAndStepLrResumeFromAFileAsIfUninterrupted(@TempDir Path dir) {
        Linear straight = model();
        Adam straightOpt = new Adam(straight.parameters(), 0.05);
        StepLR straightSched = new StepLR(straightOpt, 3, 0.5);
        steps(straight, straightOpt, straightSched, 10);

        Linear first = model();
        Adam firstOpt = new Adam(first.parameters(), 0.05);
        StepLR firstSched = new StepLR(firstOpt, 3, 0.5);
        steps(first, firstOpt, firstSched, 4);
        Map<String, Object> checkpoint = new LinkedHashMap<>();
        checkpoint.put("model", first.stateDict());
        checkpoint.put("optimizer", firstOpt.stateDict());
        checkpoint.put("scheduler", firstSched.stateDict());
        Path file = dir.resolve("checkpoint.pt");
        TorchFiles.saveObject(checkpoint, file);

        Map<String, Object> loaded = (Map<String, Object>) TorchFiles.load(file);
        Linear resumed = model();
        try (var noGrad = org.torch4j.Autograd.noGrad()) {
            resumed.weight.normal_();   // different from the checkpoint until loaded
        }
        resumed.loadStateDict((Map<String, Tensor>) loaded.get("model"));
        Adam resumedOpt = new Adam(resumed.parameters(), 0.05);
        resumedOpt.loadStateDict((Map<String, ?>) loaded.get("optimizer"));
        StepLR resumedSched = new StepLR(resumedOpt, 3, 0.5);
        resumedSched.loadStateDict((Map<String, ?>) loaded.get("scheduler"));
        steps(resumed, resumedOpt, resumedSched, 6);

        assertEquals(straightSched.getLastLr(), resumedSched.getLastLr());
        List<Parameter> a = straight.parameters();
        List<Parameter> b = resumed.parameters();
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.get(i).equal(b.get(i)), "parameter " + i + " differs: " + a.get(i) + " vs " + b.get(i));
        }
    }
}
