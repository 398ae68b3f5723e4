package org.torch4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class MirrorsTest {
    private static final RemoteDataset FASHION = DatasetResources.FASHION_MNIST;

    private static UnaryOperator<String> map(Map<String, String> m) {
        return m::get;
    }

    private static List<URI> resolve(List<URI> explicit, Map<String, String> props, Map<String, String> env) {
        return Mirrors.resolve(FASHION, explicit, map(props), map(env));
    }

    @Test
    void defaultsWhenNothingIsSet() {
        assertEquals(FASHION.defaultMirrors(), resolve(List.of(), Map.of(), Map.of()));
    }

    @Test
    void explicitListWinsAndBecomesFolders() {
        var got = resolve(List.of(URI.create("http://127.0.0.1/a"), URI.create("https://127.0.0.1/b/")),
                Map.of("torch4j.mirrors.fashion-mnist", "http://127.0.0.1/p/"), Map.of());
        assertEquals(List.of(URI.create("http://127.0.0.1/a/"), URI.create("https://127.0.0.1/b/")), got);
    }

    @Test
    void perDatasetPropertyBeatsEnvironment() {
        var got = resolve(List.of(), Map.of("torch4j.mirrors.fashion-mnist", " http://127.0.0.1/p1, http://127.0.0.1/p2/ "),
                Map.of("TORCH4J_MIRRORS_FASHION_MNIST", "http://127.0.0.1/e/"));
        assertEquals(List.of(URI.create("http://127.0.0.1/p1/"), URI.create("http://127.0.0.1/p2/")), got);
    }

    @Test
    void perDatasetEnvironmentBeatsGlobalSettings() {
        var got = resolve(List.of(), Map.of("torch4j.mirrors", "http://127.0.0.1/all/"),
                Map.of("TORCH4J_MIRRORS_FASHION_MNIST", "http://127.0.0.1/e/"));
        assertEquals(List.of(URI.create("http://127.0.0.1/e/")), got);
    }

    @Test
    void globalMirrorsGetTheDatasetKeyAppended() {
        assertEquals(List.of(URI.create("http://127.0.0.1/all/fashion-mnist/")),
                resolve(List.of(), Map.of("torch4j.mirrors", "http://127.0.0.1/all"),
                        Map.of("TORCH4J_MIRRORS", "http://127.0.0.1/env/")));
        assertEquals(List.of(URI.create("http://127.0.0.1/env/fashion-mnist/"),
                        URI.create("http://127.0.0.1/env2/fashion-mnist/")),
                resolve(List.of(), Map.of(), Map.of("TORCH4J_MIRRORS", "http://127.0.0.1/env/ http://127.0.0.1/env2")));
    }

    @Test
    void badValuesNameTheirSource() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve(List.of(), Map.of(), Map.of("TORCH4J_MIRRORS_FASHION_MNIST", "file:///data/")));
        assertEquals("environment variable TORCH4J_MIRRORS_FASHION_MNIST: expected an http or https URL, got 'file:///data/'",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> resolve(List.of(), Map.of("torch4j.mirrors", "http://[bad"), Map.of()));
        assertTrue(e.getMessage().startsWith("system property torch4j.mirrors: expected http(s) URLs, got 'http://[bad'"),
                e.getMessage());
    }
}
