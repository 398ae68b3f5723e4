package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirTest {
    @Test
    void explicitPathWins() {
        assertEquals(Path.of("/x/data"), DataDir.resolve(Path.of("/x/data"), Map.of("TORCH4J_DATA", "/env"), "/home/u"));
    }

    @Test
    void environmentVariableNext() {
        assertEquals(Path.of("/env/data"), DataDir.resolve(null, Map.of("TORCH4J_DATA", " /env/data "), "/home/u"));
    }

    @Test
    void homeFolderLast() {
        assertEquals(Path.of("/home/u/.torch4j/data"), DataDir.resolve(null, Map.of(), "/home/u"));
        assertEquals(Path.of("/home/u/.torch4j/data"), DataDir.resolve(null, Map.of("TORCH4J_DATA", "  "), "/home/u"));
    }

    @Test
    void noHomeAndNoEnvironment() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DataDir.resolve(null, Map.of(), null));
        assertTrue(e.getMessage().contains("TORCH4J_DATA"), e.getMessage());
    }

    @Test
    void processEnvironment() {
        String env = System.getenv("TORCH4J_DATA");
        Path expected = env != null && !env.isBlank() ? Path.of(env.strip())
                : Path.of(System.getProperty("user.home"), ".torch4j", "data");
        assertEquals(expected, DataDir.resolve());
    }
}
