package io.elastickv.redis.command;

import io.elastickv.common.Checks;
import io.elastickv.redis.resp.RespWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The handler of a container command (CLIENT, CONFIG, COMMAND ...). Its subcommands are rows of their own,
 * named as Redis names them ({@code client|list}), with their own arity and flags: the dispatcher checks and
 * counts them like commands, and COMMAND INFO lists them under the container.
 */
public final class Subcommands implements LocalHandler {
    private final String container;
    private final LocalHandler alone;
    private final Map<String, CommandSpec> byName;

    private Subcommands(final String container, final LocalHandler alone, final Map<String, CommandSpec> byName) {
        this.container = container;
        this.alone = alone;
        this.byName = byName;
    }

    /** Subcommands of {@code container}, which needs a subcommand (its arity should then be -2). */
    public static Builder of(final String container) {
        return new Builder(container, null);
    }

    /** Subcommands of {@code container}, which {@code alone} answers when given none (COMMAND). */
    public static Builder of(final String container, final LocalHandler alone) {
        return new Builder(container, Checks.requireNonNull("alone", alone));
    }

    public Collection<CommandSpec> specs() {
        return Collections.unmodifiableCollection(byName.values());
    }

    /** The subcommand {@code args} name (their second argument), or null when none or unknown. */
    public CommandSpec lookup(final List<byte[]> args) {
        if (args.size() < 2 || args.get(1).length > 64) {
            return null;
        }
        return byName.get(new String(args.get(1), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }

    /**
     * Why {@code args} cannot run (an unknown subcommand, or the wrong number of arguments for the one they
     * name), in Redis's words; null when they can.
     */
    public String rejection(final List<byte[]> args) {
        if (args.size() < 2) {
            return null;
        }
        final CommandSpec sub = lookup(args);
        if (sub == null) {
            final byte[] given = args.get(1);
            final String shown = new String(given, 0, Math.min(given.length, 128), StandardCharsets.ISO_8859_1);
            return "ERR unknown subcommand '" + shown + "'. Try "
                + new String(args.get(0), StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT) + " HELP.";
        }
        return sub.acceptsArgumentCount(args.size()) ? null : wrongArity(sub.name());
    }

    /** Redis's arity error for command {@code name} ({@code "get"}, {@code "client|list"}). */
    public static String wrongArity(final String name) {
        return "ERR wrong number of arguments for '" + name + "' command";
    }

    @Override
    public void execute(final Connection connection, final List<byte[]> args, final RespWriter out) {
        if (args.size() < 2) {
            alone.execute(connection, args, out);
            return;
        }
        final String rejection = rejection(args);
        if (rejection != null) {
            out.error(rejection);
            return;
        }
        ((LocalHandler) lookup(args).handler()).execute(connection, args, out);
    }

    @Override
    public String toString() {
        return container + " " + byName.keySet();
    }

    public static final class Builder {
        private final String container;
        private final LocalHandler alone;
        private final Map<String, CommandSpec> byName = new LinkedHashMap<>();

        private Builder(final String container, final LocalHandler alone) {
            this.container = Checks.requireNonNull("container", container);
            this.alone = alone;
        }

        /** Adds {@code container|name}; {@code arity} counts the container's name and the subcommand's. */
        public Builder add(final String name, final int arity, final Set<CommandSpec.Flag> flags,
                           final LocalHandler handler) {
            final CommandSpec spec = CommandSpec.local(container + "|" + name, arity, flags, handler);
            if (byName.putIfAbsent(name, spec) != null) {
                throw new IllegalArgumentException("subcommand " + spec.name() + " registered twice");
            }
            return this;
        }

        public Subcommands build() {
            return new Subcommands(container, alone, new LinkedHashMap<>(byName));
        }
    }
}
