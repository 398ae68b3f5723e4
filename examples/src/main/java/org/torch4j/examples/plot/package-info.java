/**
 * Training plots as PNG files or {@link java.awt.image.BufferedImage}s, drawn with XChart: {@link
 * org.torch4j.examples.plot.Curves} (loss and error rate per epoch, train and test) and {@link
 * org.torch4j.examples.plot.LossHistogram} (per-sample loss distributions through epochs, the lecture's
 * over-fitting picture).
 *
 * <pre>{@code
 * new Curves("mnist-lecture", trainLoss, testLoss, trainError, testError).writePng(dir.resolve("curves.png"));
 * }</pre>
 */
package org.torch4j.examples.plot;
