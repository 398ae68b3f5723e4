package org.torch4j;

/**
 * A snapshot of torch4j's native tensor accounting, from {@link Torch#memory()}.
 *
 * <pre>{@code
 * long before = Torch.memory().liveTensors();
 * try (var s = Scope.open()) { Torch.ones(3).add(1); }
 * assert Torch.memory().liveTensors() == before;
 * }</pre>
 *
 * @param liveTensors tensor handles created by torch4j and not yet released
 * @param liveBytes data bytes those handles address (a view counts its own extent, so views of one
 *                  storage are counted more than once): every tensor outside scopes, and those in the
 *                  calling thread's open scopes; tensors in other threads' open scopes count in
 *                  {@code liveTensors} only (a scoped tensor is sized when asked, so no op pays a size query)
 * @param pressureCollections garbage collections that native memory pressure has triggered so far
 */
public record MemoryInfo(long liveTensors, long liveBytes, long pressureCollections) {
    @Override
    public String toString() {
        return "MemoryInfo[liveTensors=" + liveTensors + ", liveBytes=" + liveBytes
                + ", pressureCollections=" + pressureCollections + "]";
    }
}
