/**
 * Tensors as pictures, as torchvision's {@code utils} and {@code io} do it: {@link org.torch4j.vision.Grid}
 * ({@code make_grid}), {@link org.torch4j.vision.ImageFiles} ({@code save_image}, {@code read_image}) and
 * {@link org.torch4j.vision.TensorImages} (tensors to {@link java.awt.image.BufferedImage}s and back).
 *
 * <pre>{@code
 * Tensor batch = Torch.rand(48, 3, 32, 32);
 * ImageFiles.saveImage(batch, Path.of("grid.png"), 12, 2, false);
 * Tensor grid = ImageFiles.readImage(Path.of("grid.png"));   // uint8 3 x 138 x 410
 * }</pre>
 */
package org.torch4j.vision;
