package dev.spotlane.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.yaml.YamlParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private static Pipeline pipeline(String text) {
        return Pipeline.of(new YamlParser().parse("p.yml", text).orElseThrow());
    }

    private static List<String> refs(Pipeline p) {
        return p.imageUses().stream().map(u -> u.kind().label() + " " + u.ref().original() + " @" + u.location()
                + " (" + u.owner() + ")").toList();
    }

    @Test
    void separatesGlobalsJobsAndHiddenJobs() {
        Pipeline p = pipeline("""
                stages: [build, test]
                variables: {A: "1"}
                default:
                  image: ruby:3.3
                .base:
                  tags: [local]
                build:
                  extends: .base
                  script: [make]
                deploy:
                  trigger: grp/proj
                """);
        assertEquals(List.of(".base", "build", "deploy"), p.jobs().stream().map(Job::name).toList());
        assertEquals(List.of("build", "deploy"), p.visibleJobs().stream().map(Job::name).toList());
        assertTrue(p.job(".base").orElseThrow().hidden());
        assertEquals(List.of("local"), p.job(".base").orElseThrow().tags());
        assertEquals(List.of(".base"), p.job("build").orElseThrow().extendsNames());
        assertTrue(p.job("deploy").orElseThrow().isTrigger());
        assertTrue(p.defaults().isPresent());
        assertEquals(new Location("p.yml", 7, 1), p.job("build").orElseThrow().location());
    }

    @Test
    void readsTheConfigAfterASpecHeader() {
        Pipeline p = pipeline("""
                spec:
                  inputs:
                    stage: {default: test}
                ---
                scan:
                  stage: $[[ inputs.stage ]]
                  image: registry.example.com/tool:$[[ inputs.tag ]]
                  script: [scan]
                """);
        assertTrue(p.header().isPresent());
        assertEquals(List.of("scan"), p.jobs().stream().map(Job::name).toList());
        assertTrue(p.imageUses().get(0).ref().dynamic());
    }

    @Test
    void listsImagesOnceWhereWrittenThroughAnchorsAndMergeKeys() {
        Pipeline p = pipeline("""
                image: alpine:3.20
                .db: &db
                  services:
                    - postgres:18
                    - name: redis:8
                      alias: cache
                .img: &img golang:1.26
                a:
                  <<: *db
                  image: *img
                  script: [x]
                b:
                  <<: *db
                  image: *img
                  script: [x]
                c:
                  image: {name: "python:3.13", entrypoint: [""]}
                  services: [mysql:8]
                """);
        assertEquals(List.of(
                "image alpine:3.20 @p.yml:1:8 ((top level))",
                "service postgres:18 @p.yml:4:7 (.db)",
                "service redis:8 @p.yml:5:13 (.db)",
                "image golang:1.26 @p.yml:7:12 (a)",
                "image python:3.13 @p.yml:17:17 (c)",
                "service mysql:8 @p.yml:18:14 (c)"), refs(p));
        assertTrue(p.imageUses().stream().filter(u -> u.ref().original().equals("python:3.13")).findFirst()
                .orElseThrow().longForm());
    }

    @Test
    void reportsARootThatIsNotAMapping() {
        Pipeline p = pipeline("- a\n- b\n");
        assertEquals(1, p.problems().size());
        assertEquals("p.yml:1:1: invalid configuration format: the top level must be a mapping",
                p.problems().get(0).toString());
        assertTrue(p.jobs().isEmpty());
    }

    @Test
    void invalidAndEmptyImagesAreReportedNotThrown() {
        Pipeline p = pipeline("""
                a:
                  image: python 3.7
                  script: [x]
                b:
                  image:
                  services: [!reference [.x, services]]
                  script: [x]
                """);
        List<ImageUse> uses = p.imageUses();
        assertEquals(1, uses.size());
        assertFalse(uses.get(0).ref().valid());
        assertTrue(uses.get(0).ref().problem().contains("\"python 3.7\""), uses.get(0).ref().problem());
    }
}
