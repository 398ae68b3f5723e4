package org.torch4j.examples.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads {@code .ipynb} files (nbformat 4 JSON) for the notebook tests: cells by id, their stdout, their PNG outputs.
 *
 * <pre>{@code
 * JsonObject nb = Notebooks.read(Path.of("target/notebooks/tensors.ipynb"));
 * String text = Notebooks.stdout(Notebooks.cells(nb).get("views"));
 * }</pre>
 */
final class Notebooks {
    /** The examples module's directory: surefire runs tests there. */
    static final Path MODULE = Path.of("").toAbsolutePath();
    static final Path SOURCES = MODULE.resolve("notebooks");
    static final Path EXECUTED = MODULE.resolve("target/notebooks");

    private Notebooks() {}

    static JsonObject read(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The committed notebooks' names (file names without {@code .ipynb}), sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb"))
                    .map(n -> n.substring(0, n.length() - ".ipynb".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every cell, in order, keyed by its id. */
    static Map<String, JsonObject> cells(JsonObject notebook) {
        Map<String, JsonObject> cells = new LinkedHashMap<>();
        for (JsonElement e : notebook.getAsJsonArray("cells")) {
            JsonObject cell = e.getAsJsonObject();
            if (cells.put(cell.get("id").getAsString(), cell) != null) {
                throw new AssertionError("duplicate cell id " + cell.get("id"));
            }
        }
        return cells;
    }

    /** The code cells, in order. */
    static List<JsonObject> codeCells(JsonObject notebook) {
        return cells(notebook).values().stream().filter(c -> c.get("cell_type").getAsString().equals("code")).toList();
    }

    /** A multiline string field: nbformat stores it as one string or as a list of lines. */
    static String text(JsonElement value) {
        if (value.isJsonArray()) {
            StringBuilder b = new StringBuilder();
            for (JsonElement line : value.getAsJsonArray()) {
                b.append(line.getAsString());
            }
            return b.toString();
        }
        return value.getAsString();
    }

    static String source(JsonObject cell) {
        return text(cell.get("source"));
    }

    static JsonArray outputs(JsonObject cell) {
        return cell.getAsJsonArray("outputs");
    }

    /** Everything the cell wrote to standard output, in order. */
    static String stdout(JsonObject cell) {
        StringBuilder b = new StringBuilder();
        for (JsonElement e : outputs(cell)) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("output_type").getAsString().equals("stream") && o.get("name").getAsString().equals("stdout")) {
                b.append(text(o.get("text")));
            }
        }
        return b.toString();
    }

    /** The {@code image/png} payloads of the cell's outputs (display_data and execute_result), decoded. */
    static List<byte[]> pngs(JsonObject cell) {
        List<byte[]> pngs = new ArrayList<>();
        for (JsonElement e : outputs(cell)) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("data") && o.getAsJsonObject("data").has("image/png")) {
                String base64 = text(o.getAsJsonObject("data").get("image/png")).replaceAll("\\s", "");
                pngs.add(Base64.getDecoder().decode(base64));
            }
        }
        return pngs;
    }

    /** The error outputs' {@code ename: evalue}. */
    static List<String> errors(JsonObject cell) {
        List<String> errors = new ArrayList<>();
        for (JsonElement e : outputs(cell)) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("output_type").getAsString().equals("error")) {
                errors.add(o.get("ename").getAsString() + ": " + o.get("evalue").getAsString());
            }
        }
        return errors;
    }

    /** The text/plain or text/html value of the cell's outputs with data (displays, results), in order. */
    static List<String> displayedTexts(JsonObject cell) {
        List<String> texts = new ArrayList<>();
        for (JsonElement e : outputs(cell)) {
            JsonObject o = e.getAsJsonObject();
            if (o.has("data")) {
                JsonObject data = o.getAsJsonObject("data");
                for (String type : new String[] {"text/plain", "text/html"}) {
                    if (data.has(type)) {
                        texts.add(text(data.get(type)));
                        break;
                    }
                }
            }
        }
        return texts;
    }
}
