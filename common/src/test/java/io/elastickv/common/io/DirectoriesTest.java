package io.elastickv.common.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
    @TempDir
    Path tempDir;

    @Test
    void deletesATreeButNotWhatALinkPointsTo() throws Exception {
        final Path outside = Files.writeString(tempDir.resolve("outside.txt"), "keep");
        final Path root = Files.createDirectories(tempDir.resolve("root/a/b"));
        Files.writeString(root.resolve("file"), "x");
        Files.createSymbolicLink(tempDir.resolve("root/link"), outside);
        Directories.deleteRecursively(tempDir.resolve("root"));
        assertFalse(Files.exists(tempDir.resolve("root")));
        assertTrue(Files.exists(outside));
        Directories.deleteRecursively(tempDir.resolve("root"));
    }
}
