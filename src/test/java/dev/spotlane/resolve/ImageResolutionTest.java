package dev.spotlane.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.model.ImageKind;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ImageResolution}: variables in {@code image}/{@code services} expanded as the Runner does ({@code $VAR},
 * {@code ${VAR}}) from global, job, {@code parallel:matrix} and user-supplied variables; what stays unknown is kept
 * as written and listed in {@link ResolvedImage#needs()}.
 */
class ImageResolutionTest {

    private static ResolvedPipeline resolve(String yaml) {
        YamlFile file = new YamlParser().parse(".gitlab-ci.yml", yaml).orElseThrow();
        ResolvedPipeline p = new Resolver().resolve(file, new CheckoutIncludeSource(Path.of("")), ".gitlab-ci.yml");
        assertEquals(List.of(), p.diagnostics(), "the test pipeline itself must be valid");
        return p;
    }

    /** Each image as {@code job: kind written -> expanded needs=[...]}, for readable comparisons. */
    private static List<String> images(String yaml, Map<String, String> userVariables) {
        return ImageResolution.of(resolve(yaml), userVariables).stream()
                .map(i -> i.job() + ": " + i.kind() + " " + i.written() + " -> " + i.ref().original()
                        + " needs=" + i.needs())
                .toList();
    }

    private static List<String> images(String yaml) {
        return images(yaml, Map.of());
    }

    @Test
    void globalVariablesExpandBothForms() {
        assertEquals(List.of(
                "job: IMAGE ${REGISTRY}/app:$TAG -> registry.example.com/app:1.0 needs=[]"),
                images("""
                        variables:
                          REGISTRY: registry.example.com
                          TAG: "1.0"
                        job:
                          image: ${REGISTRY}/app:$TAG
                          script: [x]
                        """));
    }

    @Test
    void jobVariablesWinOverGlobalOnes() {
        assertEquals(List.of(
                "a: IMAGE node:$NODE -> node:20 needs=[]",
                "b: IMAGE node:$NODE -> node:22 needs=[]"),
                images("""
                        variables:
                          NODE: "20"
                        a:
                          image: node:$NODE
                          script: [x]
                        b:
                          image: node:$NODE
                          variables:
                            NODE: "22"
                          script: [x]
                        """));
    }

    @Test
    void longFormVariablesAndImageNamesAndServices() {
        assertEquals(List.of(
                "job: IMAGE $BASE:1 -> alpine:1 needs=[]",
                "job: SERVICE postgres:$PG -> postgres:16 needs=[]",
                "job: SERVICE ${CACHE}:7 -> redis:7 needs=[]"),
                images("""
                        variables:
                          BASE:
                            value: alpine
                            description: the base image
                          PG: "16"
                          CACHE: redis
                        job:
                          image:
                            name: $BASE:1
                            pull_policy: if-not-present
                          services:
                            - postgres:$PG
                            - name: ${CACHE}:7
                              alias: cache
                          script: [x]
                        """));
    }

    @Test
    void matrixGivesOneImagePerCombination() {
        List<String> out = images("""
                variables:
                  DISTRO: debian
                test:
                  image: $DISTRO:$VERSION-$FLAVOUR
                  parallel:
                    matrix:
                      - VERSION: ["11", "12"]
                        FLAVOUR: [slim, full]
                      - DISTRO: alpine
                        VERSION: "3.20"
                        FLAVOUR: edge
                  script: [x]
                """);
        assertEquals(List.of(
                "test: IMAGE $DISTRO:$VERSION-$FLAVOUR -> debian:11-slim needs=[]",
                "test: IMAGE $DISTRO:$VERSION-$FLAVOUR -> debian:11-full needs=[]",
                "test: IMAGE $DISTRO:$VERSION-$FLAVOUR -> debian:12-slim needs=[]",
                "test: IMAGE $DISTRO:$VERSION-$FLAVOUR -> debian:12-full needs=[]",
                "test: IMAGE $DISTRO:$VERSION-$FLAVOUR -> alpine:3.20-edge needs=[]"), out);
    }

    @Test
    void matrixCombinationsGivingTheSameImageAreListedOnce() {
        assertEquals(List.of(
                "test: IMAGE node:$NODE -> node:20 needs=[]",
                "test: IMAGE node:$NODE -> node:22 needs=[]"),
                images("""
                        test:
                          image: node:$NODE
                          parallel:
                            matrix:
                              - NODE: ["20", "22"]
                                OS: [linux, windows]
                          script: [x]
                        """));
    }

    @Test
    void userVariablesFillWhatTheFileLeavesOpen() {
        String yaml = """
                job:
                  image: $CI_REGISTRY/tools/lint:${LINT_VERSION}
                  variables:
                    LINT_VERSION: "2.1"
                  script: [x]
                """;
        assertEquals(List.of("job: IMAGE $CI_REGISTRY/tools/lint:${LINT_VERSION}"
                + " -> $CI_REGISTRY/tools/lint:2.1 needs=[CI_REGISTRY]"), images(yaml));
        assertEquals(List.of("job: IMAGE $CI_REGISTRY/tools/lint:${LINT_VERSION}"
                + " -> registry.example.com:5050/tools/lint:2.1 needs=[]"),
                images(yaml, Map.of("CI_REGISTRY", "registry.example.com:5050")));
    }

    @Test
    void variableValuesThatReferToOtherVariablesAreExpanded() {
        assertEquals(List.of("job: IMAGE $IMAGE -> registry.example.com/grp/app:1.2 needs=[]"),
                images("""
                        variables:
                          HOST: registry.example.com
                          REPO: $HOST/grp
                        job:
                          image: $IMAGE
                          variables:
                            IMAGE: ${REPO}/app:$VERSION
                            VERSION: "1.2"
                          script: [x]
                        """));
    }

    @Test
    void selfReferringVariablesStopAndStayDynamic() {
        List<String> out = images("""
                variables:
                  A: $B
                  B: $A
                job:
                  image: img:$A
                  script: [x]
                """);
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).matches("job: IMAGE img:\\$A -> img:\\$[AB] needs=\\[[AB]]"), out.get(0));
    }

    @Test
    void unknownVariablesAreKeptAndListedInOrder() {
        ResolvedImage image = ImageResolution.of(resolve("""
                variables:
                  TAG: "3"
                job:
                  image: ${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/python:$TAG-$CI_COMMIT_REF_SLUG-$TAG
                  script: [x]
                """), Map.of()).get(0);
        assertEquals("${CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX}/python:3-$CI_COMMIT_REF_SLUG-3",
                image.ref().original());
        assertEquals(List.of("CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX", "CI_COMMIT_REF_SLUG"), image.needs());
        assertTrue(image.ref().dynamic(), "an image still holding a variable is dynamic");
        assertEquals(ImageKind.IMAGE, image.kind());
        assertEquals(".gitlab-ci.yml:4:10", image.location().toString(), "where the image was written");
    }

    @Test
    void staticImagesAreParsed() {
        ResolvedImage image = ImageResolution.of(resolve("""
                variables:
                  V: "3.20"
                job:
                  image: alpine:$V
                  script: [x]
                """), Map.of()).get(0);
        assertFalse(image.ref().dynamic());
        assertEquals("docker.io", image.ref().registry());
        assertEquals("library/alpine", image.ref().repository());
        assertEquals("3.20", image.ref().tag());
    }

    @Test
    void inheritVariablesFalseHidesGlobalVariables() {
        assertEquals(List.of(
                "a: IMAGE node:$NODE -> node:20 needs=[]",
                "b: IMAGE node:$NODE -> node:$NODE needs=[NODE]"),
                images("""
                        variables:
                          NODE: "20"
                        a:
                          image: node:$NODE
                          script: [x]
                        b:
                          image: node:$NODE
                          inherit:
                            variables: false
                          script: [x]
                        """));
    }

    @Test
    void imagesFromExtendsAndDefaultUseTheJobsVariables() {
        assertEquals(List.of(
                "a: IMAGE ruby:$RUBY -> ruby:3.3 needs=[]",
                "b: IMAGE ruby:$RUBY -> ruby:3.2 needs=[]",
                "c: IMAGE python:$PY -> python:3.12 needs=[]"),
                images("""
                        default:
                          image: ruby:$RUBY
                        variables:
                          RUBY: "3.3"
                        .py:
                          image: python:$PY
                          variables:
                            PY: "3.12"
                        a:
                          script: [x]
                        b:
                          variables:
                            RUBY: "3.2"
                          script: [x]
                        c:
                          extends: .py
                          script: [x]
                        """));
    }

    @Test
    void imagesNoJobUsesAreListedWithoutAJob() {
        assertEquals(List.of(
                "job: IMAGE alpine:3 -> alpine:3 needs=[]",
                "null: IMAGE busybox:$V -> busybox:1 needs=[]"),
                images("""
                        variables:
                          V: "1"
                        .unused:
                          image: busybox:$V
                        job:
                          image: alpine:3
                          script: [x]
                        trigger-job:
                          trigger: grp/other
                        """));
    }
}
