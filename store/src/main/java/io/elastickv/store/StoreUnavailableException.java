package io.elastickv.store;

/** The store is briefly unable to serve (it is being replaced from a checkpoint) or has been closed. */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(final String message) {
        super(message);
    }
}
