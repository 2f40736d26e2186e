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
            assertTrue(e.getRequest().getUrl().contains("ref=main"), e.getRequest().getUrl());
        }
        server.verify(3, getRequestedFor(urlPathMatching("/api/v4/projects/.*")));
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
