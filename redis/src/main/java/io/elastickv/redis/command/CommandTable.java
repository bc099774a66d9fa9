package io.elastickv.redis.command;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one command table: dispatch and arity errors read it, and so will {@code COMMAND}. Names are matched
 * case-insensitively, as Redis does.
 */
public final class CommandTable {
    private final Map<String, CommandSpec> byName;

    private CommandTable(final Map<String, CommandSpec> byName) {
        this.byName = byName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every command, in registration order (COMMAND lists them). */
    public Collection<CommandSpec> specs() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** The spec for a command name as the client sent it, or null. */
    public CommandSpec lookup(final byte[] name) {
        if (name.length > 64) {
            return null;
        }
        return byName.get(new String(name, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }

    public static final class Builder {
        private final Map<String, CommandSpec> byName = new LinkedHashMap<>();

        public Builder add(final CommandSpec spec) {
            if (byName.putIfAbsent(spec.name(), spec) != null) {
                throw new IllegalArgumentException("command " + spec.name() + " registered twice");
            }
            return this;
        }

        public CommandTable build() {
            return new CommandTable(new LinkedHashMap<>(byName));
        }
    }
}
