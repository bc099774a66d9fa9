package io.elastickv.store;

/** The directory holds no elastickv store, or one written in a format this build does not read. */
public final class StoreFormatException extends StoreException {
    public StoreFormatException(final String message) {
        super(message);
    }
}
