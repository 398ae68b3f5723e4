/**
 * Helpers for the notebooks in {@code examples/notebooks/}, free of any Jupyter kernel dependency: the kernels'
 * own {@code display(...)} and {@code updateDisplay(...)} show what these return.
 *
 * <pre>{@code
 * TrainingProgress progress = new TrainingProgress(5, 100);
 * String id = display(progress.text());                 // a kernel function (IJava, JJava, rapaio)
 * progress.step(1, 10, 0.42);
 * updateDisplay(id, progress.text());                   // redrawn in place, also in nbconvert's output
 * }</pre>
 */
package org.torch4j.examples.notebook;
