package org.torch4j.serialization;

import java.nio.file.Path;
import org.torch4j.TorchException;

/**
 * A file is not a torch.save file torch4j can read, or is damaged: the message names the file and what is
 * wrong with it, for example
 * {@code /tmp/model.pt: storage record archive/data/3 holds 8 bytes but FloatStorage '3' of 6 elements needs 24}.
 * Nothing of a file that fails to load is returned; the tensors made on the way are released.
 */
public class FormatException extends TorchException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    public FormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    /** The file that could not be read. */
    public Path file() {
        return file;
    }
}
