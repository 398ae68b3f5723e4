package org.torch4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.glue.NativeMemory;
import org.torch4j.nn.BatchNorm2d;
import org.torch4j.nn.Conv2d;
import org.torch4j.nn.Flatten;
import org.torch4j.nn.LSTM;
import org.torch4j.nn.Linear;
import org.torch4j.nn.MaxPool2d;
import org.torch4j.nn.ReLU;
import org.torch4j.nn.Sequential;
import org.torch4j.nn.functional.F;
import org.torch4j.optim.Adam;
import org.torch4j.serialization.TorchFiles;

/**
 * torch4j releases every JavaCPP object it makes itself: none is left for JavaCPP's own GC deallocator. A
 * {@link PointerScope} subclass sees every native object given a deallocator on this thread (JavaCPP offers each
 * to the innermost open PointerScope) and keeps it, without retaining its native reference: an object it keeps
 * cannot be freed by JavaCPP's GC, so one still allocated after torch4j's own scopes and safety net are done
 * would have been left to that GC. This is what running with {@code -Dorg.bytedeco.javacpp.nopointergc=true}
 * (JavaCPP's per-object GC registration off, about 65 ns less per op) would need of torch4j.
 */
class NativeObjectAuditTest {
    /** Records, does not retain (PointerScope's own attach would add a reference and release it at close). */
    static final class Recorder extends PointerScope {
        final List<Pointer> seen = new ArrayList<>();
        final List<Throwable> where = new ArrayList<>();

        @Override
        public PointerScope attach(Pointer p) {
            seen.add(p);
            where.add(new Throwable());
            return this;
        }
    }

    @Test
    void aTrainingStepAndCommonCallsLeaveNothingToJavaCppsGc(@TempDir Path dir) {
        Sequential model = new Sequential(new Conv2d(1, 4, 3), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(4 * 13 * 13, 10));
        Adam opt = new Adam(model.parameters(), 1e-3);
        LSTM lstm = new LSTM(3, 5);
        Tensor x = Torch.randn(8, 1, 28, 28);
        Tensor y = Torch.tensor(new long[] {1, 2, 3, 4, 5, 6, 7, 8});
        // Once unrecorded: what is made at first use and kept (optimizer state, cached wrapped numbers) is not the
        // point here.
        calls(model, opt, lstm, x, y, dir);

        Recorder recorder = new Recorder();
        try {
            calls(model, opt, lstm, x, y, dir);
        } finally {
            recorder.close();
        }
        // Everything torch4j made is now unreachable or closed: let its safety net release the rest.
        model = null;
        opt = null;
        lstm = null;
        x = null;
        y = null;
        for (int i = 0; i < 10; i++) {
            NativeMemory.collectNow();
        }
        List<String> left = new ArrayList<>();
        for (int i = 0; i < recorder.seen.size(); i++) {
            if (!recorder.seen.get(i).isNull()) {
                left.add(recorder.seen.get(i).getClass().getSimpleName() + " made at " + firstTorch4jFrame(recorder.where.get(i)));
            }
        }
        assertTrue(recorder.seen.size() > 50, "recorded only " + recorder.seen.size() + " native objects");
        assertTrue(left.isEmpty(), left.size() + " of " + recorder.seen.size() + " native objects left to JavaCPP's GC:\n"
                + left.stream().collect(Collectors.groupingBy(l -> l, Collectors.counting())));
    }

    private static void calls(Sequential model, Adam opt, LSTM lstm, Tensor x, Tensor y, Path dir) {
        try (Scope s = Scope.open()) {
            step(model, opt, x, y);
            x.add(1).mul(2.5).relu().sum().itemDouble();
            x.index(0, 0).toFloatArray();
            x.view(8, -1).matmul(Torch.randn(784, 3)).argmax(1).toLongArray();
            x.shape();
            x.narrow(0, 0, 2).toString();
            lstm.forward(Torch.randn(4, 2, 3)).sum().backward();
            Path file = dir.resolve("model.pt");
            TorchFiles.save(model.stateDict(), file);
            Map<String, Tensor> loaded = TorchFiles.loadStateDict(file);
            loaded.values().forEach(Tensor::sum);
        }
    }

    private static void step(Sequential model, Adam opt, Tensor x, Tensor y) {
        try (Scope s = Scope.open()) {
            opt.zeroGrad();
            Tensor loss = F.crossEntropy(model.forward(x), y);
            loss.backward();
            opt.step();
            loss.itemDouble();
        }
    }

    private static String firstTorch4jFrame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.torch4j") && !e.getClassName().endsWith("AuditTest$Recorder")) {
                return e.toString();
            }
        }
        return "?";
    }
}
