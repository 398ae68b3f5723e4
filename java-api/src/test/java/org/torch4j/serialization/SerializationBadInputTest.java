package org.torch4j.serialization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.torch4j.Scope;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.glue.NativeMemory;

/**
 * Damaged and foreign files: each is refused with the exact exception type and a one-line message that
 * names the file and the problem, nothing is returned and no tensor made on the way stays alive.
 */
class SerializationBadInputTest {
    @TempDir
    Path dir;

    /** A valid file: state dict {'x': arange(6) as float32}, one storage record archive/data/0 of 24 bytes. */
    private Path valid;

    @BeforeEach
    void writeValidFile() {
        valid = dir.resolve("valid.pt");
        try (Scope s = Scope.open()) {
            Map<String, Tensor> state = new LinkedHashMap<>();
            state.put("x", Torch.arange(0, 6).toFloat());
            TorchFiles.save(state, valid);
        }
    }

    private static long settledLiveTensors() {
        long prev = -1;
        long now = Torch.memory().liveTensors();
        for (int i = 0; i < 10 && now != prev; i++) {
            NativeMemory.collectNow();
            prev = now;
            now = Torch.memory().liveTensors();
        }
        return now;
    }

    /** Loading {@code file} throws exactly {@code type}, with one line naming the file and every fragment. */
    private <T extends Throwable> T loadFails(Class<T> type, Path file, String... fragments) {
        long before = settledLiveTensors();
        T e;
        try (Scope s = Scope.open()) {
            e = assertThrowsExactly(type, () -> TorchFiles.load(file));
        }
        assertEquals(before, settledLiveTensors(), "tensors leaked by the failed load");
        checkMessage(e, file, fragments);
        return e;
    }

    private static void checkMessage(Throwable e, Path file, String... fragments) {
        String m = e.getMessage();
        assertTrue(m != null && !m.isBlank(), "no message");
        assertFalse(m.contains("\n"), "message is not one line: " + m);
        assertTrue(m.contains(file.toString()), "message '" + m + "' does not name the file");
        for (String f : fragments) {
            assertTrue(m.contains(f), "message '" + m + "' does not contain '" + f + "'");
        }
        if (e instanceof FormatException) {
            assertEquals(file, ((FormatException) e).file());
        }
    }

    /** A copy of {@code valid} with each record passed through {@code edit} (null drops it). */
    private Path rezip(String name, BiFunction<String, byte[], byte[]> edit) throws IOException {
        Path out = dir.resolve(name);
        try (ZipFile in = new ZipFile(valid.toFile());
                OutputStream os = Files.newOutputStream(out);
                ZipOutputStream zip = new ZipOutputStream(os)) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                byte[] data = edit.apply(e.getName(), in.getInputStream(e).readAllBytes());
                if (data != null) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    zip.write(data);
                    zip.closeEntry();
                }
            }
        }
        return out;
    }

    private static byte[] replace(byte[] data, byte[] from, byte[] to) {
        String s = new String(data, StandardCharsets.ISO_8859_1);
        String f = new String(from, StandardCharsets.ISO_8859_1);
        assertTrue(s.contains(f), "pattern not found in the pickle");
        return s.replace(f, new String(to, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void theValidFileLoads() {
        try (Scope s = Scope.open()) {
            assertEquals(15.0, TorchFiles.loadStateDict(valid).get("x").sum().itemDouble());
        }
    }

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.pt");
        UncheckedIOException e = loadFails(UncheckedIOException.class, missing, "no such file");
        assertInstanceOf(NoSuchFileException.class, e.getCause());
    }

    @Test
    void directoryInsteadOfFile() {
        loadFails(UncheckedIOException.class, dir, "directory");
    }

    @Test
    void emptyFile() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.pt"));
        loadFails(FormatException.class, f, "empty");
    }

    @Test
    void notAZipNorALegacyFile() throws IOException {
        Path f = Files.writeString(dir.resolve("text.pt"), "hello, this is not a model\n");
        loadFails(FormatException.class, f, "not a torch.save file", "neither a zip archive");
    }

    @Test
    void truncatedZip() throws IOException {
        byte[] all = Files.readAllBytes(valid);
        Path f = Files.write(dir.resolve("truncated.pt"), Arrays.copyOf(all, all.length / 2));
        loadFails(FormatException.class, f, "truncated or corrupt zip archive");
    }

    @Test
    void zipWithoutDataPkl() throws IOException {
        Path f = rezip("nopkl.pt", (name, data) -> name.endsWith("data.pkl") ? null : data);
        loadFails(FormatException.class, f, "no archive/data.pkl record");
    }

    @Test
    void zipOfSomethingElse() throws IOException {
        Path f = dir.resolve("other.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new ZipEntry("readme.txt"));
            zip.write("hi".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        loadFails(FormatException.class, f, "not a torch.save file", "readme.txt");
    }

    @Test
    void torchScriptArchive() throws IOException {
        Path f = rezip("script.pt", (name, data) -> data);
        Path g = dir.resolve("script2.pt");
        try (ZipFile in = new ZipFile(f.toFile()); ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(g))) {
            for (ZipEntry e : in.stream().toArray(ZipEntry[]::new)) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(in.getInputStream(e).readAllBytes());
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("archive/constants.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, ')', '.'});
            zip.closeEntry();
        }
        loadFails(FormatException.class, g, "TorchScript");
    }

    @Test
    void corruptPickle() throws IOException {
        Path f = rezip("garbage.pt", (name, data) -> name.endsWith("data.pkl")
                ? new byte[] {(byte) 0x80, 2, '}', (byte) 0xff, 1, 2, 3} : data);
        loadFails(FormatException.class, f, "archive/data.pkl is corrupt", "unknown opcode 0xff", "at byte 3");
    }

    @Test
    void truncatedPickle() throws IOException {
        Path f = rezip("halfpkl.pt", (name, data) -> name.endsWith("data.pkl") ? Arrays.copyOf(data, data.length / 2) : data);
        loadFails(FormatException.class, f, "archive/data.pkl is corrupt", "ends before its STOP opcode");
    }

    @Test
    void pickleWithAnUnknownGlobal() throws IOException {
        Path f = rezip("evil.pt", (name, data) -> name.endsWith("data.pkl")
                ? replace(data, "ccollections\nOrderedDict\n".getBytes(StandardCharsets.US_ASCII),
                        "cos\nsystem\n".getBytes(StandardCharsets.US_ASCII))
                : data);
        loadFails(FormatException.class, f, "Python global 'os.system'", "does not load");
    }

    @Test
    void missingStorageRecord() throws IOException {
        Path f = rezip("nostorage.pt", (name, data) -> name.endsWith("data/0") ? null : data);
        loadFails(FormatException.class, f, "storage record archive/data/0 is missing", "FloatStorage '0'");
    }

    @Test
    void storageRecordShorterThanItsStorage() throws IOException {
        Path f = rezip("short.pt", (name, data) -> name.endsWith("data/0") ? Arrays.copyOf(data, 8) : data);
        loadFails(FormatException.class, f, "archive/data/0 holds 8 bytes", "FloatStorage '0' of 6 elements needs 24");
    }

    @Test
    void storageTooShortForTheTensor() throws IOException {
        // the storage says 4 elements, the tensor on it has size [6] and stride [1]
        Path f = rezip("toosmall.pt", (name, data) -> name.endsWith("data.pkl")
                ? replace(data, new byte[] {'c', 'p', 'u', 'K', 6}, new byte[] {'c', 'p', 'u', 'K', 4})
                : data);
        loadFails(FormatException.class, f, "storage too short", "size [6], stride [1]", "needs 6 elements",
                "FloatStorage '0', which has only 4");
    }

    @Test
    void truncatedLegacyFile() throws IOException {
        byte[] all = Files.readAllBytes(SerializationFixtureTest.fixture("legacy.pt"));
        Path f = Files.write(dir.resolve("legacy_cut.pt"), Arrays.copyOf(all, all.length - 20));
        loadFails(FormatException.class, f, "legacy", "truncated");
    }

    @Test
    void loadStateDictOfSomethingElse() {
        Path f = dir.resolve("list.pt");
        try (Scope s = Scope.open()) {
            TorchFiles.saveObject(List.of(Torch.ones(2), 3L), f);
        }
        long before = settledLiveTensors();
        FormatException e;
        try (Scope s = Scope.open()) {
            e = assertThrowsExactly(FormatException.class, () -> TorchFiles.loadStateDict(f));
        }
        assertEquals(before, settledLiveTensors());
        checkMessage(e, f, "holds a list, not a state dict");

        Path g = dir.resolve("mixed.pt");
        try (Scope s = Scope.open()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("w", Torch.ones(2));
            m.put("epoch", 3L);
            TorchFiles.saveObject(m, g);
            FormatException e2 = assertThrowsExactly(FormatException.class, () -> TorchFiles.loadStateDict(g));
            checkMessage(e2, g, "the value of 'epoch' is an int, not a tensor");
        }
    }

    @Test
    void savingIntoAMissingDirectory() {
        Path f = dir.resolve("no/such/dir/model.pt");
        try (Scope s = Scope.open()) {
            UncheckedIOException e = assertThrowsExactly(UncheckedIOException.class,
                    () -> TorchFiles.save(Map.of("x", Torch.ones(1)), f));
            checkMessage(e, f, "does not exist");
        }
    }
}
