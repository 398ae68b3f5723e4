package org.torch4j.examples.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed notebooks, without running them (no Jupyter needed): stored without outputs, opening with the one
 * setup cell that names this version's notebook jar, and holding every cell that the expected outputs name.
 */
class NotebooksTest {
    static final String VERSION = System.getProperty("torch4j.version");

    @Test
    void theLecturesFourNotebooksAreThere() {
        assertEquals(List.of("autograd", "convolutions", "tensors", "training"), Notebooks.names());
    }

    @Test
    void storedWithoutOutputs() {
        for (String name : Notebooks.names()) {
            for (JsonObject cell : Notebooks.codeCells(Notebooks.read(Notebooks.SOURCES.resolve(name + ".ipynb")))) {
                assertEquals(0, Notebooks.outputs(cell).size(), name + ": cell " + cell.get("id") + " has outputs");
                assertTrue(cell.get("execution_count").isJsonNull(), name + ": cell " + cell.get("id") + " was run");
            }
        }
    }

    @Test
    void oneSetupCellNamingThisVersionsJar() {
        assertNotNull(VERSION, "surefire passes the project version as torch4j.version");
        for (String name : Notebooks.names()) {
            JsonObject nb = Notebooks.read(Notebooks.SOURCES.resolve(name + ".ipynb"));
            List<JsonObject> code = Notebooks.codeCells(nb);
            assertEquals("%jars ../target/torch4j-notebook-" + VERSION + ".jar", Notebooks.source(code.get(0)),
                    name + ": the first cell is the setup");
            assertEquals("setup", code.get(0).get("id").getAsString(), name);
            assertEquals(code.get(0), nb.getAsJsonArray("cells").get(0).getAsJsonObject(), name + " opens with it");
            for (JsonObject cell : code.subList(1, code.size())) {
                assertFalse(Notebooks.source(cell).strip().startsWith("%"), name + ": only the setup cell is a magic");
            }
            assertEquals("java", nb.getAsJsonObject("metadata").getAsJsonObject("kernelspec").get("language")
                    .getAsString(), name);
        }
    }

    @Test
    void everyCellWithExpectedOutputExists() {
        JsonObject expected = NotebookOutputsIT.expectedStdout();
        assertEquals(Notebooks.names(), expected.keySet().stream().sorted().toList());
        for (Map.Entry<String, JsonElement> nb : expected.entrySet()) {
            Map<String, JsonObject> cells = Notebooks.cells(Notebooks.read(Notebooks.SOURCES.resolve(nb.getKey() + ".ipynb")));
            for (String id : nb.getValue().getAsJsonObject().keySet()) {
                assertTrue(cells.containsKey(id), nb.getKey() + ": no cell " + id);
            }
        }
    }
}
