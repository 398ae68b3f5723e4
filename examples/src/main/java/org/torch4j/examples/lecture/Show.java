package org.torch4j.examples.lecture;

import java.io.PrintStream;

/**
 * Prints an expression and its value the way the lecture's Python sessions show them, so that a program's output
 * reads side by side with the slides.
 *
 * <pre>{@code
 * Show.show(System.out, "x.t()", x.t());   // >>> x.t()
 *                                          // tensor([[1, 2], ...
 * }</pre>
 */
final class Show {
    private Show() {}

    static void show(PrintStream out, String expression, Object value) {
        out.println(">>> " + expression);
        out.println(value);
    }
}
