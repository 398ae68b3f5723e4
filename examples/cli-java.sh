#!/usr/bin/env bash
# `java` with the training CLI's launch settings; every argument passes through to java:
#
#   bash examples/cli-java.sh -cp "$CP" org.torch4j.examples.cli.Torch4jCli train mnist-lecture --epochs 10
#
# train-mnist.sh and the benchmark's CLI rows start the CLI this way. The settings keep a long run's
# process memory flat after its first epoch (a 10-epoch MNIST run: +23% with java's defaults, -2.3% with
# these, examples/BENCHMARKS.md; README "Performance knobs"), stop glibc from handing a training step's
# memory back to the kernel after every step, and give OpenBLAS every core without its spinning:
# - cli-env.sh: the native libraries' environment (malloc heaps and limits, OpenBLAS's idle workers), each
#   setting explained there.
# - A small heap resident from the start, Serial GC: the Java heap holds only wrappers (tensors live in
#   native memory), yet with java's defaults (G1, 1/64 of RAM to start) it grew 7-11 MiB per 12,000-image epoch. It
#   still grows past 64 MiB if a data set needs it, while loading, before the first epoch.
source "$(dirname "${BASH_SOURCE[0]}")/cli-env.sh"
exec java -XX:+UseSerialGC -Xms64m -XX:+AlwaysPreTouch "$@"
