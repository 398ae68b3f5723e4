package org.torch4j;

import org.torch4j.glue.NativeMemory;

/** Test helper: the live-tensor count once the GC safety net has released what earlier code dropped. */
final class LiveTensors {
    private LiveTensors() {}

    static long settled() {
        long prev = -1;
        long now = Torch.memory().liveTensors();
        for (int i = 0; i < 10 && now != prev; i++) {
            NativeMemory.collectNow();
            prev = now;
            now = Torch.memory().liveTensors();
        }
        return now;
    }
}
