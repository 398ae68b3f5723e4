package org.torch4j.serialization;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.bytedeco.javacpp.BytePointer;
import org.torch4j.DType;
import org.torch4j.Tensor;
import org.torch4j.Torch;
import org.torch4j.internal.NativeOps;

/**
 * Reads torch.save files: the zip format (PyTorch 1.6 and later) and the legacy stream format
 * ({@code _use_new_zipfile_serialization=False}). Reading goes in three steps, so that a bad file fails before
 * anything is returned: the pickle is read into Java values with placeholders for tensors and storages; the
 * placeholders are checked against the storage records (present, long enough for every tensor's size, stride
 * and offset); then each storage is read once into a CPU tensor and every tensor becomes a view of it, so
 * tensors that share a storage in the file share it in Java. Tensors of any saved device are loaded to the CPU
 * (as {@code map_location='cpu'}).
 */
final class TorchReader {
    /** LONG1 value of torch's legacy format magic number. */
    private static final BigInteger LEGACY_MAGIC = new BigInteger("119547037146038801333356");
    private static final long LEGACY_PROTOCOL = 1001;
    private static final int CHUNK = 1 << 20;

    private final Path file;

    private TorchReader(Path file) {
        this.file = file;
    }

    static Object load(Path file) {
        return new TorchReader(file).load();
    }

    private FormatException bad(String problem) {
        return new FormatException(file, problem);
    }

    private Object load() {
        if (Files.isDirectory(file)) {
            throw new UncheckedIOException(file + ": is a directory, not a file",
                    new IOException(file + " is a directory"));
        }
        byte[] head;
        long size;
        try {
            size = Files.size(file);
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(512);
            }
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
        if (size == 0) {
            throw bad("file is empty (0 bytes), not a torch.save file");
        }
        if (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6)) {
            return loadZip();
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5
                || new String(head, StandardCharsets.ISO_8859_1).startsWith("L" + LEGACY_MAGIC + "L\n")) {
            return loadLegacy();
        }
        if (head.length >= 262 && new String(head, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            throw bad("is a tar archive: the tar format of PyTorch before 0.4 is not supported");
        }
        throw bad("not a torch.save file: it is neither a zip archive (PyTorch 1.6 and later) nor a legacy "
                + "torch.save stream (it starts with bytes " + hex(head, 8) + ")");
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String hex(byte[] b, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(n, b.length); i++) {
            s.append(String.format(i == 0 ? "%02x" : " %02x", b[i] & 0xff));
        }
        return s.toString();
    }

    // ---------------------------------------------------------------- zip format

    private Object loadZip() {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw bad("truncated or corrupt zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            if (!entries.hasMoreElements()) {
                throw bad("zip archive is empty: a torch.save file holds data.pkl and its storages");
            }
            String first = entries.nextElement().getName();
            int slash = first.indexOf('/');
            if (slash <= 0) {
                throw bad("zip archive is not a torch.save file: its first record '" + first
                        + "' is not inside an archive folder (torch.save writes <name>/data.pkl)");
            }
            String prefix = first.substring(0, slash + 1);
            ZipEntry pkl = zip.getEntry(prefix + "data.pkl");
            if (pkl == null) {
                throw bad("zip archive has no " + prefix + "data.pkl record: not a torch.save file");
            }
            if (zip.getEntry(prefix + "constants.pkl") != null) {
                throw bad("is a TorchScript archive (torch.jit.save), not a torch.save file: save the "
                        + "model's state_dict() with torch.save instead");
            }
            boolean bigEndian = false;
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            if (order != null) {
                String o = new String(readSmall(zip, order), StandardCharsets.US_ASCII).trim();
                if (o.equals("big")) {
                    bigEndian = true;
                } else if (!o.equals("little")) {
                    throw bad("record " + prefix + "byteorder says '" + o + "', expected 'little' or 'big'");
                }
            }
            TorchUnpickler u;
            Object result;
            try (InputStream in = zip.getInputStream(pkl)) {
                Source src = new Source(new BufferedInputStream(in));
                u = new TorchUnpickler(src, false);
                result = unpickle(u, prefix + "data.pkl");
            }
            // Check every storage record and every tensor's extent before reading any data.
            for (StorageRef s : u.roots()) {
                ZipEntry e = zip.getEntry(prefix + "data/" + s.key);
                if (e == null) {
                    throw bad("storage record " + prefix + "data/" + s.key + " is missing (data.pkl refers to "
                            + s.describe() + ")");
                }
                long needed = s.nbytes();
                if (e.getSize() >= 0 && e.getSize() < needed) {
                    throw bad("storage record " + prefix + "data/" + s.key + " holds " + e.getSize()
                            + " bytes but " + s.describe() + " needs " + needed);
                }
            }
            checkExtents(u);
            final boolean swap = bigEndian != (ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN);
            return materialize(u, result, created -> {
                for (StorageRef s : u.roots()) {
                    String name = prefix + "data/" + s.key;
                    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
                        created.put(s, readStorage(new Source(in), s, swap, "storage record " + name));
                    }
                }
            });
        } catch (ZipException e) {
            throw bad("corrupt zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    private byte[] readSmall(ZipFile zip, ZipEntry e) throws IOException {
        try (InputStream in = zip.getInputStream(e)) {
            return in.readNBytes(256);
        }
    }

    // ---------------------------------------------------------------- legacy format

    private Object loadLegacy() {
        try (InputStream raw = Files.newInputStream(file)) {
            Source src = new Source(new BufferedInputStream(raw, 1 << 16));
            Object magic = unpickle(new TorchUnpickler(src, true), "the magic number pickle");
            if (!LEGACY_MAGIC.equals(magic)) {
                throw bad("not a torch.save file: it starts with a pickle of " + shortRepr(magic)
                        + ", not torch's magic number");
            }
            Object protocol = unpickle(new TorchUnpickler(src, true), "the protocol version pickle");
            if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
                throw bad("legacy torch.save protocol version " + shortRepr(protocol) + " is not supported "
                        + "(expected " + LEGACY_PROTOCOL + ")");
            }
            Object sysInfo = unpickle(new TorchUnpickler(src, true), "the system info pickle");
            if (!(sysInfo instanceof Map)) {
                throw bad("legacy torch.save header is corrupt: system info is a "
                        + Unpickler.typeName(sysInfo) + ", not a dict");
            }
            TorchUnpickler u = new TorchUnpickler(src, true);
            Object result = unpickle(u, "the data pickle");
            Object keys = unpickle(new TorchUnpickler(src, true), "the storage key list");
            if (!(keys instanceof List)) {
                throw bad("legacy torch.save storage key list is " + Unpickler.a(Unpickler.typeName(keys)) + ", not a list");
            }
            Map<String, StorageRef> byKey = new LinkedHashMap<>();
            for (StorageRef s : u.roots()) {
                byKey.put(s.key, s);
            }
            for (StorageRef s : u.roots()) {
                if (!((List<?>) keys).contains(s.key)) {
                    throw bad("storage record '" + s.key + "' is missing from the legacy file (data pickle refers to "
                            + s.describe() + ")");
                }
            }
            checkExtents(u);
            return materialize(u, result, created -> {
                for (Object k : (List<?>) keys) {
                    StorageRef s = byKey.get(String.valueOf(k));
                    long at = src.position();
                    long numel;
                    try {
                        numel = src.readLE(8);
                    } catch (EOFException e) {
                        throw bad("legacy file is truncated: storage '" + k + "' (its header at byte " + at
                                + ") is missing");
                    }
                    if (s == null) {
                        throw bad("legacy file lists storage '" + k + "', which its data pickle never uses");
                    }
                    if (numel != s.numel) {
                        throw bad("legacy storage '" + k + "' at byte " + at + " has " + numel + " elements but "
                                + s.describe() + " needs " + s.numel);
                    }
                    // legacy storages are always little-endian
                    boolean swap = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
                    created.put(s, readStorage(src, s, swap, "legacy storage '" + k + "'"));
                }
            });
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException(file + ": no such file", e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e, e);
        }
    }

    private static String shortRepr(Object o) {
        String s = String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private Object unpickle(TorchUnpickler u, String what) throws IOException {
        try {
            return u.load();
        } catch (Unpickler.PickleException e) {
            throw bad(what + " is corrupt or unsupported: it " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- storages and tensors

    /** Every tensor must lie inside its storage, as PyTorch checks in {@code set_}. */
    private void checkExtents(TorchUnpickler u) {
        for (TensorSpec t : u.tensors) {
            long numel = 1;
            long last = 0;
            for (int i = 0; i < t.size.length; i++) {
                numel = multiply(numel, t.size[i]);
                if (t.size[i] > 0) {
                    last = add(last, multiply(t.size[i] - 1, t.stride[i]));
                }
            }
            if (numel == 0) {
                continue;
            }
            long end = add(t.offset, add(last, 1));
            if (end > t.storage.numel) {
                throw bad("storage too short: a tensor of size " + Arrays.toString(t.size) + ", stride "
                        + Arrays.toString(t.stride) + " and storage offset " + t.offset + " needs " + end
                        + " elements of " + t.storage.kind.pyName + " '" + t.storage.key + "', which has only "
                        + t.storage.numel);
            }
        }
    }

    private long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw bad("a tensor's size or stride overflows 64 bits");
        }
    }

    private long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw bad("a tensor's size, stride or offset overflows 64 bits");
        }
    }

    private interface StorageLoader {
        void loadAll(Map<StorageRef, Tensor> created) throws IOException;
    }

    /**
     * Reads the storages, makes the tensors as views of them and puts them in place of the placeholders. On
     * any failure every tensor made so far is released.
     */
    private Object materialize(TorchUnpickler u, Object result, StorageLoader loader) throws IOException {
        Map<StorageRef, Tensor> storages = new LinkedHashMap<>();
        List<Tensor> made = new ArrayList<>();
        boolean ok = false;
        try {
            loader.loadAll(storages);
            Map<StorageRef, Tensor> missing = new IdentityHashMap<>();
            for (StorageRef s : u.roots()) {
                if (!storages.containsKey(s)) {
                    missing.put(s, null);
                }
            }
            if (!missing.isEmpty()) {
                throw bad("storage " + missing.keySet().iterator().next().describe() + " was never read");
            }
            Map<TensorSpec, Tensor> tensors = new IdentityHashMap<>();
            for (TensorSpec t : u.tensors) {
                Tensor base = storages.get(t.storage.root());
                Tensor view = base.asStrided(t.size, t.stride, t.storage.viewOffset + t.offset);
                made.add(view);
                if (t.requiresGrad) {
                    if (!view.dtype().isFloatingPoint()) {
                        throw bad("a " + view.dtype() + " tensor is marked requires_grad, which only floating "
                                + "point tensors can be");
                    }
                    view.requiresGrad_(true);
                }
                tensors.put(t, view);
            }
            Map<StorageRef, Tensor> bare = new IdentityHashMap<>();
            Object out = resolve(result, tensors, storages, bare, new IdentityHashMap<>());
            made.addAll(bare.values());
            ok = true;
            return out;
        } finally {
            for (Tensor base : storages.values()) {
                base.close();
            }
            if (!ok) {
                for (Tensor t : made) {
                    t.close();
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Object resolve(Object o, Map<TensorSpec, Tensor> tensors, Map<StorageRef, Tensor> storages,
            Map<StorageRef, Tensor> bare, Map<Object, Boolean> seen) {
        if (o instanceof TensorSpec) {
            return tensors.get(o);
        }
        if (o instanceof StorageRef) {
            // a storage saved on its own (torch.save(t.storage())): its elements as a 1-d tensor
            StorageRef s = (StorageRef) o;
            return bare.computeIfAbsent(s, k -> storages.get(s.root()).asStrided(new long[] {s.numel},
                    new long[] {1}, s.viewOffset));
        }
        if (o instanceof Map || o instanceof List || o instanceof Set) {
            if (seen.put(o, Boolean.TRUE) != null) {
                return o;
            }
        }
        if (o instanceof OrderedDict) {
            for (Map.Entry<String, Object> e : ((OrderedDict<Object, Object>) o).attributes().entrySet()) {
                e.setValue(resolve(e.getValue(), tensors, storages, bare, seen));
            }
        }
        if (o instanceof Map) {
            for (Map.Entry<Object, Object> e : ((Map<Object, Object>) o).entrySet()) {
                e.setValue(resolve(e.getValue(), tensors, storages, bare, seen));
            }
        } else if (o instanceof Tuple) {
            Object[] items = ((Tuple) o).items;
            for (int i = 0; i < items.length; i++) {
                items[i] = resolve(items[i], tensors, storages, bare, seen);
            }
        } else if (o instanceof List) {
            List<Object> l = (List<Object>) o;
            for (int i = 0; i < l.size(); i++) {
                l.set(i, resolve(l.get(i), tensors, storages, bare, seen));
            }
        }
        return o;
    }

    /** Reads {@code s.numel} elements from {@code in} straight into a new CPU tensor's memory. */
    private Tensor readStorage(Source in, StorageRef s, boolean swap, String what) throws IOException {
        DType dtype = s.kind.dtype;
        Tensor base = Torch.empty(new long[] {s.numel}, dtype);
        boolean ok = false;
        try {
            long nbytes = s.nbytes();
            if (nbytes > 0) {
                BytePointer dst = new BytePointer(NativeOps.value(() -> base.unwrap().data_ptr()));
                byte[] chunk = new byte[(int) Math.min(CHUNK, nbytes)];
                for (long off = 0; off < nbytes; ) {
                    int k = (int) Math.min(chunk.length, nbytes - off);
                    try {
                        in.readFully(chunk, 0, k);
                    } catch (EOFException e) {
                        throw bad(what + " is truncated: it ends after " + off + " of the " + nbytes + " bytes that "
                                + s.describe() + " needs");
                    }
                    if (swap) {
                        swapBytes(chunk, k, dtype.itemSize());
                    }
                    dst.position(off).put(chunk, 0, k);
                    off += k;
                }
            }
            ok = true;
            return base;
        } finally {
            if (!ok) {
                base.close();
            }
        }
    }

    static void swapBytes(byte[] b, int len, int width) {
        if (width == 1) {
            return;
        }
        for (int i = 0; i + width <= len; i += width) {
            for (int a = i, z = i + width - 1; a < z; a++, z--) {
                byte t = b[a];
                b[a] = b[z];
                b[z] = t;
            }
        }
    }

    // ---------------------------------------------------------------- placeholders

    /** A storage of the file: a record key, its class and element count (legacy views: a slice of a root). */
    static final class StorageRef {
        final String key;
        final StorageKind kind;
        final long numel;
        final StorageRef parent;
        final long viewOffset;

        StorageRef(String key, StorageKind kind, long numel, StorageRef parent, long viewOffset) {
            this.key = key;
            this.kind = kind;
            this.numel = numel;
            this.parent = parent;
            this.viewOffset = viewOffset;
        }

        StorageRef root() {
            return parent == null ? this : parent;
        }

        long nbytes() {
            return numel * kind.dtype.itemSize();
        }

        String describe() {
            return kind.pyName + " '" + key + "' of " + numel + " elements";
        }
    }

    /** A tensor to be made once its storage is read. */
    static final class TensorSpec {
        final StorageRef storage;
        final long offset;
        final long[] size;
        final long[] stride;
        final boolean requiresGrad;

        TensorSpec(StorageRef storage, long offset, long[] size, long[] stride, boolean requiresGrad) {
            this.storage = storage;
            this.offset = offset;
            this.size = size;
            this.stride = stride;
            this.requiresGrad = requiresGrad;
        }
    }

    /** The Python globals a torch.save pickle may name; anything else is refused. */
    enum Global {
        ORDERED_DICT("collections.OrderedDict"),
        REBUILD_TENSOR("torch._utils._rebuild_tensor"),
        REBUILD_TENSOR_V2("torch._utils._rebuild_tensor_v2"),
        REBUILD_PARAMETER("torch._utils._rebuild_parameter"),
        REBUILD_PARAMETER_WITH_STATE("torch._utils._rebuild_parameter_with_state"),
        REBUILD_FROM_TYPE_V2("torch._tensor._rebuild_from_type_v2"),
        TENSOR_TYPE("torch.Tensor"),
        PARAMETER_TYPE("torch.nn.parameter.Parameter"),
        CODECS_ENCODE("_codecs.encode"),
        BYTES("builtins.bytes"),
        BYTEARRAY("builtins.bytearray"),
        SET("builtins.set"),
        FROZENSET("builtins.frozenset"),
        TORCH_SIZE("torch.Size");

        final String pyName;

        Global(String pyName) {
            this.pyName = pyName;
        }

        static Global find(String module, String name) {
            switch (module + "." + name) {
                case "collections.OrderedDict": return ORDERED_DICT;
                case "torch._utils._rebuild_tensor": return REBUILD_TENSOR;
                case "torch._utils._rebuild_tensor_v2": return REBUILD_TENSOR_V2;
                case "torch._utils._rebuild_parameter": return REBUILD_PARAMETER;
                case "torch._utils._rebuild_parameter_with_state": return REBUILD_PARAMETER_WITH_STATE;
                case "torch._tensor._rebuild_from_type_v2": return REBUILD_FROM_TYPE_V2;
                case "torch._tensor.Tensor":
                case "torch.tensor.Tensor":
                case "torch.Tensor": return TENSOR_TYPE;
                case "torch.nn.parameter.Parameter": return PARAMETER_TYPE;
                case "_codecs.encode": return CODECS_ENCODE;
                case "builtins.bytes":
                case "__builtin__.bytes": return BYTES;
                case "builtins.bytearray":
                case "__builtin__.bytearray": return BYTEARRAY;
                case "builtins.set":
                case "__builtin__.set": return SET;
                case "builtins.frozenset":
                case "__builtin__.frozenset": return FROZENSET;
                case "torch.Size": return TORCH_SIZE;
                default: return null;
            }
        }

        @Override
        public String toString() {
            return pyName;
        }
    }

    /** The unpickler for torch.save data: tensors, storages and plain containers only. */
    final class TorchUnpickler extends Unpickler {
        private final boolean legacy;
        private final Map<String, StorageRef> storages = new LinkedHashMap<>();
        final List<TensorSpec> tensors = new ArrayList<>();

        TorchUnpickler(Source in, boolean legacy) {
            super(in);
            this.legacy = legacy;
        }

        /** The storages to read: every root storage the pickle referred to. */
        List<StorageRef> roots() {
            List<StorageRef> out = new ArrayList<>();
            for (StorageRef s : storages.values()) {
                if (s.parent == null) {
                    out.add(s);
                }
            }
            return out;
        }

        @Override
        protected Object findClass(String module, String name) {
            Global g = Global.find(module, name);
            if (g != null) {
                return g;
            }
            // as torch.load does: any global whose name is a storage class is that storage class
            StorageKind k = StorageKind.byName(name);
            if (k != null) {
                return k;
            }
            if (StorageKind.isUnsupportedStorage(name)) {
                throw corrupt("refers to " + module + "." + name + ": complex and quantized tensors are not "
                        + "supported by torch4j");
            }
            throw corrupt("refers to Python global '" + module + "." + name + "', which torch4j does not load "
                    + "(a torch.save file for torch4j holds tensors, storages and plain containers, numbers and "
                    + "strings)");
        }

        @Override
        protected Object call(Object callable, Tuple args) {
            if (!(callable instanceof Global)) {
                throw corrupt("calls " + describe(callable) + ", which torch4j does not support");
            }
            Global g = (Global) callable;
            switch (g) {
                case ORDERED_DICT: {
                    OrderedDict<Object, Object> d = new OrderedDict<>();
                    if (args.size() == 1 && args.get(0) instanceof Map) {
                        d.putAll((Map<?, ?>) args.get(0));
                    } else if (args.size() == 1 && args.get(0) instanceof List) {
                        for (Object pair : (List<?>) args.get(0)) {
                            if (!(pair instanceof List) || ((List<?>) pair).size() != 2) {
                                throw corrupt("builds an OrderedDict from " + Unpickler.a(Unpickler.typeName(pair))
                                        + " instead of a key-value pair");
                            }
                            d.put(((List<?>) pair).get(0), ((List<?>) pair).get(1));
                        }
                    } else if (!args.isEmpty()) {
                        throw corrupt("builds an OrderedDict from " + args.size() + " arguments");
                    }
                    return d;
                }
                case REBUILD_TENSOR:
                    expectArgs(g, args, 4, 4);
                    return rebuildTensor(g, args, false);
                case REBUILD_TENSOR_V2:
                    expectArgs(g, args, 6, 7);
                    return rebuildTensor(g, args, bool(g, args, 4, "requires_grad"));
                case REBUILD_PARAMETER:
                case REBUILD_PARAMETER_WITH_STATE: {
                    expectArgs(g, args, g == Global.REBUILD_PARAMETER ? 3 : 4, g == Global.REBUILD_PARAMETER ? 3 : 4);
                    if (!(args.get(0) instanceof TensorSpec)) {
                        throw corrupt("passes " + Unpickler.a(describe(args.get(0))) + " as a parameter's data to " + g);
                    }
                    TensorSpec data = (TensorSpec) args.get(0);
                    TensorSpec p = new TensorSpec(data.storage, data.offset, data.size, data.stride,
                            bool(g, args, 1, "requires_grad"));
                    tensors.add(p);
                    return p;
                }
                case REBUILD_FROM_TYPE_V2: {
                    expectArgs(g, args, 4, 4);
                    Object type = args.get(1);
                    if (type != Global.TENSOR_TYPE && type != Global.PARAMETER_TYPE) {
                        throw corrupt("rebuilds a tensor of type " + describe(type) + ", which torch4j does not support");
                    }
                    if (!(args.get(2) instanceof Tuple)) {
                        throw corrupt("passes " + Unpickler.a(describe(args.get(2))) + " as the arguments of " + g);
                    }
                    return call(args.get(0), (Tuple) args.get(2));
                }
                case CODECS_ENCODE: {
                    expectArgs(g, args, 1, 2);
                    if (!(args.get(0) instanceof String)) {
                        throw corrupt("encodes " + Unpickler.a(describe(args.get(0))) + " with _codecs.encode");
                    }
                    String enc = args.size() > 1 ? String.valueOf(args.get(1)).toLowerCase(java.util.Locale.ROOT) : "utf-8";
                    switch (enc) {
                        case "latin1":
                        case "latin-1":
                        case "iso-8859-1":
                        case "iso8859-1":
                            return ((String) args.get(0)).getBytes(StandardCharsets.ISO_8859_1);
                        case "utf-8":
                        case "utf8":
                            return ((String) args.get(0)).getBytes(StandardCharsets.UTF_8);
                        case "ascii":
                            return ((String) args.get(0)).getBytes(StandardCharsets.US_ASCII);
                        default:
                            throw corrupt("encodes bytes with codec '" + enc + "', which torch4j does not support");
                    }
                }
                case BYTES:
                case BYTEARRAY:
                    if (args.isEmpty()) {
                        return new byte[0];
                    }
                    if (args.size() == 1 && args.get(0) instanceof byte[]) {
                        return ((byte[]) args.get(0)).clone();
                    }
                    if (args.size() == 2 && args.get(0) instanceof String) {
                        return call(Global.CODECS_ENCODE, args);
                    }
                    throw corrupt("calls " + g + " with arguments torch4j does not support");
                case SET:
                case FROZENSET: {
                    Set<Object> s = new LinkedHashSet<>();
                    if (args.size() == 1 && args.get(0) instanceof java.util.Collection) {
                        s.addAll((java.util.Collection<?>) args.get(0));
                    } else if (!args.isEmpty()) {
                        throw corrupt("calls " + g + " with arguments torch4j does not support");
                    }
                    return g == Global.FROZENSET ? Collections.unmodifiableSet(s) : s;
                }
                case TORCH_SIZE:
                    if (args.isEmpty()) {
                        return Tuple.of();
                    }
                    if (args.size() == 1 && args.get(0) instanceof List) {
                        return new Tuple(((List<?>) args.get(0)).toArray());
                    }
                    throw corrupt("calls torch.Size with arguments torch4j does not support");
                default:
                    throw corrupt("calls " + g + ", which is not callable");
            }
        }

        private void expectArgs(Global g, Tuple args, int min, int max) {
            if (args.size() < min || args.size() > max) {
                throw corrupt("calls " + g + " with " + args.size() + " arguments, expected "
                        + (min == max ? String.valueOf(min) : min + " to " + max));
            }
        }

        private boolean bool(Global g, Tuple args, int i, String what) {
            Object v = args.get(i);
            if (v instanceof Boolean) {
                return (Boolean) v;
            }
            if (v instanceof Long) {
                return (Long) v != 0;
            }
            throw corrupt("passes " + Unpickler.a(describe(v)) + " as " + what + " to " + g);
        }

        private TensorSpec rebuildTensor(Global g, Tuple args, boolean requiresGrad) {
            Object storage = args.get(0);
            if (!(storage instanceof StorageRef)) {
                throw corrupt("passes " + Unpickler.a(describe(storage)) + " instead of a storage to " + g);
            }
            long offset = integer(g, args.get(1), "storage offset");
            long[] size = ints(g, args.get(2), "size");
            long[] stride = ints(g, args.get(3), "stride");
            if (size.length != stride.length) {
                throw corrupt("passes size " + Arrays.toString(size) + " and stride " + Arrays.toString(stride)
                        + " of different lengths to " + g);
            }
            if (offset < 0) {
                throw corrupt("passes a negative storage offset " + offset + " to " + g);
            }
            for (int i = 0; i < size.length; i++) {
                if (size[i] < 0 || stride[i] < 0) {
                    throw corrupt("passes a negative size or stride (size " + Arrays.toString(size) + ", stride "
                            + Arrays.toString(stride) + ") to " + g);
                }
            }
            TensorSpec t = new TensorSpec((StorageRef) storage, offset, size, stride, requiresGrad);
            tensors.add(t);
            return t;
        }

        private long integer(Global g, Object v, String what) {
            if (v instanceof Long) {
                return (Long) v;
            }
            throw corrupt("passes " + Unpickler.a(describe(v)) + " as the " + what + " to " + g);
        }

        private long[] ints(Global g, Object v, String what) {
            if (!(v instanceof List)) {
                throw corrupt("passes " + Unpickler.a(describe(v)) + " as the " + what + " to " + g);
            }
            List<?> l = (List<?>) v;
            long[] out = new long[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = integer(g, l.get(i), what);
            }
            return out;
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Tuple) || ((Tuple) pid).isEmpty()) {
                throw corrupt("has a persistent id " + describe(pid) + " that is not a ('storage', ...) tuple");
            }
            Tuple t = (Tuple) pid;
            Object type = t.get(0) instanceof byte[] ? new String((byte[]) t.get(0), StandardCharsets.US_ASCII) : t.get(0);
            if ("module".equals(type)) {
                throw corrupt("holds a whole nn.Module object (torch.save(model)); torch4j loads state dicts: "
                        + "save model.state_dict() instead");
            }
            if (!"storage".equals(type)) {
                throw corrupt("has a persistent id of unknown type " + describe(type) + " (expected 'storage')");
            }
            int expected = legacy ? 6 : 5;
            if (t.size() != expected) {
                throw corrupt("has a storage id with " + t.size() + " fields, expected " + expected);
            }
            if (!(t.get(1) instanceof StorageKind)) {
                throw corrupt("has a storage id whose class is " + describe(t.get(1)) + ", not a storage class");
            }
            StorageKind kind = (StorageKind) t.get(1);
            String key = String.valueOf(t.get(2) instanceof byte[] ? new String((byte[]) t.get(2), StandardCharsets.US_ASCII) : t.get(2));
            if (!(t.get(4) instanceof Long) || (Long) t.get(4) < 0) {
                throw corrupt("has a storage id whose element count is " + describe(t.get(4)));
            }
            long numel = (Long) t.get(4);
            if (numel > Long.MAX_VALUE / 8) {
                throw corrupt("has a storage id with an impossible element count " + numel);
            }
            StorageRef root = storage(key, kind, numel, null, 0);
            if (legacy && t.get(5) != null) {
                Object v = t.get(5);
                if (!(v instanceof Tuple) || ((Tuple) v).size() != 3 || !(((Tuple) v).get(1) instanceof Long)
                        || !(((Tuple) v).get(2) instanceof Long)) {
                    throw corrupt("has a storage view description " + describe(v) + " that is not (key, offset, size)");
                }
                Tuple view = (Tuple) v;
                long off = (Long) view.get(1);
                long n = (Long) view.get(2);
                if (off < 0 || n < 0 || off + n > numel) {
                    throw corrupt("has a storage view at offset " + off + " of " + n + " elements, outside "
                            + root.describe());
                }
                return storage(String.valueOf(view.get(0)), kind, n, root, off);
            }
            return root;
        }

        private StorageRef storage(String key, StorageKind kind, long numel, StorageRef parent, long offset) {
            StorageRef known = storages.get(key);
            if (known == null) {
                StorageRef s = new StorageRef(key, kind, numel, parent, offset);
                storages.put(key, s);
                return s;
            }
            if (known.kind.dtype != kind.dtype || known.numel != numel) {
                throw corrupt("describes storage '" + key + "' twice, as " + known.describe() + " and as "
                        + kind.pyName + " of " + numel + " elements");
            }
            return known;
        }

        @Override
        protected boolean hashable(Object k) {
            return !(k instanceof TensorSpec) && !(k instanceof StorageRef);
        }

        @Override
        protected void build(Object obj, Object state) {
            if (!(obj instanceof OrderedDict)) {
                throw corrupt("sets object state (BUILD) on " + Unpickler.a(describe(obj)) + ", which torch4j does not support");
            }
            Map<String, Object> attrs = ((OrderedDict<?, ?>) obj).attributes();
            if (state instanceof Tuple && ((Tuple) state).size() == 2) {
                addAttributes(attrs, ((Tuple) state).get(0));
                addAttributes(attrs, ((Tuple) state).get(1));
            } else {
                addAttributes(attrs, state);
            }
        }

        private void addAttributes(Map<String, Object> attrs, Object state) {
            if (state == null) {
                return;
            }
            if (!(state instanceof Map)) {
                throw corrupt("sets " + Unpickler.a(describe(state)) + " as the state of an OrderedDict");
            }
            for (Map.Entry<?, ?> e : ((Map<?, ?>) state).entrySet()) {
                if (!(e.getKey() instanceof String)) {
                    throw corrupt("sets an attribute named by " + Unpickler.a(describe(e.getKey())) + " on an OrderedDict");
                }
                attrs.put((String) e.getKey(), e.getValue());
            }
        }

        private String describe(Object o) {
            if (o instanceof TensorSpec) {
                return "tensor";
            }
            if (o instanceof StorageRef) {
                return "storage";
            }
            if (o instanceof Global || o instanceof StorageKind) {
                return o.toString();
            }
            return Unpickler.typeName(o);
        }
    }
}
