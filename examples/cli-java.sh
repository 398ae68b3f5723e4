#!/usr/bin/env bash
# `java` with the training CLI's launch settings; every argument passes through to java:
#
#   bash examples/cli-java.sh -cp "$CP" org.torch4j.examples.cli.Torch4jCli train mnist-lecture --epochs 10
#
# train-mnist.sh and the benchmark's CLI rows start the CLI this way. The settings keep a long run's
# process memory flat after its first epoch (a 10-epoch MNIST run: +23% with java's defaults, -2.3% with
# these, examples/BENCHMARKS.md; README "Performance knobs") and give OpenBLAS every core without its
# spinning:
# - MALLOC_ARENA_MAX=1: glibc gives every thread that allocates (the DataLoader's worker, LibTorch's
#   intra-op threads) its own heap, and freed tensor memory scattered over those heaps keeps pages resident
#   that malloc_trim cannot return. One heap costs no measurable speed here. glibc reads it only at start,
#   so it cannot be set from Java. A value already in the environment wins.
# - OPENBLAS_THREAD_TIMEOUT=4: OpenBLAS's idle workers sleep right after each call instead of spinning for
#   about 0.1 s, so torch4j lets OpenBLAS use the intra-op threads (it holds OpenBLAS to 1 thread otherwise):
#   MNIST training +10% (fc1's GEMM 3x faster), a 2048x2048 matmul 1.8x. OpenBLAS reads it only when it
#   loads. A value already in the environment wins; an OPENBLAS_NUM_THREADS there still sets the count.
# - A small heap resident from the start, Serial GC: the Java heap holds only wrappers (tensors live in
#   native memory), yet with java's defaults (G1, 1/64 of RAM to start) it grew 7-11 MiB per 12,000-image epoch. It
#   still grows past 64 MiB if a data set needs it, while loading, before the first epoch.
exec env MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-1}" OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}" java -XX:+UseSerialGC -Xms64m -XX:+AlwaysPreTouch "$@"
