package io.elastickv.common.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable set of configuration values keyed by {@link ConfigKey}. Unset keys read as their default.
 * Values are validated when set, so a {@code Config} that exists is valid.
 */
public final class Config {
    private static final Config EMPTY = new Config(Map.of());

    private final Map<String, Object> values;

    private Config(final Map<String, Object> values) {
        this.values = values;
    }

    public static Config defaults() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder(new LinkedHashMap<>());
    }

    public <T> T get(final ConfigKey<T> key) {
        final Object value = values.get(key.name());
        return value == null ? key.defaultValue() : key.type().cast(value);
    }

    /** The explicitly set values, by key name. */
    public Map<String, Object> overrides() {
        return Collections.unmodifiableMap(values);
    }

    public Builder toBuilder() {
        return new Builder(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return "Config" + values;
    }

    public static final class Builder {
        private final Map<String, Object> values;

        private Builder(final Map<String, Object> values) {
            this.values = values;
        }

        public <T> Builder set(final ConfigKey<T> key, final T value) {
            values.put(key.name(), key.validate(Objects.requireNonNull(value, key.name())));
            return this;
        }

        /** Sets a key from its text form (a CLI flag or a properties file). */
        public <T> Builder setText(final ConfigKey<T> key, final String text) {
            values.put(key.name(), key.parse(text));
            return this;
        }

        public Config build() {
            return values.isEmpty() ? EMPTY : new Config(new LinkedHashMap<>(values));
        }
    }
}
