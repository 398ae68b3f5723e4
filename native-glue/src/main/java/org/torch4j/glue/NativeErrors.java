package org.torch4j.glue;

/**
 * Turns what LibTorch throws into a message a Java user can read: the first line of the C++ error,
 * without "Exception raised from ..." and the backtrace.
 */
public final class NativeErrors {
    private NativeErrors() {}

    /** The first meaningful line of a LibTorch error message. */
    public static String firstLine(String nativeMessage) {
        if (nativeMessage == null || nativeMessage.isBlank()) {
            return "LibTorch raised an error without a message";
        }
        for (String line : nativeMessage.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("Exception raised from")) {
                continue;
            }
            return l;
        }
        return nativeMessage.strip();
    }
}
