package io.elastickv.common.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One typed configuration key: its name, its default, how its text form parses and what values are valid.
 * Modules declare their keys as constants in a {@code *ConfigKeys} class, so every knob, its default and its
 * limits are readable in one place, and a bad value fails at start-up with the key's name in the message.
 *
 * @param <T> the value type
 */
public final class ConfigKey<T> {
    /** Checks a parsed value; returns {@code null} when valid, otherwise why it is not. */
    @FunctionalInterface
    public interface Validator<T> {
        String problem(T value);
    }

    private final String name;
    private final Class<T> type;
    private final T defaultValue;
    private final Function<String, T> parser;
    private final Validator<T> validator;
    private final String description;

    private ConfigKey(final String name, final Class<T> type, final T defaultValue,
                      final Function<String, T> parser, final Validator<T> validator, final String description) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.description = Objects.requireNonNull(description, "description");
        this.defaultValue = validate(Objects.requireNonNull(defaultValue, "defaultValue"));
    }

    public static ConfigKey<Long> ofLong(final String name, final long defaultValue, final long min, final long max,
                                         final String description) {
        return new ConfigKey<>(name, Long.class, defaultValue, text -> Long.parseLong(text.trim()),
            value -> value < min || value > max ? "must be in [" + min + ", " + max + "]" : null, description);
    }

    public static ConfigKey<Integer> ofInt(final String name, final int defaultValue, final int min, final int max,
                                           final String description) {
        return new ConfigKey<>(name, Integer.class, defaultValue, text -> Integer.parseInt(text.trim()),
            value -> value < min || value > max ? "must be in [" + min + ", " + max + "]" : null, description);
    }

    public static ConfigKey<Boolean> ofBoolean(final String name, final boolean defaultValue,
                                               final String description) {
        return new ConfigKey<>(name, Boolean.class, defaultValue, ConfigKey::parseBoolean, value -> null,
            description);
    }

    public static <E extends Enum<E>> ConfigKey<E> ofEnum(final String name, final Class<E> type,
                                                          final E defaultValue, final String description) {
        return new ConfigKey<>(name, type, defaultValue, text -> parseEnum(type, text), value -> null, description);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Parses and validates the text form, failing with {@code name=text} and the reason. */
    public T parse(final String text) {
        final T value;
        try {
            value = parser.apply(Objects.requireNonNull(text, name));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + "=" + text + " is not a valid " + type.getSimpleName(), e);
        }
        return validate(value);
    }

    /** Returns {@code value} when valid, otherwise fails with {@code name=value} and the reason. */
    public T validate(final T value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(name + "=" + value + " is not a " + type.getSimpleName());
        }
        final String problem = validator.problem(value);
        if (problem != null) {
            throw new IllegalArgumentException(name + "=" + value + " " + problem);
        }
        return value;
    }

    @Override
    public String toString() {
        return name;
    }

    private static Boolean parseBoolean(final String text) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true":
            case "yes":
            case "1":
                return Boolean.TRUE;
            case "false":
            case "no":
            case "0":
                return Boolean.FALSE;
            default:
                throw new IllegalArgumentException("not a boolean: " + text);
        }
    }

    private static <E extends Enum<E>> E parseEnum(final Class<E> type, final String text) {
        final String wanted = text.trim().replace('-', '_');
        for (final E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("not one of " + java.util.Arrays.toString(type.getEnumConstants()));
    }
}
