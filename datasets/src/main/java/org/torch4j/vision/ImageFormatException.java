package org.torch4j.vision;

/**
 * A file that should hold an image does not: no decoder recognises it, or its data is corrupt or truncated.
 * The message names the file, what was expected and what was found.
 *
 * <pre>{@code
 * try {
 *     Tensor img = ImageFiles.readImage(path);
 * } catch (ImageFormatException e) {
 *     System.err.println(e.getMessage());   // "notes.txt: expected an image (PNG, JPEG, ...) but ..."
 * }
 * }</pre>
 */
public class ImageFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImageFormatException(String message) {
        super(message);
    }

    public ImageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
