package io.elastickv.raft;

/**
 * A proposal that could not be confirmed. When {@link #isIndeterminate()} the command may still have been
 * (or may yet be) applied; callers must not assume it did not happen.
 */
public final class ProposalException extends RuntimeException {
    private final boolean indeterminate;

    public ProposalException(final String message, final boolean indeterminate, final Throwable cause) {
        super(message, cause);
        this.indeterminate = indeterminate;
    }

    public boolean isIndeterminate() {
        return indeterminate;
    }
}
