package io.elastickv.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfigTest {
    private enum Mode { FAST, SAFE_MODE }

    private static final ConfigKey<Long> SIZE = ConfigKey.ofLong("test.size", 10, 1, 100, "a size");
    private static final ConfigKey<Mode> MODE = ConfigKey.ofEnum("test.mode", Mode.class, Mode.FAST, "a mode");
    private static final ConfigKey<Boolean> FLAG = ConfigKey.ofBoolean("test.flag", false, "a flag");

    @Test
    void unsetKeysReadAsTheirDefault() {
        assertEquals(10L, Config.defaults().get(SIZE));
        assertEquals(Mode.FAST, Config.defaults().get(MODE));
    }

    @Test
    void valuesParseFromTextAndOverrideDefaults() {
        final Config config = Config.builder().setText(SIZE, " 42 ").setText(MODE, "safe-mode")
            .setText(FLAG, "yes").build();
        assertEquals(42L, config.get(SIZE));
        assertEquals(Mode.SAFE_MODE, config.get(MODE));
        assertTrue(config.get(FLAG));
    }

    @Test
    void outOfRangeValueFailsWithNameAndValue() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Config.builder().set(SIZE, 101L));
        assertEquals("test.size=101 must be in [1, 100]", e.getMessage());
    }

    @Test
    void unparsableTextFailsWithNameAndText() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> Config.builder().setText(MODE, "turbo"));
        assertTrue(e.getMessage().startsWith("test.mode=turbo is not a valid Mode"), e.getMessage());
    }

    @Test
    void invalidDefaultIsRejectedAtDeclaration() {
        assertThrows(IllegalArgumentException.class, () -> ConfigKey.ofInt("test.bad", 0, 1, 5, "bad default"));
    }
}
