package io.elastickv.server.cli;

/** A command line that cannot be run; its message is printed as one line and the process exits with 2. */
public final class UsageException extends Exception {
    public UsageException(final String message) {
        super(message);
    }
}
