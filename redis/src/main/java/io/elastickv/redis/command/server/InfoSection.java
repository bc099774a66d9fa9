package io.elastickv.redis.command.server;

/** Lines of one INFO section, {@code name:value} each ending in CRLF. */
final class InfoSection {
    private final StringBuilder out;

    InfoSection(final StringBuilder out) {
        this.out = out;
    }

    InfoSection field(final String name, final Object value) {
        out.append(name).append(':').append(value).append("\r\n");
        return this;
    }

    InfoSection line(final String text) {
        out.append(text).append("\r\n");
        return this;
    }
}
