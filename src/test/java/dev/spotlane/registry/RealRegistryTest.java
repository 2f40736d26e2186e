package dev.spotlane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The registry client against a real CNCF Distribution 2.8 (Debian's {@code docker-registry}) on 127.0.0.1, once
 * open and once behind htpasswd basic auth, holding images built here (amd64 only, arm64 only, an index of both with
 * an attestation) and pushed with {@code skopeo copy --all}. Skipped with a message when the tools are missing,
 * except under {@code CI=true}.
 */
@ExtendWith(Registries.Resolver.class)
class RealRegistryTest {
    static final String USER = Registries.USER;
    static final String PASSWORD = Registries.PASSWORD;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T16:00:00Z"), ZoneOffset.UTC);

    static LocalRegistry open;
    static LocalRegistry locked;
    static List<OciLayout.Descriptor> images;

    @BeforeEach
    void registries(Registries r) {
        open = r.open();
        locked = r.locked();
        images = r.images();
    }

    static RegistryClient client(DockerAuthConfig logins, List<String> notes) {
        return new RegistryClient(logins, Duration.ofSeconds(10), new Retry(2, Duration.ofMillis(50),
                Duration.ofMillis(50), d -> { }), CLOCK, notes::add, "spotlane-test");
    }

    static DockerAuthConfig login(String registry, String password) throws RegistryException {
        String auth = Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
        return DockerAuthConfig.parse("DOCKER_AUTH_CONFIG", "{\"auths\": {\"" + registry + "\": {\"auth\": \""
                + auth + "\"}}}");
    }

    @Test
    void readsSinglePlatformImagesFromTheirConfigAndIndexesFromTheirEntries() throws Exception {
        RegistryClient client = client(DockerAuthConfig.none(), new ArrayList<>());
        ManifestPlatforms amd64 = client.read(ImageRef.parse(open.host() + "/spotlane/amd64:1"));
        assertEquals(List.of("linux/amd64"), amd64.platforms());
        assertFalse(amd64.arm64());
        assertEquals(images.get(0).digest(), amd64.digest());

        ManifestPlatforms arm64 = client.read(ImageRef.parse(open.host() + "/spotlane/arm64:1"));
        assertEquals(List.of("linux/arm64/v8"), arm64.platforms());
        assertTrue(arm64.arm64());
        assertEquals(images.get(1).digest(), arm64.digest());

        // the attestation manifest (unknown/unknown) is not a platform
        ManifestPlatforms multi = client.read(ImageRef.parse(open.host() + "/spotlane/multi:1"));
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), multi.platforms());
        assertEquals(images.get(2).digest(), multi.digest());
        assertEquals(Instant.parse("2026-12-05T16:00:00Z"), multi.readAt());
    }

    @Test
    void readsByDigestAndReportsWhatIsMissing() throws Exception {
        RegistryClient client = client(DockerAuthConfig.none(), new ArrayList<>());
        String digest = images.get(2).digest();
        ManifestPlatforms pinned = client.read(ImageRef.parse(open.host() + "/spotlane/multi@" + digest));
        assertEquals(digest, pinned.digest());
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), pinned.platforms());

        RegistryException tag = assertThrows(RegistryException.class,
                () -> client.read(ImageRef.parse(open.host() + "/spotlane/multi:2")));
        assertEquals(open.host() + "/spotlane/multi: manifest \"2\" not found (HTTP 404, MANIFEST_UNKNOWN)",
                tag.getMessage());
        RegistryException repo = assertThrows(RegistryException.class,
                () -> client.read(ImageRef.parse(open.host() + "/spotlane/none:1")));
        assertEquals(open.host() + "/spotlane/none: manifest \"1\" not found (HTTP 404, MANIFEST_UNKNOWN)",
                repo.getMessage());
    }

    @Test
    void htpasswdRegistryNeedsTheLogin() throws Exception {
        ImageRef multi = ImageRef.parse(locked.host() + "/spotlane/multi:1");
        RegistryException anonymous = assertThrows(RegistryException.class,
                () -> client(DockerAuthConfig.none(), new ArrayList<>()).read(multi));
        assertEquals(locked.host() + "/spotlane/multi: the registry needs a login and none was found for \""
                + locked.host() + "\" (DOCKER_AUTH_CONFIG or ~/.docker/config.json)", anonymous.getMessage());

        RegistryException wrong = assertThrows(RegistryException.class,
                () -> client(login(locked.host(), "not-" + PASSWORD), new ArrayList<>()).read(multi));
        assertEquals(locked.host() + "/spotlane/multi: the registry refused the login (HTTP 401, UNAUTHORIZED)",
                wrong.getMessage());
        assertFalse(wrong.getMessage().contains(PASSWORD));

        ManifestPlatforms read = client(login(locked.host(), PASSWORD), new ArrayList<>()).read(multi);
        assertEquals(List.of("linux/amd64", "linux/arm64/v8"), read.platforms());
        ManifestPlatforms amd64 = client(login("http://" + locked.host() + "/v2/", PASSWORD), new ArrayList<>())
                .read(ImageRef.parse(locked.host() + "/spotlane/amd64:1"));
        assertEquals(List.of("linux/amd64"), amd64.platforms());
    }
}
