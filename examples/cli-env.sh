# Sourced, not run: exports the environment the training CLI runs in. cli-java.sh sources it before it starts
# java; the benchmark sources it to run PyTorch's Python under the same settings. Every variable is read by a
# native library when the process starts (glibc) or when the library loads (OpenBLAS), before any Java code
# runs, so the JVM cannot set them itself. A value already in the environment wins.
#
# - MALLOC_ARENA_MAX=1: glibc gives every thread that allocates (the DataLoader's worker, LibTorch's
#   intra-op threads) its own heap, and freed tensor memory scattered over those heaps keeps pages resident
#   that malloc_trim cannot return. One heap costs no measurable speed here.
# - MALLOC_MMAP_THRESHOLD_=32 MiB, MALLOC_TRIM_THRESHOLD_=64 MiB: glibc's defaults map every allocation over
#   128 KiB fresh from the kernel and unmap it when freed, moving the limit up only as large blocks are freed,
#   and hand the top of the heap back once 2x that limit lies free there. A training step allocates and frees
#   tens of MiB of activations and gradients, so it paid 1,000-3,500 page faults (zero-filled pages) per step,
#   depending on how the limits happened to settle: 10^6 faults in 320 MNIST steps. With these limits the
#   step reuses the heap's memory: about 0 faults per step, MNIST training 37.9 -> 46.1 steps/s, CIFAR
#   23.6 -> 27.4 (medians of 5 and 3 interleaved runs). Both are needed: setting either one alone switches off
#   glibc's moving limit. Tensors over 32 MiB are still mapped; Torch.releaseFreeMemory() (malloc_trim) still
#   returns the heap's free pages between epochs. torch4j raises glibc's moving limits to these same values
#   itself when LibTorch loads; fixing them here, with one heap, is the robust form (a JVM thread's own glibc
#   heap is at most 64 MiB, and with moving limits a synthetic loop there could fault more than before).
# - OPENBLAS_THREAD_TIMEOUT=4: OpenBLAS's idle workers sleep right after each call instead of spinning for
#   about 0.1 s, so torch4j lets OpenBLAS use the intra-op threads (it holds OpenBLAS to 1 thread otherwise):
#   MNIST training +10% (fc1's GEMM 3x faster), a 2048x2048 matmul 1.8x. An OPENBLAS_NUM_THREADS in the
#   environment still sets the count.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}"
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-67108864}"
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
