package org.torch4j;

import java.util.Objects;
import org.bytedeco.pytorch.global.torch.DeviceType;

/**
 * Where a tensor lives: {@link #CPU} or a CUDA device. Immutable; prints like PyTorch,
 * {@code device(type='cuda', index=0)}.
 *
 * <pre>{@code
 * Device d = Torch.cuda().isAvailable() ? Device.cuda(0) : Device.CPU;
 * Tensor x = Torch.zeros(3).to(d);
 * }</pre>
 */
public final class Device {
    /** The CPU. */
    public static final Device CPU = new Device("cpu", -1);

    private final String type;
    private final int index;

    private Device(String type, int index) {
        this.type = type;
        this.index = index;
    }

    /** The CUDA device with this index. */
    public static Device cuda(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("CUDA device index must be >= 0, got " + index);
        }
        return new Device("cuda", index);
    }

    /** Parses PyTorch's device strings: {@code cpu}, {@code cuda}, {@code cuda:1}. */
    public static Device of(String spec) {
        Objects.requireNonNull(spec, "device");
        String s = spec.trim();
        if (s.equals("cpu")) {
            return CPU;
        }
        if (s.equals("cuda")) {
            return cuda(0);
        }
        if (s.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(s.substring(5)));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException("unknown device '" + spec + "': expected cpu, cuda or cuda:N");
    }

    public String type() {
        return type;
    }

    /** The device index, or -1 for the CPU. */
    public int index() {
        return index;
    }

    public boolean isCuda() {
        return type.equals("cuda");
    }

    /**
     * Refuses a CUDA device this process cannot use before any native call: no CUDA at all, or an index past
     * the last device. {@code action} starts the message, e.g. {@code "cannot move a tensor to"}.
     */
    void requireUsable(String action, String hint) {
        if (!isCuda()) {
            return;
        }
        int count = org.torch4j.glue.LibTorch.cudaDeviceCount();
        if (count == 0) {
            throw new TorchException(action + " " + spec() + ": CUDA is not available" + hint);
        }
        if (index >= count) {
            throw new TorchException(action + " " + spec() + ": CUDA device index " + index + " is out of range, "
                    + count + " device(s) available (cuda:0 to cuda:" + (count - 1) + ")");
        }
    }

    org.bytedeco.pytorch.Device toNative() {
        return isCuda() ? new org.bytedeco.pytorch.Device(DeviceType.CUDA, (byte) index)
                : new org.bytedeco.pytorch.Device(DeviceType.CPU, (byte) -1);
    }

    static Device of(org.bytedeco.pytorch.Device d) {
        return d.is_cuda() ? cuda(d.index()) : CPU;
    }

    /** PyTorch's string form, as {@code str(device)}: {@code cpu} or {@code cuda:0}. */
    public String spec() {
        return index < 0 ? type : type + ":" + index;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Device && ((Device) o).type.equals(type) && ((Device) o).index == index;
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + index;
    }

    /** Prints as PyTorch's {@code repr(device)}. */
    @Override
    public String toString() {
        return index < 0 ? "device(type='" + type + "')" : "device(type='" + type + "', index=" + index + ")";
    }
}
