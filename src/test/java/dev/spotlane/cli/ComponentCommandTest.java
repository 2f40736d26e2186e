package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.ImagesCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Components on the command line: a template linted on its own, and a project's own components (issues 12 and 18). */
class ComponentCommandTest {

    private static final String TEMPLATE = """
            spec:
              inputs:
                tags:
                  type: array
                  default: []
                stage:
                  default: test
            ---
            "lint-$[[ inputs.stage ]]":
              stage: $[[ inputs.stage ]]
              image: alpine:3.20
              script: [make lint]
              tags: $[[ inputs.tags ]]
            """;

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    /** Issue 12 item 3: tags from an input are left with a reason, never an internal error (exit 3). */
    @Test
    void aComponentTemplateWithTagsFromAnInputLintsAndFixChecksWithoutInternalError(@TempDir Path dir)
            throws IOException {
        Path template = write(dir.resolve("templates/lint.yml"), TEMPLATE);
        Run lint = ImagesCommandTest.run("lint", template.toString(), "--root", dir.toString());
        assertTrue(lint.code() == 0 || lint.code() == 1, "lint exit " + lint.code() + ":\n" + lint.err() + lint.out());
        assertFalse(lint.err().contains("internal error"), lint.err());
        Run fix = ImagesCommandTest.run("fix", "--check", template.toString(), "--root", dir.toString());
        assertTrue(fix.code() == 0 || fix.code() == 1, "fix exit " + fix.code() + ":\n" + fix.err() + fix.out());
        assertTrue((fix.out() + fix.err()).contains("its tags come from \"$[[ inputs.tags ]]\""),
                "the job is left with the reason:\n" + fix.out() + fix.err());
        assertEquals(TEMPLATE, Files.readString(template), "nothing written");
    }

    /** Issue 18: $CI_SERVER_FQDN/$CI_PROJECT_PATH/name@$CI_COMMIT_SHA comes from the checkout itself. */
    @Test
    void aComponentOfTheProjectItselfResolvesFromTheCheckout(@TempDir Path dir) throws IOException {
        write(dir.resolve("templates/lint.yml"), TEMPLATE);
        Path main = write(dir.resolve(".gitlab-ci.yml"), """
                include:
                  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/lint@$CI_COMMIT_SHA
                    inputs:
                      stage: build
                  - component: gitlab.example.com/grp/proj/lint@1.0.0
                    inputs:
                      stage: deploy
                """);
        Run r = ImagesCommandTest.run("preview", main.toString(), "--root", dir.toString(),
                "--var", "CI_PROJECT_PATH=grp/proj");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("lint-build:\n  stage: build\n"), r.out());
        assertTrue(r.out().contains("lint-deploy:\n  stage: deploy\n"), "--var CI_PROJECT_PATH names this project:\n"
                + r.out());
    }

    /** The hint for an unresolved component names the option that would resolve it. */
    @Test
    void anUnresolvedComponentNamesTheOptionThatResolvesIt(@TempDir Path dir) throws IOException {
        Path main = write(dir.resolve(".gitlab-ci.yml"), """
                include:
                  - component: $CI_SERVER_FQDN/$COMPONENTS_GROUP/ci/lint@1.0.0
                  - component: $CI_SERVER_FQDN/platform/ci/build@1.0.0
                job:
                  script: [make]
                """);
        Run r = ImagesCommandTest.run("preview", main.toString(), "--root", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("its project path uses \"$COMPONENTS_GROUP\": give it with --var"
                + " COMPONENTS_GROUP=VALUE"), r.err());
        assertTrue(r.err().contains("map its project to a local folder with --project platform/ci=DIR"), r.err());
    }

    /** Issue 12 item 3: tags from an input are written where the value is given, the include's inputs:. */
    @Test
    void tagsFromAnInputAreWrittenInTheIncludesInputs(@TempDir Path dir) throws IOException {
        Path template = write(dir.resolve("templates/lint.yml"), TEMPLATE);
        Path main = write(dir.resolve(".gitlab-ci.yml"), """
                include:
                  - local: templates/lint.yml
                    inputs:
                      stage: build
                      tags: [local]
                """);
        Run fix = ImagesCommandTest.run("fix", "--check", main.toString(), "--root", dir.toString());
        assertEquals(1, fix.code(), fix.err() + fix.out());
        assertTrue(fix.out().contains("-      tags: [local]\n+      tags: [cloud, "), "the include's input:\n"
                + fix.out());
        assertFalse(fix.out().contains("-  tags: $[[ inputs.tags ]]"), "the template keeps its block:\n" + fix.out());
        Run apply = ImagesCommandTest.run("fix", main.toString(), "--root", dir.toString());
        assertFalse(apply.err().contains("internal error"), apply.err());
        Run lint = ImagesCommandTest.run("lint", main.toString(), "--root", dir.toString());
        assertFalse(lint.out().contains("[routing-drift]"), "fixed: no routing drift left:\n" + lint.out());
        assertTrue(Files.readString(template).contains("  tags: $[[ inputs.tags ]]\n"));
    }
}
