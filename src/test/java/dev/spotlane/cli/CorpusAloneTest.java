package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Corpus;
import dev.spotlane.cli.ImagesCommandTest.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, item 3: {@code lint} and {@code fix --check} on every YAML file of the corpus on its own (each file as its
 * own PATH, so included files and component templates are linted as main files) end in 0, 1 or 2, never 3 (exit 3 is
 * for spotlane's own bugs). Skips when the corpus is absent.
 */
class CorpusAloneTest {

    @Test
    void everyCorpusFileAloneLintsAndFixChecksWithoutInternalError() throws Exception {
        List<Path> files = Corpus.yamlFiles();
        List<String> internal = new ArrayList<>();
        for (Path f : files) {
            // the file's repository (its first folder under the corpus), as a user runs it inside their checkout
            String root = Corpus.dir().resolve(Corpus.dir().relativize(f).getName(0)).toString();
            for (String command : List.of("lint", "fix")) {
                Run r = command.equals("lint")
                        ? ImagesCommandTest.run("lint", f.toString(), "--root", root)
                        : ImagesCommandTest.run("fix", "--check", f.toString(), "--root", root);
                if (r.code() == 3 || r.code() < 0 || r.code() > 3) {
                    internal.add(command + " " + Corpus.name(f) + " -> " + r.code() + ": "
                            + r.err().lines().findFirst().orElse(""));
                }
            }
        }
        assertTrue(internal.isEmpty(), internal.size() + " internal errors:\n" + String.join("\n", internal));
    }
}
