package dev.spotlane.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerAuthConfigTest {
    private static final String SECRET = "s3cr3t-Pa55";

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authsByHostWithDockerHubAliases() throws Exception {
        DockerAuthConfig c = DockerAuthConfig.parse("DOCKER_AUTH_CONFIG", "{\"auths\": {"
                + "\"https://index.docker.io/v1/\": {\"auth\": \"" + b64("hubuser:" + SECRET) + "\"},"
                + "\"registry.gitlab.com\": {\"username\": \"gl\", \"password\": \"" + SECRET + "\"},"
                + "\"http://127.0.0.1:5000\": {\"auth\": \"" + b64("local:pw:with:colons") + "\"},"
                + "\"quay.io\": {\"auth\": \"\", \"identitytoken\": \"refresh-" + SECRET + "\"}}}");
        Credential hub = c.find("docker.io").credential();
        assertEquals("hubuser", hub.username());
        assertEquals(SECRET, hub.password());
        assertEquals("gl", c.find("registry.gitlab.com").credential().username());
        assertEquals("pw:with:colons", c.find("127.0.0.1:5000").credential().password());
        assertEquals("refresh-" + SECRET, c.find("quay.io").credential().identityToken());
        assertNull(c.find("ghcr.io").credential());
        assertNull(c.find("ghcr.io").note());
        assertFalse(hub.toString().contains(SECRET));
        assertFalse(c.toString().contains(SECRET));
    }

    @Test
    void credentialHelpersAreReportedNotRun() throws Exception {
        DockerAuthConfig c = DockerAuthConfig.parse("config.json", "{\"credHelpers\": {"
                + "\"123456789012.dkr.ecr.eu-west-1.amazonaws.com\": \"ecr-login\"}, \"credsStore\": \"desktop\","
                + "\"auths\": {\"ghcr.io\": {}}}");
        DockerAuthConfig.Lookup ecr = c.find("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
        assertNull(ecr.credential());
        assertTrue(ecr.note().contains("\"docker-credential-ecr-login\""), ecr.note());
        assertTrue(c.find("ghcr.io").note().contains("docker-credential-desktop"), c.find("ghcr.io").note());
    }

    @Test
    void invalidJsonNeverQuotesTheText() {
        RegistryException e = assertThrows(RegistryException.class, () -> DockerAuthConfig.parse(
                "DOCKER_AUTH_CONFIG", "{\"auths\": {\"x\": {\"auth\": \"" + SECRET + "\" oops"));
        assertEquals("DOCKER_AUTH_CONFIG: not valid JSON at line 1, column 40", e.getMessage());
        RegistryException notBase64 = assertThrows(RegistryException.class, () -> DockerAuthConfig.parse(
                "DOCKER_AUTH_CONFIG", "{\"auths\": {\"x\": {\"auth\": \"" + SECRET + "!\"}}}"));
        assertFalse(notBase64.getMessage().contains(SECRET), notBase64.getMessage());
    }

    @Test
    void loadsFromEnvThenDockerConfigThenHome(@TempDir Path home) throws Exception {
        assertNull(DockerAuthConfig.load(k -> null, home).find("docker.io").credential());
        Files.createDirectories(home.resolve(".docker"));
        Files.writeString(home.resolve(".docker/config.json"),
                "{\"auths\": {\"docker.io\": {\"auth\": \"" + b64("fromhome:x") + "\"}}}");
        assertEquals("fromhome", DockerAuthConfig.load(k -> null, home).find("docker.io").credential().username());
        Path other = Files.createDirectories(home.resolve("other"));
        Files.writeString(other.resolve("config.json"),
                "{\"auths\": {\"docker.io\": {\"auth\": \"" + b64("fromdir:x") + "\"}}}");
        Map<String, String> env = Map.of("DOCKER_CONFIG", other.toString());
        assertEquals("fromdir", DockerAuthConfig.load(env::get, home).find("docker.io").credential().username());
        Map<String, String> both = Map.of("DOCKER_CONFIG", other.toString(), "DOCKER_AUTH_CONFIG",
                "{\"auths\": {\"docker.io\": {\"auth\": \"" + b64("fromenv:x") + "\"}}}");
        assertEquals("fromenv", DockerAuthConfig.load(both::get, home).find("docker.io").credential().username());
    }
}
