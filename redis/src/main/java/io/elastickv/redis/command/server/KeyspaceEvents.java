package io.elastickv.redis.command.server;

/**
 * The {@code notify-keyspace-events} classes, parsed and printed as Redis does: {@code A} stands for every
 * class but {@code m} and {@code n}, and the printed form lists classes in a fixed order.
 */
final class KeyspaceEvents {
    /** The classes {@code A} stands for, in the order they are printed. */
    private static final String ALL = "g$lshzxetd";
    private static final String INVALID = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

    private KeyspaceEvents() {
    }

    /** The canonical form of {@code classes}; throws with Redis's reason when a character is unknown. */
    static String normalize(final String classes) throws ServerConfig.Invalid {
        final StringBuilder set = new StringBuilder();
        for (int i = 0; i < classes.length(); i++) {
            final char c = classes.charAt(i);
            if (c == 'A') {
                set.append(ALL);
            } else if ((ALL + "KEmn").indexOf(c) >= 0) {
                set.append(c);
            } else {
                throw new ServerConfig.Invalid(INVALID);
            }
        }
        final String given = set.toString();
        final StringBuilder out = new StringBuilder();
        if (ALL.chars().allMatch(c -> given.indexOf(c) >= 0)) {
            out.append('A');
        } else {
            for (final char c : "g$lshzxetdn".toCharArray()) {
                if (given.indexOf(c) >= 0) {
                    out.append(c);
                }
            }
        }
        for (final char c : "KEm".toCharArray()) {
            if (given.indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
