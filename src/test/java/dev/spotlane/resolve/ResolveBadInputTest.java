package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input that cannot live in a golden folder: the include limit (generated files) and symbolic links. The other
 * bad input (cycles, nesting, unknown parents, !reference, path escapes, invalid YAML) is in the {@code bad-*}
 * golden cases of {@link ResolveGoldenTest}.
 */
public class ResolveBadInputTest {

    /** Writes a main file including {@code n} local files, each defining one job. */
    public static void manyIncludes(Path dir, int n) throws IOException {
        StringBuilder main = new StringBuilder("include:\n");
        Files.createDirectories(dir.resolve("ci"));
        for (int i = 1; i <= n; i++) {
            main.append("  - local: ci/f").append(i).append(".yml\n");
            Files.writeString(dir.resolve("ci/f" + i + ".yml"), "job" + i + ":\n  script: [echo " + i + "]\n");
        }
        Files.writeString(dir.resolve(".gitlab-ci.yml"), main.toString());
    }

    private static ResolveGoldenTest.Result resolve(Path dir) throws IOException {
        return ResolveGoldenTest.resolve(dir, Map.of());
    }

    @Test
    void oneHundredFiftyIncludesAreAllowed(@TempDir Path dir) throws IOException {
        manyIncludes(dir, 150);
        ResolveGoldenTest.Result r = resolve(dir);
        assertEquals("", r.diagnostics(), "150 includes is GitLab's limit, not past it");
        assertEquals(150, r.pipeline().jobs().size(), "every included job");
    }

    @Test
    void theOneHundredFiftyFirstIncludeIsAnErrorAtThatInclude(@TempDir Path dir) throws IOException {
        manyIncludes(dir, 153);
        ResolveGoldenTest.Result r = resolve(dir);
        assertEquals(".gitlab-ci.yml:152:5: maximum of 150 nested includes are allowed [include-error]\n",
                r.diagnostics(), "one error, at the 151st include (line 152)");
        assertTrue(r.pipeline().hasErrors());
        assertEquals(150, r.pipeline().jobs().size(), "the first 150 includes are still read");
    }

    @Test
    void nestedIncludesCountTowardsTheLimit(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("ci"));
        Files.writeString(dir.resolve(".gitlab-ci.yml"), "include: ci/f1.yml\n");
        for (int i = 1; i <= 151; i++) {
            Files.writeString(dir.resolve("ci/f" + i + ".yml"),
                    "include: ci/f" + (i + 1) + ".yml\njob" + i + ":\n  script: [echo " + i + "]\n");
        }
        ResolveGoldenTest.Result r = resolve(dir);
        assertEquals("ci/f150.yml:1:10: maximum of 150 nested includes are allowed [include-error]\n",
                r.diagnostics(), "the include written in the 150th file is the 151st");
        assertEquals(150, r.pipeline().jobs().size(), "f1 to f150 are read");
    }

    /** Creates a symbolic link, or skips the test where the file system refuses them. */
    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException | SecurityException e) {
            Assumptions.abort("symbolic links are not available here: " + e);
        }
    }

    @Test
    void symlinkPointingOutsideTheRootIsRefused(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("repo");
        Files.createDirectories(root.resolve("ci"));
        Files.writeString(tmp.resolve("secret.yml"), "stolen:\n  script: [echo WRONG]\n");
        link(root.resolve("ci/link.yml"), Path.of("../../secret.yml"));
        Files.writeString(root.resolve(".gitlab-ci.yml"), "include: ci/link.yml\njob:\n  script: [echo job]\n");
        ResolveGoldenTest.Result r = resolve(root);
        assertEquals(".gitlab-ci.yml:1:10: \"ci/link.yml\" links outside the repository [include-error]\n",
                r.diagnostics());
        assertEquals(List.of("job"), List.copyOf(r.pipeline().jobs().keySet()), "nothing read from outside");
    }

    @Test
    void wildcardDoesNotReadThroughLinksOutsideTheRoot(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("repo");
        Path outside = tmp.resolve("outside");
        Files.createDirectories(root.resolve("ci"));
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.yml"), "stolen:\n  script: [echo WRONG]\n");
        Files.writeString(root.resolve("ci/ok.yml"), "ok:\n  script: [echo ok]\n");
        link(root.resolve("ci/dir"), outside);
        link(root.resolve("ci/file.yml"), outside.resolve("secret.yml"));
        Files.writeString(root.resolve(".gitlab-ci.yml"), "include: 'ci/**.yml'\n");
        ResolveGoldenTest.Result r = resolve(root);
        assertEquals(".gitlab-ci.yml:1:10: \"ci/file.yml\" links outside the repository [include-error]\n",
                r.diagnostics(), "the linked file is refused; the linked folder is not walked");
        assertEquals(List.of("ok"), List.copyOf(r.pipeline().jobs().keySet()));
    }

    @Test
    void symlinkInsideTheRootIsFollowed(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("repo");
        Files.createDirectories(root.resolve("ci"));
        Files.writeString(root.resolve("ci/real.yml"), "real:\n  script: [echo real]\n");
        link(root.resolve("ci/alias.yml"), Path.of("real.yml"));
        Files.writeString(root.resolve(".gitlab-ci.yml"), "include: ci/alias.yml\n");
        ResolveGoldenTest.Result r = resolve(root);
        assertEquals("", r.diagnostics());
        assertEquals(List.of("real"), List.copyOf(r.pipeline().jobs().keySet()));
    }
}
