package io.elastickv.store;

/** A read asked for a timestamp below the GC horizon; the versions it would need may be gone. */
public final class ReadTooOldException extends StoreException {
    public ReadTooOldException(final long readTs, final long horizon) {
        super("readTs=" + readTs + " is below the GC horizon=" + horizon);
    }
}
