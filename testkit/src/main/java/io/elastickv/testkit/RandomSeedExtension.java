package io.elastickv.testkit;

import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * Gives a test method a {@link Random} whose seed is printed when the test fails, so a randomized failure
 * can be replayed exactly with {@code -Dtest.seed=<seed>}. Without that property each run draws a new seed,
 * which is what lets randomized tests find new cases over time.
 *
 * <pre>{@code
 * @ExtendWith(RandomSeedExtension.class)
 * class MyTest {
 *     @Test void roundTrip(Random random) { ... }
 * }
 * }</pre>
 */
public final class RandomSeedExtension implements ParameterResolver, TestExecutionExceptionHandler {
    /** System property that fixes the seed of every randomized test in the run. */
    public static final String SEED_PROPERTY = "test.seed";

    private static final ExtensionContext.Namespace NAMESPACE =
        ExtensionContext.Namespace.create(RandomSeedExtension.class);

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        return parameter.getParameter().getType() == Random.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        final long seed = seedFor(context);
        return new Random(seed);
    }

    @Override
    public void handleTestExecutionException(final ExtensionContext context, final Throwable failure)
        throws Throwable {
        final Long seed = context.getStore(NAMESPACE).get(context.getUniqueId(), Long.class);
        if (seed == null || failure instanceof TestAbortedException) {
            throw failure;
        }
        final AssertionError withSeed = new AssertionError(
            context.getDisplayName() + " failed with seed " + seed + " (replay: -D" + SEED_PROPERTY + "=" + seed
                + "): " + failure, failure);
        throw withSeed;
    }

    private static long seedFor(final ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(context.getUniqueId(), id -> drawSeed(), Long.class);
    }

    private static long drawSeed() {
        final String fixed = System.getProperty(SEED_PROPERTY, "").trim();
        if (!fixed.isEmpty()) {
            return Long.parseLong(fixed);
        }
        return new Random().nextLong();
    }
}
