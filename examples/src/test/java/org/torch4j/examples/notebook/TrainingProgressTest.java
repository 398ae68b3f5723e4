package org.torch4j.examples.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingProgressTest {
    @Test
    void startsEmpty() {
        TrainingProgress p = new TrainingProgress(5, 100);
        assertEquals("epoch 0/5 [--------------------] starting", p.text());
        assertTrue(Double.isNaN(p.runningLoss()));
    }

    @Test
    void barFillsWithTheStepsAndTheLossIsTheEpochsRunningMean() {
        TrainingProgress p = new TrainingProgress(5, 100);
        p.step(2, 1, 0.5, 100);
        p.step(2, 2, 0.25, 100);
        assertEquals(0.375, p.runningLoss(), 1e-12);
        assertTrue(p.text().startsWith("epoch 2/5 [--------------------]   2/100 steps, loss 0.3750"), p.text());
        for (int s = 3; s <= 50; s++) {
            p.step(2, s, 0.375, 100);
        }
        assertTrue(p.text().startsWith("epoch 2/5 [##########----------]  50/100 steps, loss 0.3750"), p.text());
        p.step(3, 1, 1.0, 100);
        assertEquals(1.0, p.runningLoss(), 0.0, "a new epoch restarts the running loss");
        assertTrue(p.text().startsWith("epoch 3/5 [--------------------]   1/100 steps, loss 1.0000"), p.text());
        p.step(3, 100, 1.0, 100);
        assertTrue(p.text().startsWith("epoch 3/5 [####################] 100/100 steps"), p.text());
    }

    @Test
    void refusesStepsOutsideTheRun() {
        assertThrows(IllegalArgumentException.class, () -> new TrainingProgress(0, 10));
        TrainingProgress p = new TrainingProgress(2, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.step(3, 1, 0.1, 10));
        assertEquals("TrainingProgress.step: expected epoch in 1..2 and step in 1..10, got epoch 3, step 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> p.step(1, 11, 0.1, 10));
        assertThrows(IllegalArgumentException.class, () -> p.step(1, 1, 0.1, 0));
    }
}
