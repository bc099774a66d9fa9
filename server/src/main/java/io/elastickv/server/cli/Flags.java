package io.elastickv.server.cli;

import io.elastickv.common.config.Config;
import io.elastickv.common.config.ConfigKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code --name value}, {@code --name=value} and {@code --switch} arguments against a declared list
 * of flags, plus {@code --<config.key>=value} for any configuration key (for example
 * {@code --raft.election-timeout-min-ms=300}). Anything else is a {@link UsageException}.
 */
public final class Flags {
    /** A declared flag; {@code valueName == null} makes it a switch that takes no value. */
    public record Flag(String name, String valueName, String defaultValue, String help) {
        boolean isSwitch() {
            return valueName == null;
        }
    }

    private final Map<String, String> values;
    private final List<String> positional;
    private final Config config;

    private Flags(final Map<String, String> values, final List<String> positional, final Config config) {
        this.values = values;
        this.positional = positional;
        this.config = config;
    }

    public static Flags parse(final String[] args, final List<Flag> declared, final List<ConfigKey<?>> keys)
        throws UsageException {
        final Map<String, Flag> byName = new LinkedHashMap<>();
        declared.forEach(f -> byName.put(f.name(), f));
        final Map<String, ConfigKey<?>> keysByName = new LinkedHashMap<>();
        keys.forEach(k -> keysByName.put(k.name(), k));
        final Map<String, String> values = new LinkedHashMap<>();
        final List<String> positional = new ArrayList<>();
        final Config.Builder config = Config.builder();
        for (int i = 0; i < args.length; i++) {
            final String arg = args[i];
            if (!arg.startsWith("--")) {
                positional.add(arg);
                continue;
            }
            final int eq = arg.indexOf('=');
            final String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            String value = eq < 0 ? null : arg.substring(eq + 1);
            final ConfigKey<?> key = keysByName.get(name);
            if (key != null) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                try {
                    config.setText(key, value);
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
                continue;
            }
            final Flag flag = byName.get(name);
            if (flag == null) {
                throw new UsageException("unknown flag --" + name + " (see --help)");
            }
            if (flag.isSwitch()) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                values.put(name, "true");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                    throw new UsageException("--" + name + " needs a value: --" + name + " <" + flag.valueName() + ">");
                }
                value = args[++i];
            }
            values.put(name, value);
        }
        declared.forEach(f -> {
            if (f.defaultValue() != null) {
                values.putIfAbsent(f.name(), f.defaultValue());
            }
        });
        return new Flags(values, positional, config.build());
    }

    public String get(final String name) {
        return values.get(name);
    }

    public boolean has(final String name) {
        return values.containsKey(name);
    }

    public List<String> positional() {
        return positional;
    }

    /** Values given for configuration keys. */
    public Config config() {
        return config;
    }

    public static String help(final String usage, final String summary, final List<Flag> declared,
                              final List<ConfigKey<?>> keys) {
        final StringBuilder out = new StringBuilder();
        out.append("usage: ").append(usage).append("\n\n").append(summary).append("\n\nflags:\n");
        for (final Flag flag : declared) {
            final String left = "  --" + flag.name() + (flag.isSwitch() ? "" : " <" + flag.valueName() + ">");
            out.append(String.format("%-36s %s%s%n", left, flag.help(),
                flag.defaultValue() == null ? "" : " (default: " + flag.defaultValue() + ")"));
        }
        if (!keys.isEmpty()) {
            out.append("\nsettings (--<key>=<value>):\n");
            for (final ConfigKey<?> key : keys) {
                out.append(String.format("  %-40s %s (default: %s)%n", key.name(), key.description(),
                    key.defaultValue()));
            }
        }
        return out.toString();
    }
}
