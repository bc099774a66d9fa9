package io.elastickv.raft.node;

import io.elastickv.common.config.ConfigKey;
import io.elastickv.raft.RaftConfigKeys;
import io.elastickv.store.StoreConfigKeys;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Every configuration key a node reads (Raft layer, then store), in the order help texts list them; the
 * one place that knows which classes hold keys, for the command line and the benchmarks alike.
 */
public final class NodeConfigKeys {
    private static final List<ConfigKey<?>> ALL = collect(RaftConfigKeys.class, StoreConfigKeys.class);

    private NodeConfigKeys() {
    }

    public static List<ConfigKey<?>> list() {
        return ALL;
    }

    /** The key named {@code name}; fails with the name when there is none. */
    public static ConfigKey<?> find(final String name) {
        for (final ConfigKey<?> key : ALL) {
            if (key.name().equals(name)) {
                return key;
            }
        }
        throw new IllegalArgumentException("unknown setting " + name);
    }

    private static List<ConfigKey<?>> collect(final Class<?>... holders) {
        final List<ConfigKey<?>> keys = new ArrayList<>();
        for (final Class<?> holder : holders) {
            for (final Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && ConfigKey.class.isAssignableFrom(field.getType())) {
                    try {
                        keys.add((ConfigKey<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return List.copyOf(keys);
    }
}
