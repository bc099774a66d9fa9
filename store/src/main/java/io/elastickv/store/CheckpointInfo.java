package io.elastickv.store;

import java.nio.file.Path;

/**
 * A checkpoint directory and the exact state it holds: every batch up to and including {@code appliedIndex},
 * nothing after it.
 */
public record CheckpointInfo(Path directory, long appliedIndex, long commitWatermark) {
}
