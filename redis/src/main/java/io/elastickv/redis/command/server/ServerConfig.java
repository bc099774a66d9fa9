package io.elastickv.redis.command.server;

import io.elastickv.redis.command.GlobPattern;
import io.elastickv.redis.keyspace.Keyspace;
import io.elastickv.redis.keyspace.RedisException;
import io.elastickv.redis.resp.StrictNumbers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters CONFIG GET and CONFIG SET know, with Redis's names, defaults, validation and error texts.
 *
 * <p>Enforced here: {@code requirepass}, {@code maxclients}, {@code timeout}, {@code proto-max-bulk-len}
 * (for new connections), {@code slowlog-*}, {@code latency-monitor-threshold}. The others are accepted,
 * validated and reported so that tools which set them work, but have no effect: memory is not evicted
 * ({@code maxmemory}), and persistence is the replicated log, always on ({@code save}, {@code appendonly}).
 * {@code bind}, {@code port} and {@code databases} describe the listener and cannot change while it runs.
 */
public final class ServerConfig {
    private static final String NO_SUCH_PARAMETER = "ERR Unknown option or number of arguments for CONFIG SET - '";

    private final Map<String, Parameter> byName = new HashMap<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private volatile Map<Parameter, String> values;
    private volatile byte[] password;
    private volatile long slowlogSlowerThanMicros;
    private volatile long slowlogMaxLength;
    private volatile long latencyThresholdMs;
    private volatile long maxClients;
    private volatile long idleTimeoutSeconds;
    private volatile long maxBulkLength;
    private volatile long[] normalOutputLimits;

    /** One parameter: its names and how a value given to CONFIG SET becomes the value CONFIG GET shows. */
    private record Parameter(String name, List<String> aliases, String defaultValue, Normalizer normalizer) {
        boolean immutable() {
            return normalizer == null;
        }
    }

    /** Validates a new value against the current one; throws {@link Invalid} with Redis's reason. */
    @FunctionalInterface
    private interface Normalizer {
        String normalize(String value, String current) throws Invalid;
    }

    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(final String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The configuration of a listener on {@code bind:port}, with {@code requirepass} (empty: no password)
     * as its initial password.
     */
    public ServerConfig(final String bind, final int port, final String requirepass) {
        immutable("bind", bind);
        immutable("port", Integer.toString(port));
        immutable("databases", Integer.toString(Keyspace.DATABASES));
        immutable("daemonize", "no");
        immutable("cluster-enabled", "no");
        define("requirepass", requirepass, (value, current) -> value);
        define("maxclients", "10000", integer(1, 4_294_967_295L));
        define("timeout", "0", integer(0, Integer.MAX_VALUE));
        define("tcp-keepalive", "300", integer(0, Integer.MAX_VALUE));
        define("maxmemory", "0", memory(0));
        define("maxmemory-policy", "noeviction", oneOf("volatile-lru", "volatile-lfu", "volatile-random",
            "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"));
        define("maxmemory-samples", "5", integer(1, 64));
        define("save", "", ServerConfig::savePoints);
        define("appendonly", "no", ServerConfig::yesNo);
        define("appendfsync", "everysec", oneOf("always", "everysec", "no"));
        define("proto-max-bulk-len", "536870912", memory(1024 * 1024));
        define("client-output-buffer-limit", "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
            ServerConfig::bufferLimits);
        define("notify-keyspace-events", "", (value, current) -> KeyspaceEvents.normalize(value));
        define("hz", "10", (value, current) -> Long.toString(
            Math.min(500, Math.max(1, Long.parseLong(integer(0, Integer.MAX_VALUE).normalize(value, current))))));
        define("slowlog-log-slower-than", "10000", integer(-1, Long.MAX_VALUE));
        define("slowlog-max-len", "128", integer(0, Long.MAX_VALUE));
        define("latency-monitor-threshold", "0", integer(0, Long.MAX_VALUE));
        define("loglevel", "notice", oneOf("debug", "verbose", "notice", "warning"));
        define("busy-reply-threshold", List.of("lua-time-limit"), "5000", integer(0, Long.MAX_VALUE));
        final Map<Parameter, String> initial = new LinkedHashMap<>();
        parameters.forEach(p -> initial.put(p, p.defaultValue()));
        apply(initial);
    }

    /** The value CONFIG GET shows for {@code name} (a canonical name or alias). */
    public String get(final String name) {
        final Parameter parameter = byName.get(name.toLowerCase(Locale.ROOT));
        if (parameter == null) {
            throw new IllegalArgumentException("name=" + name + " is not a configuration parameter");
        }
        return values.get(parameter);
    }

    /** True when clients must authenticate: {@code requirepass} is set. */
    public boolean passwordRequired() {
        return password != null;
    }

    /** Whether {@code candidate} is the password; compared in constant time. False when none is set. */
    public boolean passwordMatches(final byte[] candidate) {
        final byte[] expected = password;
        return expected != null && java.security.MessageDigest.isEqual(expected, candidate);
    }

    public long slowlogSlowerThanMicros() {
        return slowlogSlowerThanMicros;
    }

    public long slowlogMaxLength() {
        return slowlogMaxLength;
    }

    public long latencyThresholdMs() {
        return latencyThresholdMs;
    }

    public long maxClients() {
        return maxClients;
    }

    /** Seconds a client may stay idle before it is closed; 0 for never. */
    public long idleTimeoutSeconds() {
        return idleTimeoutSeconds;
    }

    public long maxBulkLength() {
        return maxBulkLength;
    }

    /**
     * CONFIG GET: the parameters any of {@code patterns} matches (glob, case-insensitive), each once, as
     * name-value pairs. A pattern without glob characters names one parameter and is echoed as given.
     */
    public Map<String, String> matching(final List<byte[]> patterns) {
        final Map<Parameter, String> current = values;
        final Map<String, String> found = new LinkedHashMap<>();
        for (final byte[] pattern : patterns) {
            final String text = new String(pattern, StandardCharsets.ISO_8859_1);
            final GlobPattern glob = GlobPattern.ofIgnoringCase(pattern);
            if (!glob.hasWildcards()) {
                final Parameter parameter = byName.get(text.toLowerCase(Locale.ROOT));
                if (parameter != null) {
                    found.putIfAbsent(text, current.get(parameter));
                }
                continue;
            }
            for (final Parameter parameter : parameters) {
                final List<String> names = new ArrayList<>(parameter.aliases());
                names.add(0, parameter.name());
                for (final String name : names) {
                    if (glob.matches(name.getBytes(StandardCharsets.ISO_8859_1))) {
                        found.putIfAbsent(name, current.get(parameter));
                    }
                }
            }
        }
        return found;
    }

    /** CONFIG SET with {@code pairs} (name, value, ...): all applied, or none and a RedisException. */
    public synchronized void set(final List<byte[]> pairs) {
        final Map<Parameter, String> next = new LinkedHashMap<>(values);
        final Map<Parameter, String> given = new LinkedHashMap<>();
        String unknown = null;
        String problem = null;
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            final String typed = new String(pairs.get(i), StandardCharsets.ISO_8859_1);
            final Parameter parameter = byName.get(typed.toLowerCase(Locale.ROOT));
            if (parameter == null) {
                unknown = unknown == null && problem == null ? typed : unknown;
            } else if (unknown == null && problem == null) {
                if (parameter.immutable()) {
                    problem = failure(typed, "can't set immutable config");
                } else if (given.containsKey(parameter)) {
                    problem = failure(typed, "duplicate parameter");
                }
                given.put(parameter, new String(pairs.get(i + 1), StandardCharsets.ISO_8859_1));
            }
        }
        if (unknown != null) {
            throw new RedisException(NO_SUCH_PARAMETER + unknown + "'");
        }
        if (problem != null) {
            throw new RedisException(problem);
        }
        for (final Map.Entry<Parameter, String> change : given.entrySet()) {
            final Parameter parameter = change.getKey();
            try {
                next.put(parameter, parameter.normalizer().normalize(change.getValue(), next.get(parameter)));
            } catch (Invalid e) {
                throw new RedisException(failure(parameter.name(), e.getMessage()));
            }
        }
        apply(next);
    }

    private static String failure(final String name, final String reason) {
        return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason;
    }

    private void apply(final Map<Parameter, String> next) {
        values = Map.copyOf(next);
        final String pass = get("requirepass");
        password = pass.isEmpty() ? null : pass.getBytes(StandardCharsets.ISO_8859_1);
        slowlogSlowerThanMicros = Long.parseLong(get("slowlog-log-slower-than"));
        slowlogMaxLength = Long.parseLong(get("slowlog-max-len"));
        latencyThresholdMs = Long.parseLong(get("latency-monitor-threshold"));
        maxClients = Long.parseLong(get("maxclients"));
        idleTimeoutSeconds = Long.parseLong(get("timeout"));
        maxBulkLength = Long.parseLong(get("proto-max-bulk-len"));
        normalOutputLimits = outputLimits(get("client-output-buffer-limit"), "normal");
    }

    /**
     * The output buffer limits of ordinary clients, {@code client-output-buffer-limit normal hard soft
     * seconds}: {hard bytes, soft bytes, soft seconds}; 0 bytes means no limit.
     */
    public long[] normalOutputLimits() {
        return normalOutputLimits.clone();
    }

    private static long[] outputLimits(final String normalized, final String kind) {
        final String[] parts = normalized.split(" ");
        for (int i = 0; i + 3 < parts.length; i += 4) {
            if (parts[i].equals(kind)) {
                return new long[] {Long.parseLong(parts[i + 1]), Long.parseLong(parts[i + 2]),
                    Long.parseLong(parts[i + 3])};
            }
        }
        return new long[3];
    }

    private void immutable(final String name, final String value) {
        define(name, List.of(), value, null);
    }

    private void define(final String name, final String defaultValue, final Normalizer normalizer) {
        define(name, List.of(), defaultValue, normalizer);
    }

    private void define(final String name, final List<String> aliases, final String defaultValue,
                        final Normalizer normalizer) {
        final Parameter parameter = new Parameter(name, aliases, defaultValue, normalizer);
        parameters.add(parameter);
        byName.put(name, parameter);
        aliases.forEach(alias -> byName.put(alias, parameter));
    }

    private static String yesNo(final String value, final String current) throws Invalid {
        final String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.equals("yes") && !lower.equals("no")) {
            throw new Invalid("argument must be 'yes' or 'no'");
        }
        return lower;
    }

    private static Normalizer integer(final long min, final long max) {
        return (value, current) -> {
            final long parsed = StrictNumbers.parseLong(value.getBytes(StandardCharsets.ISO_8859_1));
            if (parsed == StrictNumbers.INVALID) {
                throw new Invalid("argument couldn't be parsed into an integer");
            }
            return inRange(parsed, min, max);
        };
    }

    private static Normalizer memory(final long min) {
        return (value, current) -> {
            final long bytes = memoryValue(value);
            if (bytes < 0) {
                throw new Invalid("argument must be a memory value");
            }
            return inRange(bytes, min, Long.MAX_VALUE);
        };
    }

    private static String inRange(final long value, final long min, final long max) throws Invalid {
        if (value < min || value > max) {
            throw new Invalid("argument must be between " + min + " and " + max + " inclusive");
        }
        return Long.toString(value);
    }

    /** Redis's memory values: digits and an optional unit (k, kb, m, mb, g, gb; any case). -1 if invalid. */
    static long memoryValue(final String text) {
        final String lower = text.toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < lower.length() && Character.isDigit(lower.charAt(end))) {
            end++;
        }
        final long unit = switch (lower.substring(end)) {
            case "", "b" -> 1;
            case "k" -> 1000;
            case "kb" -> 1024;
            case "m" -> 1000 * 1000;
            case "mb" -> 1024 * 1024;
            case "g" -> 1000L * 1000 * 1000;
            case "gb" -> 1024L * 1024 * 1024;
            default -> -1;
        };
        if (end == 0 || end > 18 || unit < 0) {
            return -1;
        }
        final long number = Long.parseLong(lower.substring(0, end));
        return number > Long.MAX_VALUE / unit ? -1 : number * unit;
    }

    private static Normalizer oneOf(final String... allowed) {
        return (value, current) -> {
            final String lower = value.toLowerCase(Locale.ROOT);
            for (final String candidate : allowed) {
                if (candidate.equals(lower)) {
                    return candidate;
                }
            }
            throw new Invalid("argument(s) must be one of the following: " + String.join(", ", allowed));
        };
    }

    /** {@code save}: "seconds changes" pairs separated by single spaces (seconds at least 1), or empty. */
    private static String savePoints(final String value, final String current) throws Invalid {
        if (value.isEmpty()) {
            return "";
        }
        final String[] parts = value.split(" ", -1);
        if (parts.length % 2 != 0) {
            throw new Invalid("Invalid save parameters");
        }
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            final long number = leadingLong(parts[i]);
            if (number < (i % 2 == 0 ? 1 : 0)) {
                throw new Invalid("Invalid save parameters");
            }
            out.append(i == 0 ? "" : " ").append(number);
        }
        return out.toString();
    }

    /** C's strtoll over a whole token: an empty token is 0, anything unparsable is -1. */
    private static long leadingLong(final String token) {
        if (token.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code client-output-buffer-limit}: groups of "class hard soft seconds" over the current limits. */
    private static String bufferLimits(final String value, final String current) throws Invalid {
        final Map<String, String> limits = new LinkedHashMap<>();
        final String[] old = current.split(" ");
        for (int i = 0; i + 3 < old.length; i += 4) {
            limits.put(old[i], old[i + 1] + " " + old[i + 2] + " " + old[i + 3]);
        }
        final String[] parts = value.isEmpty() ? new String[0] : value.split(" ", -1);
        if (parts.length % 4 != 0) {
            throw new Invalid("Wrong number of arguments in buffer limit configuration.");
        }
        for (int i = 0; i < parts.length; i += 4) {
            final String kind = switch (parts[i].toLowerCase(Locale.ROOT)) {
                case "normal" -> "normal";
                case "slave", "replica" -> "slave";
                case "pubsub" -> "pubsub";
                default -> throw new Invalid("Invalid client class specified in buffer limit configuration.");
            };
            final long hard = memoryValue(parts[i + 1]);
            final long soft = memoryValue(parts[i + 2]);
            final long seconds;
            try {
                seconds = Long.parseLong(parts[i + 3]);
            } catch (NumberFormatException e) {
                throw new Invalid("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            if (hard < 0 || soft < 0 || seconds < 0) {
                throw new Invalid("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
            }
            limits.put(kind, hard + " " + soft + " " + seconds);
        }
        final StringBuilder out = new StringBuilder();
        limits.forEach((kind, limit) -> out.append(out.length() == 0 ? "" : " ").append(kind).append(' ')
            .append(limit));
        return out.toString();
    }
}
