package org.torch4j.serialization;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Storage;
import org.torch4j.DType;
import org.torch4j.Device;
import org.torch4j.Tensor;
import org.torch4j.internal.NativeOps;
import org.torch4j.nn.Parameter;

/**
 * Writes torch.save's zip format as PyTorch does: {@code archive/data.pkl} (pickle protocol 2 with tensors as
 * {@code torch._utils._rebuild_tensor_v2} and parameters as {@code _rebuild_parameter}, storages as persistent
 * ids), {@code archive/byteorder}, one {@code archive/data/<key>} record per storage with its raw
 * little-endian bytes (stored, 64-byte aligned) and {@code archive/version}. Tensors that share a storage are
 * written sharing one record, with their own offsets and strides, so views load as views.
 */
final class TorchWriter extends Pickler {
    private static final String ARCHIVE = "archive/";
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 20;
    // a fixed time, so that equal values give equal files; not 1980-01-01, which the JDK writes with an extra
    // extended-timestamp field that would break the alignment computed below
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    /** One storage to write: the tensor it was first seen through keeps it alive and gives its bytes. */
    private static final class StorageEntry {
        final String key;
        final DType dtype;
        final long numel;
        final Tensor owner;

        StorageEntry(String key, DType dtype, long numel, Tensor owner) {
            this.key = key;
            this.dtype = dtype;
            this.numel = numel;
            this.owner = owner;
        }
    }

    private final Map<Long, StorageEntry> storages = new LinkedHashMap<>();

    private TorchWriter() {}

    static void save(Object value, boolean rootAsOrderedDict, Path path) {
        TorchWriter w = new TorchWriter();
        byte[] pickle = w.dump(value, rootAsOrderedDict);
        w.write(pickle, path);
    }

    // ---------------------------------------------------------------- pickling tensors

    @Override
    protected void saveOther(Object o, String path) {
        if (!(o instanceof Tensor)) {
            super.saveOther(o, path);
            return;
        }
        Tensor t = (Tensor) o;
        if (t.isReleased()) {
            throw new IllegalStateException(path + " is a released tensor");
        }
        if (t instanceof Parameter) {
            // Parameter.__reduce_ex__: _rebuild_parameter(self.data, self.requires_grad, OrderedDict())
            saveGlobal("torch._utils", "_rebuild_parameter");
            saveTensor(t, false, path);
            out.write(t.requiresGrad() ? 0x88 : 0x89);
            saveEmptyOrderedDict();
            out.write(0x87);
            out.write('R');
            putMemo(t);
        } else {
            saveTensor(t, t.requiresGrad(), path);
            putMemo(t);
        }
    }

    /** {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, OrderedDict())}. */
    private void saveTensor(Tensor t, boolean requiresGrad, String path) {
        saveGlobal("torch._utils", "_rebuild_tensor_v2");
        out.write('(');
        StorageEntry s = storageOf(t, path);
        // persistent id ('storage', torch.FloatStorage, key, location, numel)
        out.write('(');
        saveString("storage");
        saveGlobal("torch", StorageKind.of(s.dtype).pyName);
        saveString(s.key);
        saveString(location(t));
        saveLong(s.numel);
        out.write('t');
        out.write('Q');
        saveLong(t.storageOffset());
        saveInts(t.shape().toArray());
        saveInts(t.stride());
        out.write(requiresGrad ? 0x88 : 0x89);
        saveEmptyOrderedDict();
        out.write('t');
        out.write('R');
    }

    private void saveInts(long[] v) {
        if (v.length == 0) {
            out.write(')');
            return;
        }
        if (v.length > 3) {
            out.write('(');
        }
        for (long x : v) {
            saveLong(x);
        }
        out.write(v.length == 1 ? 0x85 : v.length == 2 ? 0x86 : v.length == 3 ? 0x87 : 't');
    }

    private void saveEmptyOrderedDict() {
        saveGlobal("collections", "OrderedDict");
        out.write(')');
        out.write('R');
    }

    private static String location(Tensor t) {
        Device d = t.device();
        return d.isCuda() ? "cuda:" + Math.max(d.index(), 0) : d.spec();
    }

    private StorageEntry storageOf(Tensor t, String path) {
        org.bytedeco.pytorch.Tensor n = t.unwrap();
        if (!NativeOps.value(n::has_storage)) {
            throw new IllegalArgumentException(path + " has no storage (a sparse or meta tensor?): only dense "
                    + "tensors can be saved");
        }
        DType dtype = t.dtype();
        // the StorageImpl's address identifies the storage, as storage._cdata does in PyTorch's writer
        long[] idAndBytes = NativeOps.value(() -> {
            try (Storage st = n.storage()) {
                return new long[] {st.unsafeGetStorageImpl().address(), st.nbytes()};
            }
        });
        long id = idAndBytes[0];
        long nbytes = idAndBytes[1];
        StorageEntry s = storages.get(id);
        if (s == null) {
            s = new StorageEntry(String.valueOf(storages.size()), dtype, nbytes / dtype.itemSize(), t);
            storages.put(id, s);
        } else if (s.dtype != dtype) {
            throw new IllegalArgumentException("cannot save tensors that view the same storage as different dtypes ("
                    + s.dtype + " and " + dtype + " at " + path + "), as PyTorch cannot either");
        }
        return s;
    }

    // ---------------------------------------------------------------- the zip file

    private void write(byte[] pickle, Path path) {
        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UncheckedIOException(path + ": cannot save: directory " + dir + " does not exist",
                    new NoSuchFileException(String.valueOf(dir)));
        }
        Path tmp = null;
        boolean done = false;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                Counting counting = new Counting(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16));
                ZipOutputStream zip = new ZipOutputStream(counting);
                zip.setMethod(ZipOutputStream.STORED);
                record(zip, counting, "data.pkl", pickle);
                record(zip, counting, "byteorder", "little".getBytes(StandardCharsets.US_ASCII));
                List<StorageEntry> sorted = new ArrayList<>(storages.values());
                sorted.sort((a, b) -> a.key.compareTo(b.key)); // PyTorch writes the records in key order
                for (StorageEntry s : sorted) {
                    storageRecord(zip, counting, s);
                }
                record(zip, counting, "version", "3\n".getBytes(StandardCharsets.US_ASCII));
                zip.finish();
                counting.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot save: " + e, e);
        } finally {
            if (!done && tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure matters more
                }
            }
        }
    }

    private void record(ZipOutputStream zip, Counting counting, String name, byte[] data) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(data);
        zip.putNextEntry(entry(counting, name, data.length, crc.getValue()));
        zip.write(data);
        zip.closeEntry();
    }

    private void storageRecord(ZipOutputStream zip, Counting counting, StorageEntry s) throws IOException {
        long nbytes = s.numel * s.dtype.itemSize();
        Tensor cpuCopy = null;
        try {
            Pointer data;
            if (nbytes == 0) {
                data = null;
            } else if (s.owner.device().isCuda()) {
                cpuCopy = s.owner.asStrided(new long[] {s.numel}, new long[] {1}, 0).cpu();
                data = cpuCopy.unwrap().data_ptr();
            } else {
                data = NativeOps.value(() -> {
                    try (Storage st = s.owner.unwrap().storage()) {
                        return st.data();
                    }
                });
            }
            boolean swap = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;
            byte[] chunk = new byte[(int) Math.min(CHUNK, Math.max(nbytes, 1))];
            CRC32 crc = new CRC32();
            forEachChunk(data, nbytes, chunk, swap ? s.dtype.itemSize() : 1, k -> crc.update(chunk, 0, k));
            zip.putNextEntry(entry(counting, "data/" + s.key, nbytes, crc.getValue()));
            IOException[] failure = new IOException[1];
            forEachChunk(data, nbytes, chunk, swap ? s.dtype.itemSize() : 1, k -> {
                if (failure[0] == null) {
                    try {
                        zip.write(chunk, 0, k);
                    } catch (IOException e) {
                        failure[0] = e;
                    }
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            zip.closeEntry();
        } finally {
            if (cpuCopy != null) {
                cpuCopy.close();
            }
        }
    }

    private interface ChunkSink {
        void accept(int length);
    }

    /** Copies the storage's bytes through {@code chunk} in order (little-endian), calling {@code sink} per chunk. */
    private static void forEachChunk(Pointer data, long nbytes, byte[] chunk, int swapWidth, ChunkSink sink) {
        if (nbytes == 0) {
            return;
        }
        BytePointer src = new BytePointer(data);
        for (long off = 0; off < nbytes; ) {
            int k = (int) Math.min(chunk.length, nbytes - off);
            src.position(off).get(chunk, 0, k);
            TorchReader.swapBytes(chunk, k, swapWidth);
            sink.accept(k);
            off += k;
        }
    }

    /** A stored entry whose data starts on a 64-byte boundary, padded with an "FB" extra field as PyTorch does. */
    private static ZipEntry entry(Counting counting, String name, long size, long crc) {
        String full = ARCHIVE + name;
        ZipEntry e = new ZipEntry(full);
        e.setMethod(ZipEntry.STORED);
        e.setTimeLocal(ZIP_TIME);
        e.setSize(size);
        e.setCompressedSize(size);
        e.setCrc(crc);
        long header = 30 + full.getBytes(StandardCharsets.UTF_8).length + (size >= 0xFFFFFFFFL ? 20 : 0);
        int pad = (int) ((ALIGN - (counting.count + header) % ALIGN) % ALIGN);
        if (pad > 0 && pad < 4) {
            pad += ALIGN;
        }
        if (pad > 0) {
            byte[] extra = new byte[pad];
            extra[0] = 'F';
            extra[1] = 'B';
            extra[2] = (byte) ((pad - 4) & 0xff);
            extra[3] = (byte) ((pad - 4) >>> 8);
            e.setExtra(extra);
        }
        return e;
    }

    /** Counts the bytes written through it: the zip entries' offsets. */
    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }

}
