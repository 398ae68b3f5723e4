package org.torch4j.examples.bench;

/**
 * {@link RawOpsJmh} with bytedeco's defaults, as a raw user who sets nothing gets them.
 *
 * <pre>{@code
 * java -cp ... org.openjdk.jmh.Main RawDefaultOpsJmh
 * }</pre>
 */
public class RawDefaultOpsJmh extends RawOpsJmh {}
