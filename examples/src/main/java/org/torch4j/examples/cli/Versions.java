package org.torch4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.torch4j.Torch;

/**
 * Versions for {@code info} and {@code run.json}: torch4j (from the jar's Maven metadata, else the build's
 * version), LibTorch, Java, the OS.
 *
 * <pre>{@code
 * Map<String, Object> v = Versions.all();   // {torch4j=0.1.0-SNAPSHOT, libtorch=2.10.0, java=17.0.12, ...}
 * }</pre>
 */
public final class Versions {
    /** The version this module was built as, used when no Maven metadata is on the class path (IDE, tests). */
    static final String BUILD_VERSION = "0.1.0-SNAPSHOT";

    private Versions() {}

    public static String torch4j() {
        try (InputStream in = Torch.class.getResourceAsStream(
                "/META-INF/maven/org.torch4j/torch4j-java-api/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", BUILD_VERSION);
            }
        } catch (IOException e) {
            // fall through to the build's version
        }
        return BUILD_VERSION;
    }

    public static Map<String, Object> all() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("torch4j", torch4j());
        m.put("libtorch", Torch.version());
        m.put("java", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }
}
