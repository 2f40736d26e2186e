package dev.spotlane.gitlab;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.spotlane.policy.Route;
import dev.spotlane.policy.RulesChain;
import dev.spotlane.policy.RulesSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Central rules read from another project through the API with a CI job token, on a WireMock GitLab. */
class GitLabRulesSourceTest {
    private static final String JOB_TOKEN = "glcbt-64_JobT0kenS3cret";
    private WireMockServer server;

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void file(String path, String text) {
        String body = "{\"file_name\":\"" + path + "\",\"file_path\":\"" + path + "\",\"size\":" + text.length()
                + ",\"encoding\":\"base64\",\"ref\":\"main\",\"commit_id\":\"" + "a".repeat(40) + "\","
                + "\"content\":\"" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "\"}";
        server.stubFor(get(urlPathMatching("/api/v4/projects/group(%2F|/)ci(-|%2D)policy/repository/files/"
                + path.replace(".", "(\\.|%2E)").replace("/", "(%2F|/)")))
                .withHeader("JOB-TOKEN", equalTo(JOB_TOKEN))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void centralRulesAndTheirAllowlistAreReadWithTheJobToken(@TempDir Path repo) throws Exception {
        file("spotlane.yml", "version: 1\nrouting:\n  policy: explicit\n  cloud_tag: cloud\n"
                + "  classes: { t4g: { tags: [t4g], default: true } }\n"
                + "  routes: [{ name: central-all, match: { jobs: ['*'] }, class: t4g }]\n"
                + "images:\n  allowlist: [ami/images.txt]\n");
        file("ami/images.txt", "docker.io/library/alpine:3.20\n");
        Files.writeString(repo.resolve(".spotlane.yml"), "extends: { project: group/ci-policy, file: spotlane.yml,"
                + " ref: main }\nrouting:\n  routes:\n    - { name: mine, match: { jobs: [build] }, class: t4g }\n");

        try (GitLabRulesSource source = GitLabRulesSource.withJobToken(server.baseUrl() + "/api/v4",
                new Secret(JOB_TOKEN))) {
            RulesChain.Result r = RulesChain.load(repo.resolve(".spotlane.yml"), repo, source);
            assertEquals(List.of(), r.notices(), server.getAllServeEvents().stream()
                    .map(e -> e.getRequest().getUrl() + " " + e.getRequest().getHeaders().keys()).toList().toString());
            assertEquals(List.of("mine", "central-all"),
                    r.policy().routing().routes().stream().map(Route::name).toList());
            assertEquals("docker.io/library/alpine:3.20\n", source.read("group/ci-policy", "ami/images.txt", "main"));
            assertFalse(r.merged().toString().contains(JOB_TOKEN));
        }
        List<ServeEvent> events = server.getAllServeEvents();
        assertEquals(3, events.size(), "the rules, the allowlist they name, the test's own read");
        for (ServeEvent e : events) {
            assertEquals(JOB_TOKEN, e.getRequest().getHeader("JOB-TOKEN"), e.getRequest().getUrl());
            assertFalse(e.getRequest().containsHeader("PRIVATE-TOKEN"), e.getRequest().getUrl());
            assertTrue(e.getRequest().getUrl().contains("ref=main") || e.getRequest().getUrl().contains("ref=aaaa"),
                    e.getRequest().getUrl());
        }
        server.verify(3, getRequestedFor(urlPathMatching("/api/v4/projects/.*")));
    }

    @Test
    void theCentralAllowlistMakesImageNotInAllowlistFireInTheApplicationRepository(@TempDir Path repo)
            throws Exception {
        // the central project keeps its rules in policy/ and names its allowlist relative to them
        file("policy/spotlane.yml", "version: 1\nrouting:\n  policy: overflow\n  cloud_tag: cloud\n"
                + "  classes: { t4g: { tags: [t4g], default: true } }\n  routes: [{ name: all, match: { jobs: ['*'] }, class: t4g }]\n"
                + "images:\n  allowlist: [../ami/images.txt]\n");
        file("ami/images.txt", "docker.io/library/alpine:3.20\n");
        // the application repository: its own allowlist must not be what is read
        Files.createDirectories(repo.resolve("ami"));
        Files.writeString(repo.resolve("ami/images.txt"), "docker.io/library/node:22\n");
        Files.writeString(repo.resolve(".spotlane.yml"), "extends: { project: group/ci-policy,"
                + " file: policy/spotlane.yml, ref: main }\n");
        Files.writeString(repo.resolve(".gitlab-ci.yml"), "build:\n  image: node:22\n  script: [make]\n"
                + "test:\n  image: alpine:3.20\n  script: [make test]\n");
        List<String> notices = new java.util.ArrayList<>();
        List<dev.spotlane.lint.Finding> findings;
        try (GitLabRulesSource source = GitLabRulesSource.withJobToken(server.baseUrl() + "/api/v4",
                new Secret(JOB_TOKEN))) {
            dev.spotlane.policy.Policy policy = dev.spotlane.Spotlane.policy(repo, null, source, notices::add);
            findings = dev.spotlane.Spotlane.lint(repo, policy);
        }
        assertEquals(List.of(), notices);
        List<String> fired = findings.stream().filter(f -> f.toString().contains("[image-not-in-allowlist]"))
                .map(Object::toString).toList();
        assertEquals(1, fired.size(), findings.toString());
        assertTrue(fired.get(0).contains("/.gitlab-ci.yml:2:10: image \"docker.io/library/node:22\" is not in the AMI"
                + " allowlist"), fired.get(0));
        List<ServeEvent> events = new java.util.ArrayList<>(server.getAllServeEvents());
        java.util.Collections.reverse(events); // the journal lists the newest first
        assertEquals(2, events.size(), "the rules and the allowlist they name");
        for (ServeEvent e : events) {
            assertEquals(JOB_TOKEN, e.getRequest().getHeader("JOB-TOKEN"), e.getRequest().getUrl());
        }
        // the rules at the ref; the allowlist at the commit the ref named then
        assertTrue(events.get(0).getRequest().getUrl().contains("ref=main"), events.get(0).getRequest().getUrl());
        assertTrue(events.get(1).getRequest().getUrl().contains("ref=" + "a".repeat(40)),
                events.get(1).getRequest().getUrl());
        assertTrue(events.stream().anyMatch(e -> e.getRequest().getUrl().matches(".*files/ami(%2F|/)images(\\.|%2E)"
                + "txt.*")), events.stream().map(e -> e.getRequest().getUrl()).toList().toString());
    }

    @Test
    void aCentralAllowlistThatCannotBeReadIsSaidOnce(@TempDir Path repo) throws Exception {
        file("spotlane.yml", "version: 1\nrouting:\n  policy: overflow\n  cloud_tag: cloud\n"
                + "  classes: { t4g: { tags: [t4g], default: true } }\n  routes: [{ name: all, match: { jobs: ['*'] }, class: t4g }]\n"
                + "images:\n  allowlist: [ami/images.txt]\n");
        Files.writeString(repo.resolve(".spotlane.yml"), "extends: { project: group/ci-policy, file: spotlane.yml,"
                + " ref: main }\n");
        try (GitLabRulesSource source = GitLabRulesSource.withJobToken(server.baseUrl() + "/api/v4",
                new Secret(JOB_TOKEN))) {
            RulesChain.Result r = RulesChain.load(repo.resolve(".spotlane.yml"), repo, source);
            assertEquals(List.of("the allowlist \"group/ci-policy:ami/images.txt@main\" named by the central rules"
                    + " could not be read (\"ami/images.txt\" of group/ci-policy at \"main\": not found, or the token"
                    + " cannot see it); image-not-in-allowlist has no allowlist to check images against"), r.notices());
        }
    }

    @Test
    void aCentralAllowlistOutsideItsProjectIsRefusedAtItsLine(@TempDir Path repo) throws Exception {
        file("spotlane.yml", "version: 1\nrouting:\n  policy: overflow\n  cloud_tag: cloud\n"
                + "  classes: { t4g: { tags: [t4g], default: true } }\n  routes: [{ name: all, match: { jobs: ['*'] }, class: t4g }]\n"
                + "images:\n  allowlist: [../../etc/passwd]\n");
        Files.writeString(repo.resolve(".spotlane.yml"), "extends: { project: group/ci-policy, file: spotlane.yml,"
                + " ref: main }\n");
        try (GitLabRulesSource source = GitLabRulesSource.withJobToken(server.baseUrl() + "/api/v4",
                new Secret(JOB_TOKEN))) {
            dev.spotlane.policy.PolicyException e = assertThrows(dev.spotlane.policy.PolicyException.class,
                    () -> RulesChain.load(repo.resolve(".spotlane.yml"), repo, source));
            assertEquals("group/ci-policy:spotlane.yml@main:8:15: images: allowlist \"../../etc/passwd\" is outside"
                    + " project group/ci-policy; not read [rules-extends]", e.getMessage());
        }
    }

    @Test
    void anUnreachableCentralProjectFallsBackOnceWithoutPrintingTheToken(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve(".spotlane.yml"), "extends: { project: group/ci-policy, file: spotlane.yml }\n");
        try (GitLabRulesSource source = GitLabRulesSource.withJobToken(server.baseUrl() + "/api/v4",
                new Secret(JOB_TOKEN))) {
            RulesSource.Unavailable e = assertThrows(RulesSource.Unavailable.class,
                    () -> source.read("group/ci-policy", "spotlane.yml", null));
            assertFalse(e.getMessage().contains(JOB_TOKEN), e.getMessage());
            RulesChain.Result r = RulesChain.load(repo.resolve(".spotlane.yml"), repo, source);
            assertEquals(1, r.notices().size(), r.notices().toString());
            assertTrue(r.notices().get(0).contains("could not be read (\"spotlane.yml\" of group/ci-policy at \"HEAD\":"
                    + " not found, or the token cannot see it)"), r.notices().get(0));
            assertFalse(r.notices().get(0).contains(JOB_TOKEN));
        }
    }
}
