package dev.spotlane.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {

    private static final String SHA256 = "sha256:" + "0123456789abcdef".repeat(4);
    private static final String SHA512 = "sha512:" + "0123456789abcdef".repeat(8);

    static Stream<Arguments> validReferences() {
        return Stream.of(
                // input, registry, repository, tag, digest, normalized
                row("alpine", "docker.io", "library/alpine", null, null, "docker.io/library/alpine:latest"),
                row("alpine:3.20", "docker.io", "library/alpine", "3.20", null, "docker.io/library/alpine:3.20"),
                row("golang:1.26", "docker.io", "library/golang", "1.26", null, "docker.io/library/golang:1.26"),
                row("bitnami/redis:7.2", "docker.io", "bitnami/redis", "7.2", null, "docker.io/bitnami/redis:7.2"),
                row("localhost/app", "localhost", "app", null, null, "localhost/app:latest"),
                row("localhost:5000/app:1", "localhost:5000", "app", "1", null, "localhost:5000/app:1"),
                row("localhost", "docker.io", "library/localhost", null, null, "docker.io/library/localhost:latest"),
                row("myhost/img", "docker.io", "myhost/img", null, null, "docker.io/myhost/img:latest"),
                row("myhost:5000/img", "myhost:5000", "img", null, null, "myhost:5000/img:latest"),
                row("my.host/img", "my.host", "img", null, null, "my.host/img:latest"),
                row("MyHost/img", "MyHost", "img", null, null, "MyHost/img:latest"),
                row("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", null,
                        "docker.io/library/nginx:1"),
                row("index.docker.io/nginx", "docker.io", "library/nginx", null, null,
                        "docker.io/library/nginx:latest"),
                row("docker.io/nginx", "docker.io", "library/nginx", null, null, "docker.io/library/nginx:latest"),
                row("registry.example.com:5050/g/p/img:1.0@" + SHA256, "registry.example.com:5050", "g/p/img",
                        "1.0", SHA256, "registry.example.com:5050/g/p/img:1.0@" + SHA256),
                row("postgres:18@" + SHA256, "docker.io", "library/postgres", "18", SHA256,
                        "docker.io/library/postgres:18@" + SHA256),
                row("postgres@" + SHA256, "docker.io", "library/postgres", null, SHA256,
                        "docker.io/library/postgres@" + SHA256),
                row("postgres@" + SHA512, "docker.io", "library/postgres", null, SHA512,
                        "docker.io/library/postgres@" + SHA512),
                row("[::1]:5000/img:tag", "[::1]:5000", "img", "tag", null, "[::1]:5000/img:tag"),
                row("[::1]/img", "[::1]", "img", null, null, "[::1]/img:latest"),
                row("gcr.io/distroless/static-debian12:nonroot", "gcr.io", "distroless/static-debian12", "nonroot",
                        null, "gcr.io/distroless/static-debian12:nonroot"),
                row("registry.gitlab.com/gitlab-org/gitlab-runner/ci:1.2.3-alpine", "registry.gitlab.com",
                        "gitlab-org/gitlab-runner/ci", "1.2.3-alpine", null,
                        "registry.gitlab.com/gitlab-org/gitlab-runner/ci:1.2.3-alpine"),
                row("a__b/c--d:x_y.z-1", "docker.io", "a__b/c--d", "x_y.z-1", null,
                        "docker.io/a__b/c--d:x_y.z-1"),
                row("img:_Tag", "docker.io", "library/img", "_Tag", null, "docker.io/library/img:_Tag"),
                row("img:" + "t".repeat(128), "docker.io", "library/img", "t".repeat(128), null,
                        "docker.io/library/img:" + "t".repeat(128)),
                // 255 characters once normalised: the limit counts the registry, as Docker does
                row("r.io/" + "a".repeat(250), "r.io", "a".repeat(250), null, null,
                        "r.io/" + "a".repeat(250) + ":latest"),
                // a 64-hex repository is only rejected when it is the whole reference (an image id)
                row("0123456789abcdef".repeat(4) + ":1", "docker.io", "library/" + "0123456789abcdef".repeat(4),
                        "1", null, "docker.io/library/" + "0123456789abcdef".repeat(4) + ":1"));
    }

    private static Arguments row(String input, String registry, String repository, String tag, String digest,
                                 String normalized) {
        return Arguments.of(input, registry, repository, tag, digest, normalized);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validReferences")
    void parsesValidReferences(String input, String registry, String repository, String tag, String digest,
                               String normalized) {
        ImageRef ref = ImageRef.parse(input);
        assertAll(
                () -> assertNull(ref.problem(), "problem"),
                () -> assertTrue(ref.valid(), "valid"),
                () -> assertFalse(ref.dynamic(), "dynamic"),
                () -> assertEquals(input, ref.original(), "original"),
                () -> assertEquals(registry, ref.registry(), "registry"),
                () -> assertEquals(repository, ref.repository(), "repository"),
                () -> assertEquals(tag, ref.tag(), "tag"),
                () -> assertEquals(digest, ref.digest(), "digest"),
                () -> assertEquals(digest != null, ref.pinned(), "pinned"),
                () -> assertEquals(normalized, ref.normalized(), "normalized"),
                () -> assertEquals(registry + "/" + repository, ref.repositoryPath(), "repositoryPath"));
    }

    @Test
    void effectiveTagIsLatestOnlyWhenNothingIsWritten() {
        assertEquals("latest", ImageRef.parse("alpine").effectiveTag());
        assertEquals("3.20", ImageRef.parse("alpine:3.20").effectiveTag());
        assertEquals("18", ImageRef.parse("postgres:18@" + SHA256).effectiveTag());
        assertNull(ImageRef.parse("postgres@" + SHA256).effectiveTag());
        assertNull(ImageRef.parse("Alpine").effectiveTag());
        assertNull(ImageRef.parse("${IMAGE}").effectiveTag());
    }

    @Test
    void repositoryPathMatchesAcrossSpellings() {
        String expected = "docker.io/library/golang";
        for (String s : new String[] {"golang", "golang:1.26", "library/golang:1", "docker.io/golang",
                "index.docker.io/library/golang@" + SHA256}) {
            assertEquals(expected, ImageRef.parse(s).repositoryPath(), s);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"$CI_REGISTRY_IMAGE/tool:$TAG", "node:${NODE}", "${IMAGE}", "registry/x:$[[ inputs.tag ]]",
            "$[[ inputs.image ]]", "$CI_REGISTRY_IMAGE"})
    void variablesMakeReferenceDynamic(String input) {
        ImageRef ref = ImageRef.parse(input);
        assertAll(
                () -> assertTrue(ref.dynamic(), "dynamic"),
                () -> assertNull(ref.problem(), "problem"),
                () -> assertFalse(ref.valid(), "valid"),
                () -> assertEquals(input, ref.original(), "original"),
                () -> assertNull(ref.registry(), "registry"),
                () -> assertNull(ref.repository(), "repository"),
                () -> assertNull(ref.tag(), "tag"),
                () -> assertNull(ref.digest(), "digest"),
                () -> assertNull(ref.normalized(), "normalized"),
                () -> assertNull(ref.repositoryPath(), "repositoryPath"));
    }

    static Stream<Arguments> invalidReferences() {
        String hex64 = "0123456789abcdef".repeat(4);
        return Stream.of(
                // input, expected reason (after 'invalid reference "<input>": ')
                Arguments.of("", "empty image reference"),
                Arguments.of("   ", "empty image reference"),
                Arguments.of("Alpine", "repository name must be lowercase"),
                Arguments.of("Foo:bar", "repository name must be lowercase"),
                Arguments.of("bitnami/Redis", "repository name must be lowercase"),
                Arguments.of("python 3.7", "image reference must not contain whitespace"),
                Arguments.of(" alpine", "image reference must not contain whitespace"),
                Arguments.of("alpine\n", "image reference must not contain whitespace"),
                Arguments.of("img:", "tag must not be empty"),
                Arguments.of("img:-x", "invalid tag \"-x\""),
                Arguments.of("img:" + "t".repeat(129), "tag must not be more than 128 characters"),
                Arguments.of("img@sha256:abc", "invalid digest \"sha256:abc\""),
                Arguments.of("img@md5:", "invalid digest \"md5:\""),
                Arguments.of("img@", "digest must not be empty"),
                Arguments.of("img@md5:" + hex64, "unsupported digest algorithm \"md5\""),
                Arguments.of("img@sha256:" + hex64.toUpperCase(), "sha256 digest must be 64 lowercase hex characters"),
                Arguments.of("img@sha256:" + hex64 + "00", "sha256 digest must be 64 lowercase hex characters"),
                Arguments.of("img@sha512:" + hex64, "sha512 digest must be 128 lowercase hex characters"),
                Arguments.of("img@" + SHA256 + "@" + SHA256, "invalid digest \"" + SHA256 + "@" + SHA256 + "\""),
                Arguments.of(":tag", "missing repository name"),
                Arguments.of("@" + SHA256, "missing repository name"),
                Arguments.of("img:tag:extra", "invalid repository name component \"img:tag\""),
                Arguments.of(hex64, "a 64-character hex string is an image id, not a repository name"),
                Arguments.of("a".repeat(256), "repository name must not be more than 255 characters"),
                Arguments.of("r.io/" + "a".repeat(251), "repository name must not be more than 255 characters"),
                Arguments.of("/img", "repository name must not have an empty path component"),
                Arguments.of("img/", "repository name must not have an empty path component"),
                Arguments.of("a//b", "repository name must not have an empty path component"),
                Arguments.of("docker.io/", "repository name must not have an empty path component"),
                Arguments.of("a-/b", "invalid repository name component \"a-\""),
                Arguments.of("a___b", "invalid repository name component \"a___b\""),
                Arguments.of("-host.io/img", "invalid registry host \"-host.io\""),
                Arguments.of(":5000/img", "invalid registry host \":5000\""),
                Arguments.of("host:port/img", "invalid registry host \"host:port\""),
                Arguments.of("img:ü", "invalid tag \"ü\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidReferences")
    void reportsInvalidReferences(String input, String reason) {
        ImageRef ref = ImageRef.parse(input);
        assertAll(
                () -> assertEquals("invalid reference \"" + input + "\": " + reason, ref.problem(), "problem"),
                () -> assertFalse(ref.valid(), "valid"),
                () -> assertFalse(ref.dynamic(), "dynamic"),
                () -> assertEquals(input, ref.original(), "original"),
                () -> assertNull(ref.registry(), "registry"),
                () -> assertNull(ref.repository(), "repository"),
                () -> assertNull(ref.tag(), "tag"),
                () -> assertNull(ref.digest(), "digest"),
                () -> assertFalse(ref.pinned(), "pinned"),
                () -> assertNull(ref.effectiveTag(), "effectiveTag"),
                () -> assertNull(ref.normalized(), "normalized"),
                () -> assertNull(ref.repositoryPath(), "repositoryPath"));
    }

    @Test
    void nullTextIsRejected() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> ImageRef.parse(null));
        assertEquals("text", e.getMessage());
    }

    @Test
    void randomInputNeverThrowsAndNormalizedFormIsStable() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789:/@.$_-A ";
        Random random = new Random(20240611L);
        int valid = 0;
        for (int i = 0; i < 10_000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(16);
            for (int j = 0; j < length; j++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String input = sb.toString();
            ImageRef ref = ImageRef.parse(input);
            assertEquals(input, ref.original());
            assertTrue(ref.valid() || ref.dynamic() || ref.problem() != null, input);
            if (ref.problem() != null) {
                assertTrue(ref.problem().startsWith("invalid reference \"" + input + "\": "), ref.problem());
                assertFalse(ref.problem().endsWith("."), ref.problem());
            }
            if (ref.valid()) {
                valid++;
                assertNotNull(ref.normalized(), input);
                ImageRef again = ImageRef.parse(ref.normalized());
                assertTrue(again.valid(), () -> input + " -> " + ref.normalized() + ": " + again.problem());
                assertEquals(ref.normalized(), again.normalized(), input);
                assertEquals(ref.repositoryPath(), again.repositoryPath(), input);
            }
        }
        assertTrue(valid > 500, "too few valid samples to be meaningful: " + valid);
    }
}
