package io.elastickv.store.rocksdb;

import io.elastickv.common.io.Directories;
import io.elastickv.store.StoreException;
import io.elastickv.store.StoreFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.rocksdb.WriteBatch;
import org.rocksdb.RocksDBException;

/**
 * What a store directory holds besides user data: the meta records, and the rules that make replacing the
 * whole directory with a checkpoint crash-safe.
 *
 * <pre>
 *  meta column family
 *  +--------------------+-------------------------------------------------+
 *  | "format_version"   | int32 big-endian: {@link #FORMAT_VERSION}         |
 *  | "applied_index"    | int64 big-endian: last applied log index         |
 *  | "commit_watermark" | int64 big-endian: commit timestamp of that batch |
 *  | "gc_horizon"       | int64 big-endian: reads below it are refused     |
 *  +--------------------+-------------------------------------------------+
 * </pre>
 *
 * <p>Replacing {@code dir} with a checkpoint {@code cp}: rename {@code dir} to {@code dir.replaced}, rename
 * {@code cp} to {@code dir}, delete {@code dir.replaced}. Opening finishes an interrupted replacement: when
 * {@code dir.replaced} exists and {@code dir} does not, the first rename is undone; when both exist, the
 * second rename happened and the old copy is deleted.
 */
final class StoreLayout {
    /** Version of the key, value and meta layout. Bump it whenever any of them changes. */
    static final int FORMAT_VERSION = 1;

    static final byte[] FORMAT_VERSION_KEY = ascii("format_version");
    static final byte[] APPLIED_INDEX_KEY = ascii("applied_index");
    static final byte[] COMMIT_WATERMARK_KEY = ascii("commit_watermark");
    static final byte[] GC_HORIZON_KEY = ascii("gc_horizon");

    private static final String REPLACED_SUFFIX = ".replaced";

    private StoreLayout() {
    }

    static void initializeOrVerify(final RocksInstance instance, final Path directory, final boolean existing) {
        final byte[] stored = instance.getMeta(FORMAT_VERSION_KEY);
        if (stored == null) {
            if (existing) {
                throw new StoreFormatException(directory + " has no format version record; it is not a complete"
                    + " elastickv store");
            }
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(instance.metaFamily(), FORMAT_VERSION_KEY, int32(FORMAT_VERSION));
                batch.put(instance.metaFamily(), APPLIED_INDEX_KEY, int64(0));
                batch.put(instance.metaFamily(), COMMIT_WATERMARK_KEY, int64(0));
                batch.put(instance.metaFamily(), GC_HORIZON_KEY, int64(0));
                instance.write(batch);
            } catch (RocksDBException e) {
                throw new StoreException("cannot initialize " + directory + ": " + e.getMessage(), e);
            }
            instance.flush();
            return;
        }
        final int version = stored.length == 4 ? readInt32(stored) : -1;
        if (version != FORMAT_VERSION) {
            throw new StoreFormatException(directory + " was written in store format version " + version
                + "; this build reads format version " + FORMAT_VERSION
                + (version > FORMAT_VERSION ? " (the directory comes from a newer elastickv)" : ""));
        }
    }

    static long readLongMeta(final RocksInstance instance, final byte[] key) {
        final byte[] value = instance.getMeta(key);
        if (value == null || value.length != 8) {
            throw new StoreFormatException("meta record " + new String(key, StandardCharsets.US_ASCII)
                + " is missing or corrupt");
        }
        return readInt64(value);
    }

    /** Completes or rolls back a checkpoint installation that a crash interrupted. */
    static void recoverInterruptedReplace(final Path directory) {
        final Path replaced = replacedPath(directory);
        if (!Files.exists(replaced)) {
            return;
        }
        try {
            if (Files.exists(directory)) {
                Directories.deleteRecursively(replaced);
            } else {
                Files.move(replaced, directory, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new StoreException("cannot recover interrupted checkpoint install in " + directory, e);
        }
    }

    static Path replacedPath(final Path directory) {
        return directory.resolveSibling(directory.getFileName() + REPLACED_SUFFIX);
    }

    static byte[] int64(final long value) {
        final byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (56 - 8 * i));
        }
        return out;
    }

    private static byte[] int32(final int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    private static long readInt64(final byte[] bytes) {
        long value = 0;
        for (final byte b : bytes) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    private static int readInt32(final byte[] bytes) {
        return (int) readInt64(bytes);
    }

    private static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
