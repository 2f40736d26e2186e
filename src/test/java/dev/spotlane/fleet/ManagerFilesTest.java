package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.policy.Manager;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * {@code runner-config --manager KIND --write-dir}: every file of every kind from one rules fixture, matched against
 * its golden and read back with a parser (TOML, YAML, JSON; the systemd unit as its sections), and checked for what
 * it must hold: no credential values, the plugin installed before the runner starts, one replica, a liveness check,
 * least-privilege IAM.
 */
class ManagerFilesTest {
    private static final Path DIR = Path.of("src/test/resources/golden/fleet/manager");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Policy rules() throws Exception {
        return PolicyLoader.load(new Source("rules.yml", Files.readString(DIR.resolve("rules.yml"))), DIR);
    }

    static ManagerFiles files(Manager.Kind kind) throws Exception {
        Policy p = rules().withManager(kind);
        return ManagerFiles.generate(p, RunnerConfig.generate(p));
    }

    private static JsonNode yaml(String name, String text) {
        return KubernetesManager.read(name, text);
    }

    @Test
    void everyKindMatchesItsGoldens() throws Exception {
        for (Manager.Kind kind : Manager.Kind.values()) {
            ManagerFiles f = files(kind);
            for (Map.Entry<String, String> file : f.files().entrySet()) {
                Golden.assertMatches(DIR.resolve(kind.label()).resolve(file.getKey()), file.getValue());
            }
            if (!Golden.updating()) {
                try (var listed = Files.list(DIR.resolve(kind.label()))) {
                    assertEquals(new TreeSet<>(f.files().keySet()), new TreeSet<>(listed.map(p -> p.getFileName()
                            .toString()).toList()), kind + ": no stale golden");
                }
            }
        }
    }

    @Test
    void configTomlFollowsWhereTheManagerRuns() throws Exception {
        for (Manager.Kind kind : Manager.Kind.values()) {
            JsonNode toml = new TomlMapper().readTree(files(kind).files().get("config.toml"));
            boolean outside = kind != Manager.Kind.EC2;
            for (JsonNode runner : toml.path("runners")) {
                assertEquals(outside, runner.path("autoscaler").path("connector_config").path("use_external_addr")
                        .asBoolean(), kind.label());
            }
            assertEquals(kind == Manager.Kind.KUBERNETES ? ":9252" : "", toml.path("listen_address").asString(""));
        }
        String header = files(Manager.Kind.SYSTEMD).files().get("config.toml");
        assertTrue(header.contains("# Needs GitLab Runner 18.10.0 or newer:\n"), header);
        assertTrue(header.contains("admits SSH (22/tcp) only from the manager's address MANAGER_CIDR"
                + " (worker-ssh-rule.sh; set fleet.manager.source_cidr)"), header);
    }

    @Test
    void kubernetesObjectsParseAndFitTogether() throws Exception {
        ManagerFiles f = files(Manager.Kind.KUBERNETES);
        Map<String, JsonNode> docs = new LinkedHashMap<>();
        f.files().forEach((name, text) -> {
            if (name.endsWith(".yaml")) {
                docs.put(name, yaml(name, text));
            }
        });
        List<String> resources = new ArrayList<>();
        docs.get("kustomization.yaml").path("resources").forEach(r -> resources.add(r.asString()));
        assertEquals(List.of("namespace.yaml", "secret.yaml", "configmap.yaml", "deployment.yaml"), resources);
        assertTrue(f.files().keySet().containsAll(resources));
        for (String r : resources) {
            String ns = r.equals("namespace.yaml") ? docs.get(r).path("metadata").path("name").asString()
                    : docs.get(r).path("metadata").path("namespace").asString();
            assertEquals("ci-runners", ns, r);
        }

        JsonNode secret = docs.get("secret.yaml");
        assertEquals("Secret", secret.path("kind").asString());
        List<String> keys = new ArrayList<>();
        secret.path("stringData").properties().forEach(e -> {
            keys.add(e.getKey());
            assertEquals(ManagerFiles.REPLACE_ME, e.getValue().asString(), "a placeholder, never a value");
        });
        assertEquals(List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "SPOTLANE_RUNNER_TOKEN_T4G", "C7G_TOKEN"),
                keys);
        assertEquals(Set.of("secret.yaml"), f.secret());

        JsonNode configMap = docs.get("configmap.yaml");
        assertEquals(f.files().get("config.toml"), configMap.path("data").path("config.toml").asString(),
                "the ConfigMap holds config.toml byte for byte");

        JsonNode deployment = docs.get("deployment.yaml");
        assertEquals("apps/v1", deployment.path("apiVersion").asString());
        JsonNode spec = deployment.path("spec");
        assertEquals(1, spec.path("replicas").asInt());
        assertEquals("Recreate", spec.path("strategy").path("type").asString());
        JsonNode pod = spec.path("template").path("spec");
        assertEquals(spec.path("selector").path("matchLabels"), spec.path("template").path("metadata")
                .path("labels"));
        assertEquals(KubernetesManager.sha256(f.files().get("config.toml")), spec.path("template").path("metadata")
                .path("annotations").path("spotlane.dev/config-sha256").asString());
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asString(), v));
        assertEquals(configMap.path("metadata").path("name").asString(), volumes.get("config-template")
                .path("configMap").path("name").asString());

        assertEquals(1, pod.path("initContainers").size());
        JsonNode init = pod.path("initContainers").get(0);
        String initCommand = init.path("command").get(2).asString();
        assertTrue(initCommand.contains("gitlab-runner fleeting --config /etc/gitlab-runner/config.toml install"),
                initCommand);
        assertTrue(initCommand.startsWith("cp /config-template/config.toml /etc/gitlab-runner/config.toml"),
                "the runner writes .runner_system_id next to its config: it gets a writable copy");
        assertEquals(1, pod.path("containers").size());
        JsonNode runner = pod.path("containers").get(0);
        assertEquals(List.of("gitlab-runner", "run", "--config", "/etc/gitlab-runner/config.toml",
                "--working-directory", "/home/gitlab-runner"), strings(runner.path("command")));
        assertEquals("registry.gitlab.com/gitlab-org/gitlab-runner:alpine-v18.11.2", runner.path("image").asString());
        assertEquals(runner.path("image"), init.path("image"));
        for (JsonNode c : List.of(init, runner)) {
            assertEquals("/fleeting/plugins", env(c).get("FLEETING_PLUGIN_PATH"), "the plugin folder both share");
            assertEquals("/fleeting", mounts(c).get("plugins").path("mountPath").asString());
            assertEquals("/etc/gitlab-runner", mounts(c).get("config").path("mountPath").asString());
            assertTrue(volumes.get("plugins").has("emptyDir") && volumes.get("config").has("emptyDir"));
            assertEquals("100m", c.path("resources").path("requests").path("cpu").asString());
            assertEquals("512Mi", c.path("resources").path("limits").path("memory").asString());
            assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true));
        }
        assertTrue(mounts(init).get("config-template").path("readOnly").asBoolean(), "the ConfigMap is read-only");
        assertFalse(mounts(runner).containsKey("config-template"));
        assertEquals(secret.path("metadata").path("name").asString(), runner.path("envFrom").get(0)
                .path("secretRef").path("name").asString());
        assertTrue(init.path("envFrom").isMissingNode(), "installing the plugin needs no credentials");
        JsonNode probe = runner.path("livenessProbe").path("httpGet");
        assertEquals("/metrics", probe.path("path").asString());
        assertEquals("metrics", probe.path("port").asString());
        assertEquals(RunnerConfig.METRICS_PORT, runner.path("ports").get(0).path("containerPort").asInt());
        assertTrue(runner.path("lifecycle").path("preStop").path("exec").path("command").get(2).asString()
                .startsWith("kill -QUIT 1"), "graceful stop");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
    }

    @Test
    void systemdUnitAndEnvironmentFile() throws Exception {
        ManagerFiles f = files(Manager.Kind.SYSTEMD);
        Map<String, Map<String, List<String>>> unit = unit(f.files().get(SystemdManager.UNIT));
        Map<String, List<String>> service = unit.get("Service");
        assertEquals(List.of("/usr/bin/gitlab-runner run --config /etc/gitlab-runner/config.toml"
                + " --working-directory /var/lib/gitlab-runner"), service.get("ExecStart"));
        assertEquals(List.of("/usr/bin/gitlab-runner fleeting --config /etc/gitlab-runner/config.toml install"),
                service.get("ExecStartPre"));
        assertEquals(List.of("/etc/gitlab-runner/gitlab-runner.env"), service.get("EnvironmentFile"));
        assertEquals(List.of("always"), service.get("Restart"));
        assertEquals(List.of("SIGQUIT"), service.get("KillSignal"));
        assertEquals(List.of("gitlab-runner"), service.get("User"));
        assertEquals(List.of("strict"), service.get("ProtectSystem"));
        assertEquals(List.of("/etc/gitlab-runner"), service.get("ReadWritePaths"), "for .runner_system_id");
        assertEquals(List.of("FLEETING_PLUGIN_PATH=/var/lib/gitlab-runner/fleeting/plugins"),
                service.get("Environment").subList(1, 2));
        assertTrue(service.get("RestrictAddressFamilies").get(0).contains("AF_UNIX"), "go-plugin's socket");
        assertEquals(List.of("multi-user.target"), unit.get("Install").get("WantedBy"));

        assertEquals(Map.of("AWS_ACCESS_KEY_ID", "REPLACE_ME", "AWS_SECRET_ACCESS_KEY", "REPLACE_ME",
                "SPOTLANE_RUNNER_TOKEN_T4G", "REPLACE_ME", "C7G_TOKEN", "REPLACE_ME"),
                envFile(f.files().get(ManagerFiles.ENV_FILE)));
        assertEquals(Set.of(ManagerFiles.ENV_FILE), f.secret());
    }

    @Test
    void ec2GetsAnInstanceProfileAndNoKeys() throws Exception {
        ManagerFiles f = files(Manager.Kind.EC2);
        assertEquals(Map.of("SPOTLANE_RUNNER_TOKEN_T4G", "REPLACE_ME", "C7G_TOKEN", "REPLACE_ME"),
                envFile(f.files().get(ManagerFiles.ENV_FILE)));
        for (String text : f.files().values()) {
            assertFalse(text.contains("AWS_SECRET_ACCESS_KEY="), "no keys on EC2");
        }
        JsonNode trust = JSON.readTree(f.files().get(Ec2InstanceProfile.TRUST_FILE));
        assertEquals(1, trust.path("Statement").size());
        JsonNode s = trust.path("Statement").get(0);
        assertEquals("ec2.amazonaws.com", s.path("Principal").path("Service").asString());
        assertEquals(1, s.path("Principal").size(), "only the EC2 service");
        assertEquals("sts:AssumeRole", s.path("Action").asString());
        JsonNode policy = JSON.readTree(f.files().get(Ec2InstanceProfile.POLICY_FILE));
        assertEquals(IamPolicy.json(rules(), null), f.files().get(Ec2InstanceProfile.POLICY_FILE),
                "the policy iam-policy prints");
        leastPrivilege(policy);
        String script = f.files().get(Ec2InstanceProfile.SCRIPT);
        assertTrue(script.contains("--assume-role-policy-document file://trust-policy.json"));
        assertTrue(script.contains("--policy-document file://manager-policy.json"));
        assertTrue(script.contains("aws ec2 associate-iam-instance-profile --region eu-central-1"));
    }

    /** No wildcard action; a wildcard resource only where AWS cannot scope the action (Describe*). */
    static void leastPrivilege(JsonNode policy) {
        assertTrue(policy.path("Statement").size() >= 4, policy.toString());
        for (JsonNode s : policy.path("Statement")) {
            List<String> actions = s.path("Action").isArray() ? strings(s.path("Action"))
                    : List.of(s.path("Action").asString());
            List<String> resources = s.path("Resource").isArray() ? strings(s.path("Resource"))
                    : List.of(s.path("Resource").asString());
            for (String a : actions) {
                assertFalse(a.contains("*"), "wildcard action " + a);
            }
            if (resources.contains("*")) {
                assertTrue(actions.stream().allMatch(a -> a.contains(":Describe")), "unscoped " + actions);
            }
        }
    }

    @Test
    void theSshRuleAdmitsOnlyTheManager() throws Exception {
        String outside = ssh("kind: systemd, source_cidr: 198.51.100.4/32");
        assertTrue(outside.contains("IpRanges=[{CidrIp=198.51.100.4/32,Description=\"spotlane runner manager\"}]"),
                outside);
        assertTrue(outside.contains("it connects to the\n# workers' public addresses (use_external_addr = true)"));
        String inside = ssh("kind: ec2, security_group: sg-0123456789abcdef0");
        assertTrue(inside.contains("UserIdGroupPairs=[{GroupId=sg-0123456789abcdef0,"), inside);
        assertFalse(inside.contains("CidrIp"));
        String eks = ssh("kind: kubernetes, in_vpc: true");
        assertTrue(eks.contains("GroupId=" + ManagerFiles.SG_PLACEHOLDER), eks);
        for (String text : List.of(outside, inside, eks)) {
            assertFalse(text.contains("0.0.0.0/0,"), "never the world");
            assertTrue(text.contains("FromPort=22,ToPort=22"));
        }
    }

    private static String ssh(String manager) throws Exception {
        String text = Files.readString(DIR.resolve("rules.yml")).replace("runner_version: \"18.11.2\"", manager
                .replace(", ", "\n    ").replace(": ", ": "));
        Policy p = PolicyLoader.load(new Source("rules.yml", text), DIR);
        return ManagerFiles.generate(p, RunnerConfig.generate(p)).files().get(WorkerSshRule.FILE);
    }

    @Test
    void theTerraformInputsDefaultToWhereTheManagerRuns() throws Exception {
        String outside = Files.readString(DIR.resolve("rules.yml")).replace("runner_version: \"18.11.2\"",
                "kind: kubernetes\n    source_cidr: 198.51.100.4/32");
        String vars = dev.spotlane.fleet.terraform.TerraformFiles.generate(PolicyLoader.load(new Source("rules.yml",
                outside), DIR)).files().get("variables.tf");
        assertTrue(vars.contains("default     = \"user\"") || vars.contains("default = \"user\""), vars);
        assertTrue(vars.contains("[\"198.51.100.4/32\"]"), vars);
        String inside = outside.replace("kind: kubernetes\n    source_cidr: 198.51.100.4/32",
                "kind: ec2\n    security_group: sg-0123456789abcdef0");
        vars = dev.spotlane.fleet.terraform.TerraformFiles.generate(PolicyLoader.load(new Source("rules.yml",
                inside), DIR)).files().get("variables.tf");
        assertTrue(vars.contains("\"role\""), vars);
        assertTrue(vars.contains("\"sg-0123456789abcdef0\""), vars);
    }

    @Test
    void theRunnerVersionIsCheckedNamingTheFeature() throws Exception {
        Policy p = rules();
        assertEquals("18.10.0", RunnerVersions.minimum(p));
        assertNull(RunnerVersions.tooOld(p, "18.10"));
        assertNull(RunnerVersions.tooOld(p, "v18.10.0"));
        assertNull(RunnerVersions.tooOld(p, "19.3"));
        assertEquals("GitLab Runner 17.5 is too old for this config.toml: runner tokens read from the environment"
                + " (token = \"${SPOTLANE_RUNNER_TOKEN_T4G}\") came in 18.10.0 (gitlab-runner !6068); run 18.10.0 or"
                + " newer", RunnerVersions.tooOld(p, "17.5"));
        String old = RunnerVersions.tooOld(p, "16.10.3");
        assertTrue(old.contains("plugin = \"aws\" installed by gitlab-runner fleeting install came in 16.11.0"), old);
        assertTrue(RunnerVersions.tooOld(p, "18.9.9").contains("18.10.0"));
        assertFalse(RunnerVersions.valid("18"));
        assertThrows(IllegalArgumentException.class, () -> RunnerVersions.tooOld(p, "latest"));
    }

    @Test
    void withoutAPlaceThereAreNoManagerFiles() throws Exception {
        Policy p = rules();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ManagerFiles.generate(p, RunnerConfig.generate(p)));
        assertTrue(e.getMessage().contains("--manager systemd|kubernetes|ec2"), e.getMessage());
    }

    private static Map<String, Map<String, List<String>>> unit(String text) {
        Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();
        Map<String, List<String>> current = null;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                current = new LinkedHashMap<>();
                sections.put(line.substring(1, line.length() - 1), current);
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(current != null && eq > 0, "not a unit line: " + line);
            current.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        assertEquals(List.of("Unit", "Service", "Install"), List.copyOf(sections.keySet()));
        return sections;
    }

    private static Map<String, String> envFile(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("#")) {
                assertTrue(line.matches("[A-Z_][A-Z0-9_]*=\\S*"), line);
                out.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        return out;
    }

    private static Map<String, String> env(JsonNode container) {
        Map<String, String> out = new LinkedHashMap<>();
        container.path("env").forEach(e -> out.put(e.path("name").asString(), e.path("value").asString()));
        return out;
    }

    private static Map<String, JsonNode> mounts(JsonNode container) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        container.path("volumeMounts").forEach(m -> out.put(m.path("name").asString(), m));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
