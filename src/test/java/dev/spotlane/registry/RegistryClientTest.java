package dev.spotlane.registry;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.spotlane.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry client against a WireMock registry on 127.0.0.1: the Bearer-token challenge (as Docker Hub, GHCR,
 * Quay and GitLab's registry answer), manifest lists, image configs behind redirects, retries and refusals. The
 * real registry ({@code docker-registry}) is {@link RealRegistryTest}'s.
 */
class RegistryClientTest {
    static final String PASSWORD = "hunter2-Pa55word";
    static final String TOKEN = "tok-AbC123-secret";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T16:00:00.750Z"), ZoneOffset.UTC);

    static final String LIST = """
            {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
             "manifests": [
              {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 1,
               "digest": "sha256:%1$s", "platform": {"architecture": "amd64", "os": "linux"}},
              {"mediaType": "application/vnd.docker.distribution.manifest.v2+json", "size": 1,
               "digest": "sha256:%2$s", "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
              {"mediaType": "application/vnd.oci.image.manifest.v1+json", "size": 1,
               "digest": "sha256:%3$s", "platform": {"architecture": "unknown", "os": "unknown"},
               "annotations": {"vnd.docker.reference.type": "attestation-manifest"}}]}
            """.formatted("a".repeat(64), "b".repeat(64), "c".repeat(64));

    WireMockServer server;
    List<Duration> slept = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    @BeforeEach
    void start() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(404)
                .withBody("{\"errors\": [{\"code\": \"NAME_UNKNOWN\", \"message\": \"no such thing\"}]}")));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    String registry() {
        return "127.0.0.1:" + server.port();
    }

    RegistryClient client(DockerAuthConfig logins) {
        return new RegistryClient(logins, Duration.ofSeconds(5), new Retry(3, Duration.ofMillis(100),
                Duration.ofSeconds(2), slept::add), CLOCK, notes::add, "spotlane-test");
    }

    static DockerAuthConfig login(String registry) throws RegistryException {
        String auth = Base64.getEncoder().encodeToString(("ci-user:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return DockerAuthConfig.parse("DOCKER_AUTH_CONFIG", "{\"auths\": {\"" + registry + "\": {\"auth\": \""
                + auth + "\"}}}");
    }

    /** 401 with a Bearer challenge unless the token is sent; the token endpoint hands it out. */
    void bearerRegistry(String manifestPath, String body, String contentType) {
        String realm = "http://127.0.0.1:" + server.port() + "/token";
        server.stubFor(get(urlEqualTo(manifestPath)).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer realm=\"" + realm
                        + "\",service=\"fake-registry\",scope=\"repository:team/app:pull\"")
                        .withBody("{\"errors\": [{\"code\": \"UNAUTHORIZED\"}]}")));
        server.stubFor(get(urlEqualTo(manifestPath)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body)));
        server.stubFor(get(urlPathEqualTo("/token"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token\": \"" + TOKEN + "\", \"expires_in\": 300}")));
    }

    @Test
    void bearerChallengeWithLoginGivesTheListsPlatforms() throws Exception {
        bearerRegistry("/v2/team/app/manifests/1.0", LIST, "application/vnd.docker.distribution.manifest.list.v2+json");
        ManifestPlatforms p = client(login(registry())).read(ImageRef.parse(registry() + "/team/app:1.0"));

        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), p.platforms());
        assertTrue(p.arm64());
        assertEquals("sha256:" + RegistryClient.hex("SHA-256", LIST.getBytes(StandardCharsets.UTF_8)), p.digest());
        assertEquals(Instant.parse("2026-12-05T16:00:00Z"), p.readAt());
        // the token was asked for the challenge's service and scope, with the login as Basic auth
        String basic = "Basic " + Base64.getEncoder().encodeToString(("ci-user:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        server.verify(1, getRequestedFor(urlEqualTo("/token?service=fake-registry&scope=repository%3Ateam%2Fapp%3Apull"))
                .withHeader("Authorization", equalTo(basic)));
        // every manifest request accepts all four media types, so the registry serves the list
        server.verify(2, getRequestedFor(urlEqualTo("/v2/team/app/manifests/1.0"))
                .withHeader("Accept", containing("application/vnd.docker.distribution.manifest.list.v2+json"))
                .withHeader("Accept", containing("application/vnd.oci.image.index.v1+json"))
                .withHeader("Accept", containing("application/vnd.docker.distribution.manifest.v2+json"))
                .withHeader("Accept", containing("application/vnd.oci.image.manifest.v1+json")));
        assertEquals(List.of(), slept);
    }

    @Test
    void anonymousTokenForPublicImagesAndTheTokenIsReused() throws Exception {
        bearerRegistry("/v2/team/app/manifests/1.0", LIST, "application/vnd.docker.distribution.manifest.list.v2+json");
        RegistryClient client = client(DockerAuthConfig.none());
        client.read(ImageRef.parse(registry() + "/team/app:1.0"));
        client.read(ImageRef.parse(registry() + "/team/app:1.0"));
        server.verify(1, getRequestedFor(urlPathEqualTo("/token")).withHeader("Authorization", absent()));
        server.verify(1, getRequestedFor(urlEqualTo("/v2/team/app/manifests/1.0"))
                .withHeader("Authorization", absent()));
    }

    @Test
    void singleManifestReadsItsConfigAndDropsTheTokenOnARedirectOffHost() throws Exception {
        String config = "{\"architecture\": \"arm64\", \"os\": \"linux\", \"variant\": \"v8\", \"rootfs\": {}}";
        String configDigest = "sha256:" + RegistryClient.hex("SHA-256", config.getBytes(StandardCharsets.UTF_8));
        String manifest = "{\"schemaVersion\": 2, \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\","
                + " \"config\": {\"mediaType\": \"application/vnd.oci.image.config.v1+json\", \"digest\": \""
                + configDigest + "\", \"size\": " + config.length() + "}, \"layers\": []}";
        bearerRegistry("/v2/team/app/manifests/arm", manifest, "application/vnd.oci.image.manifest.v1+json");
        // the blob store is another origin (localhost instead of 127.0.0.1), as S3 or a CDN is for a real registry
        server.stubFor(get(urlEqualTo("/v2/team/app/blobs/" + configDigest))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(307).withHeader("Location",
                        "http://localhost:" + server.port() + "/blobstore/config?sig=x")));
        server.stubFor(get(urlEqualTo("/blobstore/config?sig=x")).withHeader("Authorization", absent())
                .willReturn(aResponse().withStatus(200).withBody(config)));

        ManifestPlatforms p = client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/app:arm"));
        assertEquals(List.of("linux/arm64/v8"), p.platforms());
        server.verify(1, getRequestedFor(urlEqualTo("/blobstore/config?sig=x")).withHeader("Authorization", absent()));
    }

    @Test
    void pinnedReferencesAreVerifiedAgainstTheirDigest() throws Exception {
        String wrong = "sha256:" + "d".repeat(64);
        bearerRegistry("/v2/team/app/manifests/" + wrong, LIST, "application/vnd.docker.distribution.manifest.list.v2+json");
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/app@" + wrong)));
        assertEquals(registry() + "/team/app: the manifest served does not match its digest \"" + wrong + "\"",
                e.getMessage());

        String right = "sha256:" + RegistryClient.hex("SHA-256", LIST.getBytes(StandardCharsets.UTF_8));
        bearerRegistry("/v2/team/app/manifests/" + right, LIST, "application/vnd.docker.distribution.manifest.list.v2+json");
        ManifestPlatforms p = client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/app:1.0@" + right));
        assertEquals(right, p.digest());
    }

    @Test
    void retriesTooManyRequestsAsRetryAfterSays() throws Exception {
        server.stubFor(get(urlEqualTo("/v2/team/app/manifests/1.0")).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        server.stubFor(get(urlEqualTo("/v2/team/app/manifests/1.0")).inScenario("busy")
                .whenScenarioStateIs("ok").willSetStateTo("ok")
                .willReturn(aResponse().withStatus(200).withBody(LIST)));
        ManifestPlatforms p = client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/app:1.0"));
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), p.platforms());
        assertEquals(List.of(Duration.ofSeconds(1)), slept);
    }

    @Test
    void gives503UpAfterBoundedRetriesWithBackoff() {
        server.stubFor(get(urlEqualTo("/v2/team/app/manifests/1.0")).willReturn(aResponse().withStatus(503)));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/app:1.0")));
        assertEquals(registry() + "/team/app: reading the manifest \"1.0\" failed (HTTP 503)", e.getMessage());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), slept);
        server.verify(3, getRequestedFor(urlEqualTo("/v2/team/app/manifests/1.0")));
    }

    @Test
    void notFoundNamesTheRegistryErrorCodeNotItsText() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/none:1")));
        assertEquals(registry() + "/team/none: manifest \"1\" not found (HTTP 404, NAME_UNKNOWN)", e.getMessage());
        assertEquals(List.of(), slept);
    }

    @Test
    void refusedLoginsAndMissingLoginsAreClearAndNeverShowTheSecret() throws Exception {
        bearerRegistry("/v2/team/app/manifests/1.0", LIST, "application/vnd.docker.distribution.manifest.list.v2+json");
        server.stubFor(get(urlPathEqualTo("/token")).atPriority(1).withHeader("Authorization", containing("Basic"))
                .willReturn(aResponse().withStatus(401)));
        RegistryException refused = assertThrows(RegistryException.class,
                () -> client(login(registry())).read(ImageRef.parse(registry() + "/team/app:1.0")));
        assertEquals(registry() + "/team/app: the token service \"127.0.0.1\" refused the login for \"" + registry()
                + "\" (HTTP 401)", refused.getMessage());

        server.stubFor(get(urlEqualTo("/v2/team/basic/manifests/1")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Basic realm=\"Registry Realm\"")));
        RegistryException none = assertThrows(RegistryException.class,
                () -> client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/basic:1")));
        assertEquals(registry() + "/team/basic: the registry needs a login and none was found for \"" + registry()
                + "\" (DOCKER_AUTH_CONFIG or ~/.docker/config.json)", none.getMessage());
        for (RegistryException e : List.of(refused, none)) {
            assertFalse(e.getMessage().contains(PASSWORD));
            assertFalse(e.getMessage().contains(TOKEN));
        }
    }

    @Test
    void aPrivateImageReadAnonymouslySaysALoginIsMissing() {
        // Docker Hub hands out an anonymous token for any repository, then refuses the manifest of a private one
        bearerRegistry("/v2/team/app/manifests/1.0", LIST, "application/vnd.docker.distribution.manifest.list.v2+json");
        server.stubFor(get(urlEqualTo("/v2/team/app/manifests/1.0")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(aResponse().withStatus(401).withBody("{\"errors\": [{\"code\": \"UNAUTHORIZED\"}]}")));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/app:1.0")));
        assertEquals(registry() + "/team/app: the registry refused the token issued anonymously: the image does not"
                + " exist or needs a login (none found for \"" + registry() + "\") (HTTP 401, UNAUTHORIZED)",
                e.getMessage());
    }

    @Test
    void identityTokensAreExchangedAsRefreshTokens() throws Exception {
        bearerRegistry("/v2/team/app/manifests/1.0", LIST, "application/vnd.docker.distribution.manifest.list.v2+json");
        server.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
                .withBody("{\"access_token\": \"" + TOKEN + "\"}")));
        DockerAuthConfig logins = DockerAuthConfig.parse("DOCKER_AUTH_CONFIG", "{\"auths\": {\"" + registry()
                + "\": {\"identitytoken\": \"refresh-" + PASSWORD + "\"}}}");
        client(logins).read(ImageRef.parse(registry() + "/team/app:1.0"));
        server.verify(1, postRequestedFor(urlEqualTo("/token"))
                .withRequestBody(containing("grant_type=refresh_token"))
                .withRequestBody(containing("refresh_token=refresh-" + PASSWORD))
                .withRequestBody(containing("scope=repository%3Ateam%2Fapp%3Apull")));
    }

    @Test
    void aTokenRealmOverPlainHttpOffLoopbackIsRefused() {
        server.stubFor(get(urlEqualTo("/v2/team/app/manifests/1.0")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer realm=\"http://auth.example.com/token\",service=\"x\"")));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(login(registry())).read(ImageRef.parse(registry() + "/team/app:1.0")));
        assertEquals(registry() + "/team/app: the token service \"auth.example.com\" is not HTTPS; refused",
                e.getMessage());
    }

    @Test
    void aTagWhoseBodyDoesNotMatchTheServedDigestIsRefused() {
        server.stubFor(get(urlEqualTo("/v2/team/app/manifests/1.0")).willReturn(aResponse().withStatus(200)
                .withHeader("Docker-Content-Digest", "sha256:" + "e".repeat(64)).withBody(LIST)));
        RegistryException e = assertThrows(RegistryException.class,
                () -> client(DockerAuthConfig.none()).read(ImageRef.parse(registry() + "/team/app:1.0")));
        assertTrue(e.getMessage().endsWith("does not match its Docker-Content-Digest"), e.getMessage());
    }

    @Test
    void aRegistryThatDoesNotAnswerTimesOut() {
        server.stubFor(get(urlEqualTo("/v2/team/app/manifests/1.0")).willReturn(aResponse().withStatus(200)
                .withBody(LIST).withFixedDelay(3000)));
        RegistryClient client = new RegistryClient(DockerAuthConfig.none(), Duration.ofMillis(300),
                new Retry(2, Duration.ofMillis(10), Duration.ofMillis(10), slept::add), CLOCK, notes::add, "t");
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.read(ImageRef.parse(registry() + "/team/app:1.0")));
        assertEquals("\"127.0.0.1\": request timed out (2 tries)", e.getMessage());
        assertEquals(List.of(Duration.ofMillis(10)), slept);
    }

    @Test
    void connectionRefusedIsRetriedThenReported() {
        int port = server.port();
        server.stop();
        RegistryClient client = client(DockerAuthConfig.none());
        RegistryException e = assertThrows(RegistryException.class,
                () -> client.read(ImageRef.parse("127.0.0.1:" + port + "/team/app:1.0")));
        assertEquals("\"127.0.0.1\": cannot connect (3 tries)", e.getMessage());
        assertEquals(2, slept.size());
        // the same client does not wait for that host again
        RegistryException again = assertThrows(RegistryException.class,
                () -> client.read(ImageRef.parse("127.0.0.1:" + port + "/team/other:1.0")));
        assertEquals("\"127.0.0.1\": not reached earlier in this run; not tried again", again.getMessage());
        assertEquals(2, slept.size());
        server.start();
    }
}
