package io.elastickv.store;

/** A storage failure: an I/O or RocksDB error, or a store in a state that cannot serve the call. */
public class StoreException extends RuntimeException {
    public StoreException(final String message) {
        super(message);
    }

    public StoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
