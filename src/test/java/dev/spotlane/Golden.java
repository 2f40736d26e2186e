package dev.spotlane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: compare output with a file under {@code src/test/resources/golden}; with
 * {@code -Dgolden.update=true} the file is rewritten instead (review the diff like code).
 */
public final class Golden {
    private Golden() {
    }

    public static boolean updating() {
        return Boolean.getBoolean("golden.update");
    }

    public static void assertMatches(Path golden, String actual) throws IOException {
        if (updating()) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(golden)) {
            throw new AssertionError("golden file " + golden + " is missing; run with -Dgolden.update=true");
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual, "output differs from " + golden);
    }
}
