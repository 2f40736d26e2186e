package dev.spotlane.fleet.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.fleet.EcrPullThroughSetup;
import dev.spotlane.fleet.IamPolicy;
import dev.spotlane.images.Hcl;
import dev.spotlane.policy.ClassRunner;
import dev.spotlane.policy.Mirror;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code runner-config --terraform}: the files parse as HCL (the strict structural reader of the bake tests, and
 * {@code terraform fmt} where the binary is installed) and hold what the fleeting AWS plugin and the rules require,
 * with the manager's statements exactly those of {@code spotlane iam-policy}.
 */
class TerraformFilesTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/terraform");
    static final String ACCOUNT = "123456789012";
    private static final String ACCOUNT_REF = "${data.aws_caller_identity.current.account_id}";

    static Policy fixture() throws Exception {
        return PolicyLoader.load(Source.read(GOLDEN.resolve("rules.yml")), Path.of("."));
    }

    static Policy rules(String text) throws Exception {
        return PolicyLoader.load(new Source("rules.yml", text), Path.of("."));
    }

    /** Every top-level block of every file, the account reference made a literal so strings can be decoded. */
    static List<Hcl.Block> blocks(TerraformFiles files) {
        List<Hcl.Block> out = new ArrayList<>();
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            Hcl.Block root;
            try {
                root = Hcl.parse(f.getValue().replace(ACCOUNT_REF, ACCOUNT));
            } catch (IllegalArgumentException e) {
                throw new AssertionError(f.getKey() + ": " + e.getMessage() + "\n" + f.getValue(), e);
            }
            assertTrue(root.attributes().isEmpty(), f.getKey() + " has top-level attributes");
            out.addAll(root.blocks());
        }
        return out;
    }

    static Hcl.Block find(List<Hcl.Block> blocks, String type, String... labels) {
        List<Hcl.Block> found = blocks.stream().filter(b -> b.type().equals(type)
                && b.labels().equals(List.of(labels))).toList();
        assertEquals(1, found.size(), type + " " + List.of(labels));
        return found.get(0);
    }

    /** A literal string or list of literal strings, decoded. */
    static List<String> strings(String expression) {
        String e = expression.strip();
        return Hcl.listVariables("x = " + (e.startsWith("[") ? e : "[" + e + "]") + "\n").get("x");
    }

    static String string(String expression) {
        List<String> s = strings(expression);
        assertEquals(1, s.size(), expression);
        return s.get(0);
    }

    @Test
    void fixtureFilesMatchTheirGoldens() throws Exception {
        TerraformFiles files = TerraformFiles.generate(fixture());
        assertEquals(List.of("versions.tf", "variables.tf", "iam.tf", "workers.tf", "cache.tf", "ecr.tf",
                "outputs.tf"), List.copyOf(files.files().keySet()));
        for (Map.Entry<String, String> f : files.files().entrySet()) {
            Golden.assertMatches(GOLDEN.resolve("expected/" + f.getKey()), f.getValue());
            assertTrue(f.getValue().startsWith(TerraformFiles.HEADER + " from "), f.getKey());
        }
        assertEquals(List.of(), files.warnings());
    }

    @Test
    void oneAutoScalingGroupPerClassAsTheFleetingPluginRequires() throws Exception {
        Policy p = fixture();
        List<Hcl.Block> all = blocks(TerraformFiles.generate(p));
        Map<String, List<String>> types = Map.of("t4g", List.of("t4g.medium", "t4g.large"),
                "c7g", List.of("c7g.large", "c6g.large"));
        for (ClassRunner r : p.fleet().runners().values()) {
            Hcl.Block asg = find(all, "resource", "aws_autoscaling_group", r.className());
            Map<String, String> a = asg.attributes();
            assertEquals(r.asg(), string(a.get("name")), "the rules' group name: config.toml and iam-policy use it");
            assertEquals("0", a.get("min_size"));
            assertEquals("0", a.get("desired_capacity"));
            assertEquals(Integer.toString(r.maxInstances()), a.get("max_size"));
            assertEquals("true", a.get("protect_from_scale_in"));
            assertEquals(List.of("AZRebalance"), strings(a.get("suspended_processes")));
            assertEquals("false", a.get("capacity_rebalance"), "rebalancing would terminate busy workers");
            assertEquals("[desired_capacity]", asg.block("lifecycle").attributes().get("ignore_changes"));
            Hcl.Block mixed = asg.block("mixed_instances_policy");
            Map<String, String> dist = mixed.block("instances_distribution").attributes();
            assertEquals("0", dist.get("on_demand_base_capacity"));
            assertEquals("0", dist.get("on_demand_percentage_above_base_capacity"));
            assertEquals("price-capacity-optimized", string(dist.get("spot_allocation_strategy")));
            Hcl.Block lt = mixed.block("launch_template");
            assertEquals(types.get(r.className()), lt.blocks("override").stream()
                    .map(o -> string(o.attributes().get("instance_type"))).toList());
            assertEquals("aws_launch_template." + r.className() + ".id",
                    lt.block("launch_template_specification").attributes().get("launch_template_id"));

            Hcl.Block template = find(all, "resource", "aws_launch_template", r.className());
            assertEquals("required", string(template.block("metadata_options").attributes().get("http_tokens")),
                    "IMDSv2 only");
            assertEquals("aws_iam_instance_profile.workers.arn",
                    template.block("iam_instance_profile").attributes().get("arn"));
            assertEquals("local.worker_ami[\"arm64\"]", template.attributes().get("image_id"));
            assertEquals("[aws_security_group.workers.id]",
                    template.block("network_interfaces").attributes().get("security_groups"));
            Map<String, String> ebs = template.block("block_device_mappings").block("ebs").attributes();
            assertEquals("var.root_volume_gib", ebs.get("volume_size"));
            assertEquals("true", ebs.get("delete_on_termination"));
            assertFalse(template.attributes().containsKey("instance_market_options"), "spot comes from the group");
        }
        assertEquals(2, all.stream().filter(b -> b.labels().size() == 2 && b.type().equals("resource")
                && b.labels().get(0).equals("aws_autoscaling_group")).count());
        assertTrue(all.stream().noneMatch(b -> b.labels().size() > 0 && b.labels().get(0).startsWith(
                "aws_autoscaling_policy")), "no scaling policy: the runner does all the scaling");
        assertEquals("40", find(all, "variable", "root_volume_gib").attributes().get("default"),
                "fleet.costs.root_volume_gb");
        Hcl.Block ami = find(all, "data", "aws_ami", "worker_arm64");
        assertEquals(List.of("\"self\""), List.of(ami.attributes().get("owners").replaceAll("[\\[\\]]", "")));
        assertEquals(List.of("tag:Name", "architecture"), ami.blocks("filter").stream()
                .map(f -> string(f.attributes().get("name"))).toList());
        assertEquals(List.of("spotlane-worker-arm64"), strings(ami.blocks("filter").get(0).attributes()
                .get("values")), "the Name tag ci/ami/worker.pkr.hcl gives the AMI");
    }

    @Test
    void theBakedAmiTagIsTheOneThePackerTemplateWrites() throws Exception {
        Hcl.Block packer = Hcl.parse(Files.readString(Path.of("ci/ami/worker.pkr.hcl")));
        String tags = packer.block("source", "amazon-ebs", "worker").attributes().get("tags");
        assertTrue(Pattern.compile("\\bName\\s*=\\s*\"spotlane-worker-arm64\"").matcher(tags).find(), tags);
    }

    /** Every statement of a policy document as the JSON {@code iam-policy} prints, for comparison. */
    static List<Map<String, Object>> statements(Hcl.Block document) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Hcl.Block s : document.blocks("statement")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Sid", string(s.attributes().get("sid")));
            m.put("Effect", string(s.attributes().get("effect")));
            m.put("Action", strings(s.attributes().get("actions")));
            m.put("Resource", strings(s.attributes().get("resources")));
            for (Hcl.Block c : s.blocks("condition")) {
                m.put("Condition", Map.of(string(c.attributes().get("test")), Map.of(
                        string(c.attributes().get("variable")), strings(c.attributes().get("values")))));
            }
            assertEquals(Set.of("sid", "effect", "actions", "resources"), s.attributes().keySet());
            out.add(m);
        }
        return out;
    }

    static List<Map<String, Object>> statements(String json) {
        List<Map<String, Object>> out = new ArrayList<>();
        JsonNode root = new ObjectMapper().readTree(json);
        for (JsonNode s : root.path("Statement")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Sid", s.path("Sid").asString());
            m.put("Effect", s.path("Effect").asString());
            m.put("Action", list(s.path("Action")));
            m.put("Resource", list(s.path("Resource")));
            if (s.has("Condition")) {
                Map.Entry<String, JsonNode> test = s.path("Condition").properties().iterator().next();
                Map.Entry<String, JsonNode> variable = test.getValue().properties().iterator().next();
                m.put("Condition", Map.of(test.getKey(), Map.of(variable.getKey(), list(variable.getValue()))));
            }
            out.add(m);
        }
        return out;
    }

    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isString()) {
            out.add(n.asString());
        } else {
            n.forEach(v -> out.add(v.asString()));
        }
        return out;
    }

    @Test
    void theManagersPolicyIsExactlyWhatIamPolicyPrints() throws Exception {
        Policy p = fixture();
        List<Hcl.Block> all = blocks(TerraformFiles.generate(p));
        List<Map<String, Object>> terraform = statements(find(all, "data", "aws_iam_policy_document", "manager"));
        List<Map<String, Object>> iamPolicy = statements(IamPolicy.json(p, ACCOUNT));
        assertEquals(iamPolicy, terraform);
        assertEquals(Set.of("ScaleTheFleetGroups", "DescribeCannotBeScoped", "ConnectOnlyToFleetWorkers",
                "SharedCacheObjects", "SharedCacheListing", "EcrAuthorizationTokenCannotBeScoped",
                "PullThroughCacheUnderPrefix"), new TreeSet<>(terraform.stream().map(s -> (String) s.get("Sid"))
                .toList()));
        assertEquals("data.aws_iam_policy_document.manager.json",
                find(all, "resource", "aws_iam_policy", "manager").attributes().get("policy"));
        for (String attachment : List.of("aws_iam_role_policy_attachment", "aws_iam_user_policy_attachment")) {
            assertEquals("aws_iam_policy.manager.arn", find(all, "resource", attachment, "manager").attributes()
                    .get("policy_arn"));
        }
        assertTrue(find(all, "resource", "aws_iam_role", "manager").attributes().get("count")
                .contains("var.manager_identity == \"role\""));
        assertTrue(find(all, "resource", "aws_iam_user", "manager").attributes().get("count")
                .contains("var.manager_identity == \"user\""));
    }

    @Test
    void theWorkersProfileHoldsOnlyTheEcrPullThroughStatements() throws Exception {
        Policy p = fixture();
        List<Hcl.Block> all = blocks(TerraformFiles.generate(p));
        assertEquals(statements(EcrPullThroughSetup.pullPolicyJson((Mirror.EcrPullThrough) p.images().mirror(),
                ACCOUNT)), statements(find(all, "data", "aws_iam_policy_document", "workers_ecr_pull")));
        assertEquals(List.of("workers_ecr_pull"), policiesOn(all, "aws_iam_role.workers"));

        List<Hcl.Block> plain = blocks(TerraformFiles.generate(rules(Files.readString(GOLDEN.resolve("rules.yml"))
                .replaceAll("(?s)  mirror:.*?fleet:", "fleet:"))));
        assertEquals(List.of(), policiesOn(plain, "aws_iam_role.workers"), "no ECR: the workers get nothing");
        assertTrue(plain.stream().noneMatch(b -> b.labels().contains("workers_ecr_pull")));
        assertTrue(plain.stream().noneMatch(b -> b.labels().contains("aws_ecr_pull_through_cache_rule")));
    }

    /** Labels of the policies and attachments that name a role. */
    private static List<String> policiesOn(List<Hcl.Block> all, String role) {
        return all.stream().filter(b -> b.type().equals("resource") && b.labels().get(0).matches(
                        "aws_iam_role_policy(_attachment)?|aws_iam_policy_attachment"))
                .filter(b -> b.attributes().getOrDefault("role", "").startsWith(role)).map(b -> b.labels().get(1))
                .toList();
    }

    @Test
    void noPolicyGrantsAWildcardAction() throws Exception {
        for (Hcl.Block b : blocks(TerraformFiles.generate(fixture()))) {
            if (b.type().equals("data") && b.labels().get(0).equals("aws_iam_policy_document")) {
                for (Hcl.Block s : b.blocks("statement")) {
                    for (String action : strings(s.attributes().get("actions"))) {
                        assertFalse(action.contains("*"), b.labels() + ": " + action);
                    }
                    assertEquals("Allow", string(s.attributes().get("effect")));
                }
            }
        }
    }

    @Test
    void theCacheBucketExpiresObjectsBlocksPublicAccessAndEncrypts() throws Exception {
        List<Hcl.Block> all = blocks(TerraformFiles.generate(fixture()));
        assertEquals("example-ci-cache", string(find(all, "resource", "aws_s3_bucket", "cache").attributes()
                .get("bucket")));
        Map<String, String> block = find(all, "resource", "aws_s3_bucket_public_access_block", "cache").attributes();
        for (String k : List.of("block_public_acls", "block_public_policy", "ignore_public_acls",
                "restrict_public_buckets")) {
            assertEquals("true", block.get(k), k);
        }
        assertEquals("AES256", string(find(all, "resource", "aws_s3_bucket_server_side_encryption_configuration",
                "cache").block("rule").block("apply_server_side_encryption_by_default").attributes()
                .get("sse_algorithm")));
        Hcl.Block rule = find(all, "resource", "aws_s3_bucket_lifecycle_configuration", "cache").block("rule");
        assertEquals("Enabled", string(rule.attributes().get("status")));
        assertEquals("runner/", string(rule.block("filter").attributes().get("prefix")), "fleet.cache.path");
        assertEquals("var.cache_expiration_days", rule.block("expiration").attributes().get("days"));
        assertEquals("14", find(all, "variable", "cache_expiration_days").attributes().get("default"));

        List<Hcl.Block> none = blocks(TerraformFiles.generate(rules(Files.readString(GOLDEN.resolve("rules.yml"))
                .replace("  cache: { bucket: example-ci-cache, path: runner }\n", ""))));
        assertTrue(none.stream().noneMatch(b -> b.labels().size() > 1 && b.labels().get(0).startsWith("aws_s3")));
    }

    @Test
    void thePullThroughRuleUsesTheRulesPrefixAndTheCredentialSecret() throws Exception {
        List<Hcl.Block> all = blocks(TerraformFiles.generate(fixture()));
        Map<String, String> rule = find(all, "resource", "aws_ecr_pull_through_cache_rule", "upstream").attributes();
        assertEquals("docker-hub", string(rule.get("ecr_repository_prefix")));
        assertEquals("registry-1.docker.io", string(rule.get("upstream_registry_url")));
        assertTrue(rule.get("credential_arn").contains("var.ecr_upstream_credential_arn"), rule.toString());
        assertEquals("ecr-pullthroughcache/docker-hub", string(find(all, "data", "aws_secretsmanager_secret",
                "ecr_upstream").attributes().get("name")));
    }

    @Test
    void workersAdmitSshFromTheManagerOnly() throws Exception {
        List<Hcl.Block> all = blocks(TerraformFiles.generate(fixture()));
        List<Hcl.Block> ingress = all.stream().filter(b -> b.type().equals("resource")
                && b.labels().get(0).equals("aws_vpc_security_group_ingress_rule")).toList();
        assertEquals(2, ingress.size());
        for (Hcl.Block rule : ingress) {
            Map<String, String> a = rule.attributes();
            assertEquals("22", a.get("from_port"));
            assertEquals("22", a.get("to_port"));
            assertEquals("tcp", string(a.get("ip_protocol")));
            assertTrue("each.value".equals(a.get("cidr_ipv4")) && "toset(var.manager_cidrs)".equals(a.get("for_each"))
                    || "var.manager_security_group_id".equals(a.get("referenced_security_group_id")), a.toString());
        }
        assertTrue(all.stream().noneMatch(b -> b.labels().size() > 0 && b.labels().get(0).equals(
                "aws_security_group_rule")), "no inline rules to bypass");
        assertTrue(find(all, "variable", "manager_cidrs").block("validation").attributes().get("condition")
                .contains("/0"), "0.0.0.0/0 is refused");
        assertTrue(find(all, "resource", "aws_security_group", "workers").block("lifecycle").block("precondition")
                .attributes().get("condition").contains("var.manager_security_group_id != null"));
    }

    @Test
    void everyReferenceIsDeclaredAndEveryVariableDescribed() throws Exception {
        TerraformFiles files = TerraformFiles.generate(fixture());
        List<Hcl.Block> all = blocks(files);
        String text = String.join("\n", files.files().values());
        Set<String> variables = new TreeSet<>();
        Set<String> declared = new TreeSet<>();
        for (Hcl.Block b : all) {
            if (b.type().equals("variable")) {
                variables.add(b.labels().get(0));
                assertFalse(string(b.attributes().get("description")).isBlank(), b.labels().toString());
            } else if (b.type().equals("resource")) {
                declared.add(b.labels().get(0) + "." + b.labels().get(1));
            } else if (b.type().equals("data")) {
                declared.add("data." + b.labels().get(0) + "." + b.labels().get(1));
            }
        }
        Set<String> usedVars = new TreeSet<>();
        Matcher v = Pattern.compile("\\bvar\\.([a-z_0-9]+)").matcher(text);
        while (v.find()) {
            usedVars.add(v.group(1));
        }
        assertEquals(variables, usedVars, "declared and used variables");
        Matcher r = Pattern.compile("(?<![\\w.\"])((?:data\\.)?aws_[a-z0-9_]+\\.[a-z0-9_]+)(?=[.\\[])").matcher(text);
        while (r.find()) {
            assertTrue(declared.contains(r.group(1)), "reference to undeclared " + r.group(1));
        }
        Set<String> outputs = new TreeSet<>();
        all.stream().filter(b -> b.type().equals("output")).forEach(b -> outputs.add(b.labels().get(0)));
        assertTrue(outputs.containsAll(List.of("autoscaling_group_names", "manager_role_arn", "manager_user_name",
                "workers_role_arn", "cache_bucket", "ecr_cache_prefix")), outputs.toString());
        Hcl.Block versions = find(all, "terraform");
        assertTrue(versions.block("required_providers").attributes().get("aws").contains("hashicorp/aws"));
    }

    @Test
    void namesFromTheRulesStayLiteral() throws Exception {
        String hostile = Files.readString(GOLDEN.resolve("rules.yml")).replace("asg: ci-t4g-spot",
                "asg: 'x\"${file(\"/etc/passwd\")}%{ if true }\\'");
        Policy p = rules(hostile);
        TerraformFiles files = TerraformFiles.generate(p);
        String asgName = p.fleet().runners().get("t4g").asg();
        assertEquals(asgName, string(find(blocks(files), "resource", "aws_autoscaling_group", "t4g").attributes()
                .get("name")));
        assertFalse(files.files().get("workers.tf").contains("\"${file"), "no interpolation");
        assertEquals(statements(IamPolicy.json(p, ACCOUNT)), statements(find(blocks(files), "data",
                "aws_iam_policy_document", "manager")));
    }

    @Test
    void aCacheOrRegistryInAnotherRegionGetsItsOwnProvider() throws Exception {
        TerraformFiles files = TerraformFiles.generate(rules(Files.readString(GOLDEN.resolve("rules.yml"))
                .replace("path: runner }", "path: runner, region: us-east-1 }")));
        List<Hcl.Block> all = blocks(files);
        List<Hcl.Block> providers = all.stream().filter(b -> b.type().equals("provider")).toList();
        assertEquals(2, providers.size());
        assertEquals("region_us_east_1", string(providers.get(1).attributes().get("alias")));
        assertEquals("aws.region_us_east_1", find(all, "resource", "aws_s3_bucket", "cache").attributes()
                .get("provider"));
        assertTrue(files.warnings().get(0).contains("crosses regions"), files.warnings().toString());
    }

    @Test
    void aClassWithoutAnInstanceTypeIsRefused() throws Exception {
        Policy p = rules(Files.readString(GOLDEN.resolve("rules.yml"))
                .replace("    c7g.large: { class: c7g, vcpu: 2, memory_gib: 4 }\n", "")
                .replace("    c6g.large: { class: c7g, vcpu: 2, memory_gib: 4 }\n", "")
                .replace("instance_type: c7g.large, ", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TerraformFiles.generate(p));
        assertTrue(e.getMessage().contains("class \"c7g\" has no instance type"), e.getMessage());
    }

    @Test
    void configTomlAndTerraformNameTheSameGroupsWithTheSameLimits() throws Exception {
        Policy p = fixture();
        JsonNode toml = new tools.jackson.dataformat.toml.TomlMapper().readTree(
                dev.spotlane.fleet.RunnerConfig.generate(p).toml());
        List<Hcl.Block> all = blocks(TerraformFiles.generate(p));
        Map<String, String> groups = new LinkedHashMap<>();
        all.stream().filter(b -> b.type().equals("resource") && b.labels().get(0).equals("aws_autoscaling_group"))
                .forEach(b -> groups.put(string(b.attributes().get("name")), b.attributes().get("max_size")));
        Map<String, String> runners = new LinkedHashMap<>();
        for (JsonNode r : toml.path("runners")) {
            JsonNode autoscaler = r.path("autoscaler");
            runners.put(autoscaler.path("plugin_config").path("name").asString(),
                    Integer.toString(autoscaler.path("max_instances").asInt()));
            assertEquals(p.fleet().region(), autoscaler.path("plugin_config").path("region").asString());
        }
        assertEquals(runners, groups);
        assertEquals(Map.of("ci-t4g-spot", "10", "ci-c7g-spot", "4"), groups);
        assertTrue(find(all, "provider", "aws").attributes().get("region").contains(p.fleet().region()));
        assertEquals(toml.path("runners").get(0).path("cache").path("s3").path("BucketName").asString(),
                string(find(all, "resource", "aws_s3_bucket", "cache").attributes().get("bucket")));
    }

    @Test
    void anAmd64ClassGetsAnAmiOfItsOwnAndAWarning() throws Exception {
        TerraformFiles files = TerraformFiles.generate(rules(Files.readString(GOLDEN.resolve("rules.yml"))
                .replace("c7g: { tags: [c7g] }", "c7g: { tags: [c7g], arch: amd64 }")));
        List<Hcl.Block> all = blocks(files);
        Hcl.Block ami = find(all, "data", "aws_ami", "worker_amd64");
        assertEquals(List.of("x86_64"), strings(ami.blocks("filter").get(1).attributes().get("values")));
        assertEquals("local.worker_ami[\"amd64\"]", find(all, "resource", "aws_launch_template", "c7g").attributes()
                .get("image_id"));
        assertEquals("\"\"", find(all, "variable", "worker_ami_id_amd64").attributes().get("default"));
        assertTrue(files.warnings().get(0).contains("bakes arm64 only"), files.warnings().toString());
    }

    @Test
    void twoClassesSharingOneGroupAreRefused() throws Exception {
        Policy p = rules(Files.readString(GOLDEN.resolve("rules.yml")).replace("asg: ci-c7g-spot", "asg: ci-t4g-spot"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TerraformFiles.generate(p));
        assertTrue(e.getMessage().contains("classes \"t4g\" and \"c7g\" name the same Auto Scaling group"),
                e.getMessage());
    }

    @Test
    void theBundledRulesGenerateToo() throws Exception {
        Policy bundled = PolicyLoader.load(Source.read(Path.of("rules/spotlane.yml")), Path.of("."));
        List<Hcl.Block> all = blocks(TerraformFiles.generate(bundled));
        assertEquals("spotlane-t4g", string(find(all, "resource", "aws_autoscaling_group", "t4g").attributes()
                .get("name")));
        assertEquals("30", find(all, "variable", "root_volume_gib").attributes().get("default"));
        assertTrue(all.stream().noneMatch(b -> b.type().equals("variable") && b.labels().get(0).equals(
                "cache_expiration_days")));
    }
}
