package org.torch4j.examples.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link RawOpsJmh} with the settings torch4j applies at load, set by hand as a tuned raw user would:
 * JavaCPP's per-allocation memory check off ({@code -Dorg.bytedeco.javacpp.maxPhysicalBytes=0}),
 * OpenBLAS held to one thread, intra-op threads = processors.
 *
 * <pre>{@code
 * java -cp ... org.openjdk.jmh.Main RawTunedOpsJmh
 * }</pre>
 */
@Fork(jvmArgsAppend = {"-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-D" + RawOpsJmh.OPENBLAS_ONE + "=true"})
public class RawTunedOpsJmh extends RawOpsJmh {}
