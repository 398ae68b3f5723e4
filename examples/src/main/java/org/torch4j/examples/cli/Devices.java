package org.torch4j.examples.cli;

import org.torch4j.Device;
import org.torch4j.Torch;

/**
 * The {@code --device} option: {@code cpu}, {@code cuda}, {@code cuda:N} or {@code auto} (CUDA when present,
 * else the CPU), checked against what LibTorch sees so that a missing GPU is one clear line, not a native
 * error in the middle of training.
 *
 * <pre>{@code
 * Device d = Devices.resolve("auto");
 * }</pre>
 */
public final class Devices {
    private Devices() {}

    /**
     * @throws CliException if the spec is not a device name, or names a CUDA device that is not there
     */
    public static Device resolve(String spec) {
        if (spec == null || spec.equals("auto")) {
            return Torch.cuda().isAvailable() ? Device.cuda(0) : Device.CPU;
        }
        Device d;
        try {
            d = Device.of(spec);
        } catch (IllegalArgumentException e) {
            throw new CliException("unknown device '" + spec + "': expected cpu, cuda, cuda:N or auto", 2, e);
        }
        if (d.isCuda()) {
            if (!Torch.cuda().isAvailable()) {
                throw new CliException("--device " + spec + " asked for CUDA, but this LibTorch sees no CUDA device; "
                        + "use --device cpu or auto");
            }
            int count = Torch.cuda().deviceCount();
            if (d.index() >= count) {
                throw new CliException("--device " + spec + ": only " + count + " CUDA device(s) present");
            }
        }
        return d;
    }
}
