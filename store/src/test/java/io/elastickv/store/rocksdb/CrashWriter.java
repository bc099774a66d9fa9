package io.elastickv.store.rocksdb;

import io.elastickv.common.config.Config;
import io.elastickv.store.Durability;
import io.elastickv.store.MutationBatch;
import io.elastickv.store.StoreConfigKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child process of {@link StoreCrashTest}: applies batch after batch forever and prints the index of each
 * acknowledged apply, until the parent kills it with SIGKILL.
 *
 * <p>Batch {@code i} writes {@code counter = i} and {@code slot:(i % SLOTS) = i} padded to
 * {@link #VALUE_BYTES}, so any state the store reopens in can be checked against its applied index.
 */
public final class CrashWriter {
    static final int SLOTS = 50;
    static final int VALUE_BYTES = 2048;

    private CrashWriter() {
    }

    public static void main(final String[] args) {
        final Path directory = Path.of(args[0]);
        final Durability durability = Durability.valueOf(args[1]);
        final Config config = Config.builder()
            .set(StoreConfigKeys.DURABILITY, durability)
            .set(StoreConfigKeys.WRITE_BUFFER_BYTES, 1L << 20)
            .set(StoreConfigKeys.GC_BACKGROUND, false)
            .build();
        final RocksMvccStore store = RocksMvccStore.open(directory, config);
        for (long i = store.appliedIndex() + 1; ; i++) {
            store.apply(batch(i), timestamp(i), i);
            System.out.println("applied " + i);
            System.out.flush();
        }
    }

    static MutationBatch batch(final long index) {
        return MutationBatch.builder()
            .put(ascii("counter"), ascii(Long.toString(index)))
            .put(slotKey(index % SLOTS), slotValue(index))
            .build();
    }

    static long timestamp(final long index) {
        return 1_000_000 + index;
    }

    static byte[] slotKey(final long slot) {
        return ascii("slot:" + slot);
    }

    static byte[] slotValue(final long index) {
        final byte[] value = Arrays.copyOf(ascii(Long.toString(index)), VALUE_BYTES);
        Arrays.fill(value, Long.toString(index).length(), VALUE_BYTES, (byte) '.');
        return value;
    }

    static byte[] ascii(final String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
