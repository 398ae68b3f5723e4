package org.torch4j.vision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;

/** Test helper: reads the fixtures that datasets/src/test/python/gen_vision.py wrote with torchvision. */
final class VisionFixtures {
    static final String DIR = "/fixtures/vision/";

    private VisionFixtures() {
    }

    /** The cases of a `key: value` file, each ending with `---`. */
    static List<Map<String, String>> cases(String file) {
        List<Map<String, String>> out = new ArrayList<>();
        Map<String, String> current = new LinkedHashMap<>();
        for (String line : text(file).split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            if (line.equals("---")) {
                out.add(current);
                current = new LinkedHashMap<>();
                continue;
            }
            int colon = line.indexOf(": ");
            current.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return out;
    }

    static String text(String file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String file) {
        try (InputStream in = VisionFixtures.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + DIR + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tensor written as `<dtype> [<shape>] <values...>`. */
    static Tensor tensor(String s) {
        String[] parts = s.trim().split(" ");
        String dims = parts[1].substring(1, parts[1].length() - 1);
        long[] shape = dims.isEmpty() ? new long[0]
                : java.util.Arrays.stream(dims.split(",")).mapToLong(Long::parseLong).toArray();
        int n = parts.length - 2;
        switch (parts[0]) {
            case "float32" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) Double.parseDouble(parts[i + 2]);
                }
                return Torch.fromArray(v, shape);
            }
            case "float64" -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Double.parseDouble(parts[i + 2]);
                }
                return Torch.fromArray(v, shape);
            }
            case "uint8" -> {
                byte[] v = new byte[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (byte) Integer.parseInt(parts[i + 2]);
                }
                return Torch.fromArray(v, DType.UINT8, shape);
            }
            default -> throw new IllegalArgumentException("unknown dtype in fixture: " + parts[0]);
        }
    }

    /** The `params` line as GridOptions. */
    static GridOptions options(String params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String kv : params.trim().split(" ")) {
            int eq = kv.indexOf('=');
            p.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        GridOptions o = GridOptions.defaults()
                .nrow(Integer.parseInt(p.get("nrow")))
                .padding(Integer.parseInt(p.get("padding")))
                .normalize(Boolean.parseBoolean(p.get("normalize")))
                .scaleEach(Boolean.parseBoolean(p.get("scale_each")))
                .padValue(Double.parseDouble(p.get("pad_value")));
        if (!p.get("value_range").equals("none")) {
            String[] r = p.get("value_range").split(",");
            o = o.valueRange(Double.parseDouble(r[0]), Double.parseDouble(r[1]));
        }
        return o;
    }
}
