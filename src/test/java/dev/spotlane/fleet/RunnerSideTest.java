package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.Mirror;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.policy.YamlJson;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/** The pull-through cache's files, the shared cache in config.toml, and the IAM statements both add. */
class RunnerSideTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fleet");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Policy rules(String images, String fleet) throws Exception {
        String text = Files.readString(Path.of("rules/spotlane.yml"));
        text = text.substring(0, text.indexOf("  mirror:")) + images
                + text.substring(text.indexOf("fleet:"));
        text = text.replace("fleet:                        # used by the runner config and cost estimates\n",
                "fleet:\n" + fleet);
        return PolicyLoader.load(new Source("rules.yml", text), Path.of("."));
    }

    private static JsonNode yaml(String text) {
        ParseResult r = new YamlParser().parse(new Source("config.yml", text));
        assertTrue(r.ok(), () -> text + "\n" + r.error());
        return YamlJson.toJson(r.file().documents().get(0).root());
    }

    @Test
    void theBundledRulesDeclareADockerHubRegistryMirror() throws Exception {
        Policy bundled = PolicyLoader.load(Source.read(Path.of("rules/spotlane.yml")), Path.of("."));
        Mirror.RegistryMirror m = (Mirror.RegistryMirror) bundled.images().mirror();
        assertEquals(Mirror.DOCKER_HUB, m.upstream());
        assertEquals(":5000", m.listen());
        assertEquals("168h", m.ttl());
        assertEquals(null, bundled.fleet().cache(), "no bucket is assumed");
    }

    @Test
    void registryMirrorFilesMatchTheirGoldensAndParse() throws Exception {
        Policy p = rules("""
                  mirror:
                    kind: registry-mirror
                    url: https://mirror.ci.example:5000
                    listen: "0.0.0.0:5000"
                    storage: /srv/mirror
                    ttl: 72h
                    tls: { certificate: /etc/ssl/mirror.crt, key: /etc/ssl/mirror.key }
                    upstream_credentials: { username_env: DOCKER_HUB_USER, password_env: DOCKER_HUB_TOKEN }

                """, "");
        Map<String, String> files = MirrorConfig.files((Mirror.RegistryMirror) p.images().mirror(), p.source());
        assertEquals(List.of("config.yml", "spotlane-mirror.service", "compose.yml", "daemon.json",
                "credentials.env.example"), List.copyOf(files.keySet()));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Golden.assertMatches(GOLDEN.resolve("mirror/" + f.getKey()), f.getValue());
        }
        JsonNode config = yaml(files.get("config.yml"));
        assertEquals("https://registry-1.docker.io", config.path("proxy").path("remoteurl").asString());
        assertEquals("72h", config.path("proxy").path("ttl").asString());
        assertEquals("0.0.0.0:5000", config.path("http").path("addr").asString());
        assertEquals("/etc/ssl/mirror.crt", config.path("http").path("tls").path("certificate").asString());
        assertEquals("/srv/mirror", config.path("storage").path("filesystem").path("rootdirectory").asString());
        assertFalse(files.get("config.yml").contains("password:"), "no credential in the registry's config");
        JsonNode compose = yaml(files.get("compose.yml"));
        assertEquals("registry:2", compose.path("services").path("spotlane-mirror").path("image").asString());
        assertEquals("5000:5000", compose.path("services").path("spotlane-mirror").path("ports").get(0).asString());
        JsonNode daemon = JSON.readTree(files.get("daemon.json"));
        assertEquals("https://mirror.ci.example:5000", daemon.path("registry-mirrors").get(0).asString());
        assertTrue(daemon.path("insecure-registries").isMissingNode(), "TLS: no insecure registry");
        assertTrue(files.get("spotlane-mirror.service").contains("EnvironmentFile=/etc/spotlane-mirror/credentials.env"));
    }

    @Test
    void aPlainHttpMirrorIsAnInsecureRegistryOfTheDaemon() throws Exception {
        Policy p = rules("  mirror: { kind: registry-mirror, url: \"http://10.0.0.5:5000\" }\n\n", "");
        JsonNode daemon = JSON.readTree(MirrorConfig.daemonJson((Mirror.RegistryMirror) p.images().mirror()));
        assertEquals("http://10.0.0.5:5000", daemon.path("registry-mirrors").get(0).asString());
        assertEquals("10.0.0.5:5000", daemon.path("insecure-registries").get(0).asString());
    }

    @Test
    void ecrPullThroughCommandsHelperAndStatements() throws Exception {
        Policy p = rules("""
                  mirror: { kind: ecr-pull-through, account: "123456789012", region: eu-west-1, prefix: docker-hub }

                """, "");
        Mirror.EcrPullThrough e = (Mirror.EcrPullThrough) p.images().mirror();
        Map<String, String> files = EcrPullThroughSetup.files(e, p.source());
        for (Map.Entry<String, String> f : files.entrySet()) {
            Golden.assertMatches(GOLDEN.resolve("ecr/" + f.getKey()), f.getValue());
        }
        assertEquals("ecr-login", JSON.readTree(files.get("docker-config.json")).path("credHelpers")
                .path("123456789012.dkr.ecr.eu-west-1.amazonaws.com").asString());
        assertTrue(files.get("ecr-pull-through.sh").contains("--ecr-repository-prefix docker-hub"));
        assertFalse(files.get("ecr-pull-through.sh").matches("(?s).*accessToken\\\\\":\\\\\"[a-z0-9].*"),
                "the token is a variable, never a value");
        JsonNode iam = JSON.readTree(files.get("iam-ecr-pull.json"));
        assertLeastPrivilege(iam);
        assertEquals("arn:aws:ecr:eu-west-1:123456789012:repository/docker-hub/*",
                iam.path("Statement").get(1).path("Resource").asString());
    }

    @Test
    void theSharedCacheGoesIntoConfigTomlAndTheManagersPolicy() throws Exception {
        Policy p = rules("\n", "  cache: { bucket: spotlane-ci-cache, path: runner/ }\n");
        RunnerConfig c = RunnerConfig.generate(p);
        JsonNode root = new TomlMapper().readTree(c.toml());
        for (JsonNode runner : root.path("runners")) {
            JsonNode cache = runner.path("cache");
            assertEquals("s3", cache.path("Type").asString());
            assertTrue(cache.path("Shared").asBoolean());
            assertEquals("spotlane-ci-cache", cache.path("s3").path("BucketName").asString());
            assertEquals("us-east-1", cache.path("s3").path("BucketLocation").asString());
            assertEquals("iam", cache.path("s3").path("AuthenticationType").asString());
        }
        String json = IamPolicy.json(p, "123456789012");
        Golden.assertMatches(GOLDEN.resolve("iam-policy-cache.json"), json);
        JsonNode iam = JSON.readTree(json);
        assertLeastPrivilege(iam);
        List<String> resources = new ArrayList<>();
        iam.path("Statement").forEach(s -> resources.add(s.path("Resource").toString()));
        assertTrue(resources.contains("\"arn:aws:s3:::spotlane-ci-cache/runner/*\""), resources.toString());
        assertTrue(resources.contains("\"arn:aws:s3:::spotlane-ci-cache\""), resources.toString());
    }

    @Test
    void withoutCacheOrEcrThePolicyIsTheFleetingPluginsAlone() throws Exception {
        Policy bundled = PolicyLoader.load(Source.read(Path.of("rules/spotlane.yml")), Path.of("."));
        assertEquals(IamPolicy.json(bundled.fleet(), "123456789012"), IamPolicy.json(bundled, "123456789012"));
    }

    @Test
    void badMirrorSettingsAreRejectedAtTheirLine() throws Exception {
        try {
            rules("  mirror: { kind: ecr-pull-through, credential_secret: docker-hub }\n\n", "");
            throw new AssertionError("accepted a secret name Amazon refuses");
        } catch (PolicyException e) {
            assertTrue(e.getMessage().contains("rules.yml:"), e.getMessage());
            assertTrue(e.getMessage().contains("credential_secret"), e.getMessage());
        }
    }

    /** No wildcard action; "*" resources only for calls AWS cannot scope. */
    static void assertLeastPrivilege(JsonNode policy) {
        for (JsonNode s : policy.path("Statement")) {
            List<String> actions = new ArrayList<>();
            if (s.path("Action").isArray()) {
                s.path("Action").forEach(a -> actions.add(a.asString()));
            } else {
                actions.add(s.path("Action").asString());
            }
            actions.forEach(a -> assertFalse(a.contains("*"), "wildcard action " + a));
            if (s.path("Resource").isString() && "*".equals(s.path("Resource").asString())) {
                assertTrue(s.path("Sid").asString().contains("CannotBeScoped"), s.toString());
            }
        }
    }
}
