package org.torch4j.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NativeErrorsTest {
    @Test
    void keepsTheFirstLineAndDropsTheBacktrace() {
        String nativeMessage = "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1\n"
                + "Exception raised from infer_size_impl at /pytorch/aten/src/ATen/ExpandUtils.cpp:31 (most recent call first):\n"
                + "frame #0: c10::Error::Error(c10::SourceLocation, std::string) + 0xac (0x7f in libc10.so)\n";
        assertEquals("The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1",
                NativeErrors.firstLine(nativeMessage));
    }

    @Test
    void skipsLeadingBlankLines() {
        assertEquals("bad thing", NativeErrors.firstLine("\n  \nbad thing\nframe #0: x"));
    }

    @Test
    void saysSoWhenThereIsNoMessage() {
        assertEquals("LibTorch raised an error without a message", NativeErrors.firstLine(null));
        assertEquals("LibTorch raised an error without a message", NativeErrors.firstLine("  "));
    }
}
