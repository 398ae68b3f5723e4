package org.torch4j.vision;

/**
 * What {@link TensorImages#fromBufferedImage(java.awt.image.BufferedImage, Alpha)} and
 * {@link ImageFiles#readImage(java.nio.file.Path, Alpha)} do with an image's alpha channel.
 *
 * <pre>{@code
 * Tensor rgba = ImageFiles.readImage(Path.of("logo.png"), Alpha.KEEP);   // 4 x H x W
 * Tensor rgb = ImageFiles.readImage(Path.of("logo.png"), Alpha.DROP);    // 3 x H x W
 * }</pre>
 */
public enum Alpha {
    /** Keep alpha as the last channel (gray + alpha: 2 channels, RGB + alpha: 4), as torchvision's read_image. */
    KEEP,
    /** Leave alpha out: only the gray or RGB channels. */
    DROP
}
