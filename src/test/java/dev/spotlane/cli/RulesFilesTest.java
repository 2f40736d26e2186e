package dev.spotlane.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.Route;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands' rules: a .spotlane.yml that extends central rules, in CI (job token) and offline. */
class RulesFilesTest {
    private static final String TOKEN = "glcbt-64_S3cretJobT0ken";
    private static final String LOCAL = "extends: { project: group/ci-policy, file: spotlane.yml, ref: main }\n"
            + "routing:\n  routes:\n    - { name: mine, match: { jobs: [build] }, class: t4g }\n";

    @Test
    void inCiTheCentralRulesAreReadWithTheJobToken(@TempDir Path repo) throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            String central = "version: 1\nrouting:\n  policy: explicit\n  cloud_tag: cloud\n"
                    + "  classes: { t4g: { tags: [t4g], default: true } }\n"
                    + "  routes: [{ name: central, match: { jobs: ['*'] }, class: t4g }]\n";
            server.stubFor(get(urlPathMatching("/api/v4/projects/[^/]+/repository/files/spotlane(\\.|%2E)yml"))
                    .withHeader("JOB-TOKEN", equalTo(TOKEN)).willReturn(aResponse()
                            .withHeader("Content-Type", "application/json").withBody("{\"file_path\":\"spotlane.yml\","
                                    + "\"encoding\":\"base64\",\"content\":\"" + Base64.getEncoder().encodeToString(
                                    central.getBytes(StandardCharsets.UTF_8)) + "\"}")));
            Files.writeString(repo.resolve(".spotlane.yml"), LOCAL);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Policy p = RulesFiles.load(null, repo, null, Map.of("CI_API_V4_URL", server.baseUrl() + "/api/v4",
                    "CI_JOB_TOKEN", TOKEN)::get, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(List.of("mine", "central"), p.routing().routes().stream().map(Route::name).toList());
            assertEquals("", err.toString(StandardCharsets.UTF_8));
        } finally {
            server.stop();
        }
    }

    @Test
    void offlineTheCommandSaysOnceWhatItUsedInstead(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve(".spotlane.yml"), LOCAL);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Policy p = RulesFiles.load(null, repo, null, Map.<String, String>of()::get, new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertEquals("spotlane: the central rules \"group/ci-policy:spotlane.yml@main\" could not be read (no GitLab"
                + " URL or token: in CI spotlane uses CI_API_V4_URL and CI_JOB_TOKEN, outside give --gitlab-url and"
                + " --token-env); using " + repo.resolve(".spotlane.yml").toString().replace('\\', '/')
                + " over the bundled rules instead", text.strip());
        assertEquals("mine", p.routing().routes().get(0).name());
        assertFalse(text.contains(TOKEN));
    }

    private static String stderrOf(Path repo, GitLabOptions gitlab, Map<String, String> env) {
        java.util.function.Function<String, String> lookup = env::get;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RulesFiles.load(null, repo, gitlab, lookup, new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void inCiA401Or404IsAWarningSaidOnceNamingProjectFileRefWhyAndWhatWasUsed(@TempDir Path repo) throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            Files.writeString(repo.resolve(".spotlane.yml"), LOCAL);
            server.stubFor(get(urlPathMatching("/api/v4/projects/.*")).willReturn(aResponse().withStatus(401)
                    .withBody("{\"message\":\"401 Unauthorized\"}")));
            Map<String, String> ci = Map.of("CI_API_V4_URL", server.baseUrl() + "/api/v4", "CI_JOB_TOKEN", TOKEN);
            String text = stderrOf(repo, null, ci);
            assertEquals(1, text.lines().count(), text);
            String local = repo.resolve(".spotlane.yml").toString().replace('\\', '/');
            assertEquals("spotlane: the central rules \"group/ci-policy:spotlane.yml@main\" could not be read"
                    + " (\"spotlane.yml\" of group/ci-policy at \"main\": HTTP 401: the token was refused); using "
                    + local + " over the bundled rules instead", text.strip());
            server.resetAll();
            server.stubFor(get(urlPathMatching("/api/v4/projects/.*")).willReturn(aResponse().withStatus(404)
                    .withBody("{\"message\":\"404 Project Not Found\"}")));
            text = stderrOf(repo, null, ci);
            assertEquals(1, text.lines().count(), text);
            assertTrue(text.contains("not found, or the token cannot see it); using " + local
                    + " over the bundled rules instead"), text);
            assertFalse(text.contains(TOKEN));
        } finally {
            server.stop();
        }
    }

    @Test
    void inCiNoNetworkIsAWarning(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve(".spotlane.yml"), LOCAL);
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String text = stderrOf(repo, null, Map.of("CI_API_V4_URL", "http://127.0.0.1:" + port + "/api/v4",
                "CI_JOB_TOKEN", TOKEN));
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.contains("\"spotlane.yml\" of group/ci-policy at \"main\": GitLab did not answer); using "), text);
    }

    @Test
    void withGitLabUrlGivenAnUnreadableCentralFileIsABadInput(@TempDir Path repo) throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            Files.writeString(repo.resolve(".spotlane.yml"), LOCAL);
            server.stubFor(get(urlPathMatching("/api/v4/projects/.*")).willReturn(aResponse().withStatus(404)
                    .withBody("{\"message\":\"404 Project Not Found\"}")));
            GitLabOptions gitlab = new GitLabOptions();
            gitlab.gitlabUrl = server.baseUrl();
            gitlab.tokenEnv = "CENTRAL_TOKEN";
            UserError e = assertThrows(UserError.class, () -> stderrOf(repo, gitlab,
                    Map.of("CENTRAL_TOKEN", "glpat-S3cret")));
            assertTrue(e.getMessage().startsWith("spotlane: the central rules \"group/ci-policy:spotlane.yml@main\""
                    + " could not be read (\"spotlane.yml\" of group/ci-policy at \"main\": not found"), e.getMessage());
            assertEquals("glpat-S3cret", server.getAllServeEvents().get(0).getRequest().getHeader("PRIVATE-TOKEN"));
        } finally {
            server.stop();
        }
    }

    @Test
    void rulesProjectGivesARepositoryWithoutRulesTheCentralOnesAndSaysWhenItsOwnFileWins(@TempDir Path repo)
            throws Exception {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        try {
            String central = "version: 1\nrouting:\n  policy: explicit\n  cloud_tag: cloud\n"
                    + "  classes: { t4g: { tags: [t4g], default: true } }\n"
                    + "  routes: [{ name: central, match: { jobs: ['*'] }, class: t4g }]\n";
            server.stubFor(get(urlPathMatching("/api/v4/projects/group(%2F|/)ci(-|%2D)policy/repository/files/"
                    + "policy(%2F|/)fleet(\\.|%2E)yml")).withQueryParam("ref", equalTo("v2"))
                    .withHeader("JOB-TOKEN", equalTo(TOKEN)).willReturn(aResponse()
                            .withHeader("Content-Type", "application/json").withBody("{\"file_path\":\"x\","
                                    + "\"encoding\":\"base64\",\"content\":\"" + Base64.getEncoder().encodeToString(
                                    central.getBytes(StandardCharsets.UTF_8)) + "\"}")));
            Map<String, String> ci = Map.of("CI_API_V4_URL", server.baseUrl() + "/api/v4", "CI_JOB_TOKEN", TOKEN);
            RulesFiles.Central named = new RulesFiles.Central("group/ci-policy", "policy/fleet.yml", "v2");
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Policy p = RulesFiles.load(null, named, repo, null, ci::get, new PrintStream(err, true,
                    StandardCharsets.UTF_8));
            assertEquals(List.of("central"), p.routing().routes().stream().map(Route::name).toList(),
                    err.toString(StandardCharsets.UTF_8) + p.source());
            assertEquals("", err.toString(StandardCharsets.UTF_8));
            assertTrue(p.source().contains("group/ci-policy:policy/fleet.yml@v2"), p.source());

            Files.writeString(repo.resolve(".spotlane.yml"), "version: 1\nrouting:\n  policy: explicit\n"
                    + "  classes: { mine: { tags: [mine], default: true } }\n"
                    + "  routes: [{ name: own, match: { jobs: ['*'] }, class: mine }]\n");
            err.reset();
            p = RulesFiles.load(null, named, repo, null, ci::get, new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(List.of("own"), p.routing().routes().stream().map(Route::name).toList());
            assertTrue(err.toString(StandardCharsets.UTF_8).contains(".spotlane.yml is used, not --rules-project"
                    + " group/ci-policy:policy/fleet.yml@v2"), err.toString(StandardCharsets.UTF_8));
        } finally {
            server.stop();
        }
    }
}
