package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.model.ImageRef;
import dev.spotlane.yaml.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The allowlist file format and how its entries match the images jobs pull. */
class AllowlistTest {
    private static final String D1 = "sha256:" + "1b0c2a6e0d8f3c5e7a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c";
    private static final String D2 = "sha256:" + "9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";

    static Allowlist parse(String text) throws AllowlistException {
        return Allowlist.parse(new Source("allow.txt", text));
    }

    /** entry (one allowlist line), image (as a job writes it), whether the entry allows it. */
    static Stream<Arguments> table() {
        return Stream.of(
                // normalized equality, both ways
                row("golang:1.26", "docker.io/library/golang:1.26", true),
                row("docker.io/library/golang:1.26", "golang:1.26", true),
                row("library/golang:1.26", "golang:1.26", true),
                row("golang:1.26", "library/golang:1.26", true),
                row("index.docker.io/library/golang:1.26", "golang:1.26", true),
                row("golang:1.26", "index.docker.io/library/golang:1.26", true),
                row("index.docker.io/golang:1.26", "docker.io/library/golang:1.26", true),
                row("bitnami/redis:7.4", "docker.io/bitnami/redis:7.4", true),
                row("golang:1.26", "golang:1.25", false),
                row("golang:1.26", "golangci/golang:1.26", false),
                row("golang:1.26", "registry.example.com/library/golang:1.26", false),
                row("golang:1.26", "registry.example.com/golang:1.26", false),
                // implicit latest
                row("alpine", "alpine:latest", true),
                row("alpine:latest", "alpine", true),
                row("alpine", "docker.io/library/alpine", true),
                row("alpine", "alpine:3.20", false),
                row("alpine:3.20", "alpine", false),
                // globs: repositories and tags
                row("registry.example.com/tools/*:*", "registry.example.com/tools/lint:1.0", true),
                row("registry.example.com/tools/*:*", "registry.example.com/tools/lint", true),
                row("registry.example.com/tools/*:*", "registry.example.com/tools/lint@" + D1, true),
                row("registry.example.com/tools/*:*", "registry.example.com/tools/lint:1.0@" + D1, true),
                row("registry.example.com/tools/*:*", "registry.example.com/other/lint:1.0", false),
                row("registry.example.com/tools/*:*", "registry.example.com:5050/tools/lint:1.0", false),
                row("registry.example.com/tools/*:*", "other.example.com/tools/lint:1.0", false),
                row("*/library/*:1.*", "golang:1.26", true),
                row("*/library/*:1.*", "docker.io/library/golang:1.26", true),
                row("*/library/*:1.*", "registry.example.com/library/app:1.0", true),
                row("*/library/*:1.*", "golang:2.0", false),
                row("*/library/*:1.*", "golang:10", false),
                row("*/library/*:1.*", "bitnami/redis:1.0", false),
                row("golang:1.*", "golang:1.26", true),
                row("golang:1.*", "docker.io/library/golang:1.26.1", true),
                row("golang:1.*", "golangci/golangci-lint:1.0", false),
                row("docker.io/gol*:*", "golang:1.26", true),
                row("index.docker.io/gol*:*", "golang:1.26", true),
                row("bitnami/*:*", "bitnami/redis:7.4", true),
                row("bitnami/*:*", "redis:7.4", false),
                row("node:2?", "node:22", true),
                row("node:2?", "node:2", false),
                row("alpine:3.*", "alpine:3.20@" + D1, true),
                row("alpine:3.*", "alpine@" + D1, false),
                // a glob without a tag means latest
                row("registry.example.com/tools/*", "registry.example.com/tools/lint", true),
                row("registry.example.com/tools/*", "registry.example.com/tools/lint:latest", true),
                row("registry.example.com/tools/*", "registry.example.com/tools/lint:1.0", false),
                row("registry.example.com/tools/*", "registry.example.com/tools/lint@" + D1, false),
                // digest vs tag: a pinned image matches the same repository and tag, or the same digest
                row("postgres:18", "postgres:18@" + D1, true),
                row("postgres:18", "postgres:17@" + D1, false),
                row("postgres:18", "postgres@" + D1, false),
                row("postgres@" + D1, "postgres:18@" + D1, true),
                row("postgres@" + D1, "postgres@" + D1, true),
                row("postgres@" + D1, "postgres@" + D2, false),
                row("postgres@" + D1, "redis@" + D1, false),
                row("postgres:18@" + D1, "postgres@" + D1, true),
                row("postgres:18@" + D1, "postgres:18@" + D1, true),
                // an entry with a digest is baked by digest alone (Docker keeps no tag for name:tag@digest)
                row("postgres:18@" + D2, "postgres:18@" + D1, false),
                row("postgres:17@" + D2, "postgres:18@" + D1, false),
                // an unpinned image does not match a digest-only entry, nor a tag written with a digest
                row("postgres@" + D1, "postgres:18", false),
                row("postgres@" + D1, "postgres", false),
                row("postgres:18@" + D1, "postgres:18", false),
                row("alpine@" + D1, "alpine:latest", false),
                // a port in the registry
                row("registry.example.com:5050/g/img:1.0", "registry.example.com:5050/g/img:1.0", true),
                row("registry.example.com:5050/g/img:1.0", "registry.example.com/g/img:1.0", false),
                row("registry.example.com/g/img:1.0", "registry.example.com:5050/g/img:1.0", false),
                row("registry.example.com:5050/g/img:1.0", "registry.example.com:5051/g/img:1.0", false),
                row("registry.example.com:5050/g/img", "registry.example.com:5050/g/img:latest", true),
                row("registry.example.com:5050/g/*:1.*", "registry.example.com:5050/g/img:1.0", true),
                row("registry.example.com:5050/g/img:1.0@" + D1, "registry.example.com:5050/g/img@" + D1, true),
                row("localhost:5000/app:dev", "localhost:5000/app:dev", true),
                row("localhost/app", "localhost/app:latest", true),
                // the host is case-insensitive, the repository is not (it must be lowercase anyway)
                row("Registry.Example.com/x:1", "registry.example.com/x:1", true),
                row("registry.example.com/x:1", "Registry.Example.com/x:1", true),
                row("REGISTRY.EXAMPLE.COM:5050/x:1", "registry.example.com:5050/x:1", true),
                row("Registry.Example.com/tools/*:*", "registry.example.com/tools/x:1", true),
                row("registry.example.com/tools/*:*", "REGISTRY.example.com/tools/x:1", true),
                // tags are case-sensitive
                row("alpine:Edge", "alpine:edge", false));
    }

    private static Arguments row(String entry, String image, boolean allowed) {
        return Arguments.of(entry, image, allowed);
    }

    @ParameterizedTest(name = "[{index}] {0} allows {1}: {2}")
    @MethodSource("table")
    void matching(String entry, String image, boolean allowed) throws AllowlistException {
        ImageRef ref = ImageRef.parse(image);
        assertTrue(ref.valid(), () -> "test image must be valid: " + ref.problem());
        assertEquals(allowed, parse(entry + "\n").allows(ref));
    }

    @Test
    void dynamicAndInvalidImagesAreNeverAllowed() throws AllowlistException {
        Allowlist all = parse("*/*:*\n*:*\n");
        assertTrue(all.allows(ImageRef.parse("alpine:3.20")));
        assertFalse(all.allows(ImageRef.parse("$CI_REGISTRY_IMAGE/app:1")));
        assertFalse(all.allows(ImageRef.parse("Alpine:3.20")));
    }

    @Test
    void emptyAllowlistAllowsNothing() {
        assertFalse(Allowlist.empty().allows(ImageRef.parse("alpine")));
        assertTrue(Allowlist.empty().entries().isEmpty());
    }

    @Test
    void plusAllowsWhatEitherAllows() throws AllowlistException {
        Allowlist both = parse("alpine:3.20\n").plus(Allowlist.parse(new Source("other.txt", "redis:8\n")));
        assertTrue(both.allows(ImageRef.parse("alpine:3.20")));
        assertTrue(both.allows(ImageRef.parse("redis:8")));
        assertEquals(List.of("allow.txt", "other.txt"), both.entries().stream().map(Allowlist.Entry::path).toList());
    }

    @Test
    void commentsBlankLinesCrlfAndBomAreAccepted() throws AllowlistException {
        String text = "\uFEFF# baked images\r\n\r\n  golang:1.26   # trailing comment\r\n\t\r\n"
                + "\tregistry.example.com/tools/*:*\r\n#alpine:3.20\r\nredis:8";
        Allowlist a = parse(text);
        assertEquals(List.of("golang:1.26", "registry.example.com/tools/*:*", "redis:8"),
                a.entries().stream().map(Allowlist.Entry::text).toList());
        assertEquals(List.of(3, 5, 7), a.entries().stream().map(Allowlist.Entry::line).toList());
        assertTrue(a.allows(ImageRef.parse("docker.io/library/golang:1.26")));
        assertTrue(a.allows(ImageRef.parse("redis:8")));
        assertFalse(a.allows(ImageRef.parse("alpine:3.20")));
        assertTrue(parse("").entries().isEmpty());
        assertTrue(parse("\uFEFF").entries().isEmpty());
        assertTrue(parse("# only a comment\n\n").entries().isEmpty());
        assertEquals(1, parse("\uFEFFalpine\r").entries().size());
    }

    @Test
    void entriesKeepTheirTextAndPlace() throws AllowlistException {
        Allowlist.Entry e = parse("\n\n   alpine:3.20\n").entries().get(0);
        assertEquals("allow.txt", e.path());
        assertEquals(3, e.line());
        assertEquals("alpine:3.20", e.text());
        assertEquals("docker.io/library/alpine:3.20", e.ref().normalized());
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("golang 1.26", "allow.txt:1:1: one image reference a line, found \"golang 1.26\""),
                Arguments.of("  golang:1.26 redis:8  # two",
                        "allow.txt:1:3: one image reference a line, found \"golang:1.26 redis:8\""),
                Arguments.of("golang:1.26\tredis:8",
                        "allow.txt:1:1: one image reference a line, found \"golang:1.26\tredis:8\""),
                Arguments.of("$CI_REGISTRY_IMAGE/app:1",
                        "allow.txt:1:1: \"$CI_REGISTRY_IMAGE/app:1\" holds a variable; write the reference the job"
                                + " pulls"),
                Arguments.of("    ${REGISTRY}/tools/*:*",
                        "allow.txt:1:5: \"${REGISTRY}/tools/*:*\" holds a variable; write the reference the job"
                                + " pulls"),
                Arguments.of("Golang:1.26",
                        "allow.txt:1:1: invalid reference \"Golang:1.26\": repository name must be lowercase"),
                Arguments.of("alpine:", "allow.txt:1:1: invalid reference \"alpine:\": tag must not be empty"),
                Arguments.of("alpine@sha256:abc",
                        "allow.txt:1:1: invalid reference \"alpine@sha256:abc\": invalid digest \"sha256:abc\""),
                Arguments.of("registry.example.com/tools/*@" + D1,
                        "allow.txt:1:1: a glob cannot carry a digest: \"registry.example.com/tools/*@" + D1 + "\""),
                Arguments.of("  alpine:3.*@" + D1,
                        "allow.txt:1:3: a glob cannot carry a digest: \"alpine:3.*@" + D1 + "\""),
                Arguments.of("registry.example.com/Tools/*:*",
                        "allow.txt:1:1: glob \"registry.example.com/Tools/*:*\" can match no reference: repository"
                                + " name must be lowercase"),
                Arguments.of("  tools/*:", "allow.txt:1:3: glob \"tools/*:\" can match no reference: tag must not"
                        + " be empty"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void malformedLineIsReportedWithPathLineAndColumn(String line, String problem) {
        AllowlistException e = assertThrows(AllowlistException.class, () -> parse("# header\n\n" + line + "\n"));
        assertEquals(List.of(problem.replace("allow.txt:1:", "allow.txt:3:")), e.problems());
        assertEquals(e.problems().get(0), e.getMessage());
    }

    @Test
    void everyProblemIsReportedAtOnceInLineOrder() {
        String text = "alpine:3.20\r\n"
                + "golang 1.26\r\n"
                + "# fine\r\n"
                + "redis:8\r\n"
                + "  $TAG_IMAGE\r\n"
                + "Bad/Name:1\r\n"
                + "tools/*@" + D1 + "\r\n";
        AllowlistException e = assertThrows(AllowlistException.class, () -> parse(text));
        assertEquals(List.of(
                "allow.txt:2:1: one image reference a line, found \"golang 1.26\"",
                "allow.txt:5:3: \"$TAG_IMAGE\" holds a variable; write the reference the job pulls",
                "allow.txt:6:1: invalid reference \"Bad/Name:1\": repository name must be lowercase",
                "allow.txt:7:1: a glob cannot carry a digest: \"tools/*@" + D1 + "\""), e.problems());
        assertEquals(String.join("\n", e.problems()), e.getMessage());
    }

    @Test
    void columnsCountFromAfterTheByteOrderMark() {
        AllowlistException e = assertThrows(AllowlistException.class, () -> parse("\uFEFF  golang 1.26\n"));
        assertEquals(List.of("allow.txt:1:3: one image reference a line, found \"golang 1.26\""), e.problems());
    }

    @Test
    void readNamesTheFileInProblems(@TempDir Path dir) throws IOException, AllowlistException {
        Path good = dir.resolve("images.txt");
        Files.writeString(good, "alpine:3.20\n", StandardCharsets.UTF_8);
        Allowlist a = Allowlist.read(good);
        assertEquals(good.toString().replace('\\', '/'), a.entries().get(0).path());
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "\nalpine 3.20\n", StandardCharsets.UTF_8);
        AllowlistException e = assertThrows(AllowlistException.class, () -> Allowlist.read(bad));
        assertEquals(List.of(bad.toString().replace('\\', '/') + ":2:1: one image reference a line, found"
                + " \"alpine 3.20\""), e.problems());
    }

    @Test
    void parseRequiresASource() {
        assertThrows(NullPointerException.class, () -> Allowlist.parse(null));
        assertThrows(NullPointerException.class, () -> Allowlist.empty().allows(null));
    }
}
