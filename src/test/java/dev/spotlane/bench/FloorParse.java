package dev.spotlane.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The floor {@link StartupBenchmark} measures {@code spotlane lint} against: a fresh JVM that reads the given files
 * and composes each with snakeyaml-engine (comments on, the alias limit raised as spotlane raises it) and nothing
 * else. Prints the number of documents, so the work cannot be dropped.
 */
public final class FloorParse {
    private FloorParse() {
    }

    public static void main(String[] args) throws IOException {
        Compose compose = new Compose(LoadSettings.builder().setParseComments(true).setMaxAliasesForCollections(10_000)
                .build());
        long documents = 0;
        for (String name : args) {
            String text = Files.readString(Path.of(name), StandardCharsets.UTF_8);
            for (Node ignored : compose.composeAllFromString(text)) {
                documents++;
            }
        }
        System.out.println(documents);
    }
}
