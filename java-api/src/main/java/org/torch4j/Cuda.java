package org.torch4j;

import org.bytedeco.pytorch.global.torch;
import org.torch4j.glue.LibTorch;

/**
 * CUDA and cuDNN as LibTorch sees them, with cuDNN's switches ({@code torch.backends.cudnn}).
 *
 * <pre>{@code
 * Device device = Torch.cuda().isAvailable() ? Device.cuda(0) : Device.CPU;
 * Torch.cuda().setCudnnBenchmark(true);
 * }</pre>
 */
public final class Cuda {
    static final Cuda INSTANCE = new Cuda();

    private Cuda() {}

    public boolean isAvailable() {
        return LibTorch.cudaAvailable();
    }

    public int deviceCount() {
        return LibTorch.cudaDeviceCount();
    }

    public boolean isCudnnAvailable() {
        return LibTorch.cudnnAvailable();
    }

    /** {@code torch.backends.cudnn.benchmark}: let cuDNN pick the fastest algorithm per input shape. */
    public void setCudnnBenchmark(boolean on) {
        Ops.run(() -> torch.globalContext().setBenchmarkCuDNN(on));
    }

    public boolean cudnnBenchmark() {
        return Ops.value(() -> torch.globalContext().benchmarkCuDNN());
    }

    /** {@code torch.backends.cudnn.deterministic}: only deterministic cuDNN algorithms. */
    public void setCudnnDeterministic(boolean on) {
        Ops.run(() -> torch.globalContext().setDeterministicCuDNN(on));
    }

    public boolean cudnnDeterministic() {
        return Ops.value(() -> torch.globalContext().deterministicCuDNN());
    }
}
