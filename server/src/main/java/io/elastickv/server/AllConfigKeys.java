package io.elastickv.server;

import io.elastickv.common.config.ConfigKey;
import io.elastickv.raft.RaftConfigKeys;
import io.elastickv.store.StoreConfigKeys;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Every configuration key of every layer, in the order the command line's help lists them. */
final class AllConfigKeys {
    private AllConfigKeys() {
    }

    static List<ConfigKey<?>> list() {
        final List<ConfigKey<?>> keys = new ArrayList<>();
        for (final Class<?> holder : new Class<?>[] {RaftConfigKeys.class, StoreConfigKeys.class}) {
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
        return keys;
    }
}
