package org.torch4j.examples.bench;

import org.torch4j.Tensor;
import org.torch4j.nn.Module;

/**
 * The training benchmark's "CLI way": channels-last memory format through the library's API.
 * Waiting for {@code org.torch4j.MemoryFormat}; until then the variant refuses to run.
 */
final class ChannelsLast {
    private ChannelsLast() {}

    static Tensor input(Tensor x) {
        throw new UnsupportedOperationException("channels-last API (org.torch4j.MemoryFormat) not in this build yet");
    }

    static void model(Module net) {
        throw new UnsupportedOperationException("channels-last API (org.torch4j.MemoryFormat) not in this build yet");
    }
}
