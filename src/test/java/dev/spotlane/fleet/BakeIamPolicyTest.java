package dev.spotlane.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Golden;
import dev.spotlane.model.ImageRef;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The bake role of {@code iam-policy --bake}: goldens, parsed, least privilege checked statement by statement. Packer
 * amazon-ebs tags the build instance and volume inside RunInstances (packer-plugin-amazon
 * builder/common/step_run_source_instance.go, TagSpecifications from run_tags/run_volume_tags; the temporary
 * security group and key pair get the run tags in their create calls, step_security_group.go and builder/ebs/builder.go),
 * which is what lets the launch be conditioned on aws:RequestTag and the later calls on aws:ResourceTag. The trust policy follows GitLab's "Configure OpenID Connect in AWS"
 * (docs.gitlab.com/ci/cloud_services/aws/): federated principal oidc-provider/HOST, conditions on HOST:aud and
 * HOST:sub, sub = project_path:GROUP/PROJECT:ref_type:branch:ref:BRANCH.
 */
class BakeIamPolicyTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/fleet/bake");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Policy bundled() throws Exception {
        return PolicyLoader.load(Source.read(Path.of("rules/spotlane.yml")), Path.of("."));
    }

    @Test
    void permissionsMatchTheGoldenAndAreLeastPrivilege() throws Exception {
        String json = BakeIamPolicy.permissions(bundled(), "123456789012", List.of(
                ImageRef.parse("docker.io/library/golang:1.26"),
                ImageRef.parse("210987654321.dkr.ecr.eu-west-1.amazonaws.com/tools/builder:2"),
                ImageRef.parse("210987654321.dkr.ecr.eu-west-1.amazonaws.com/tools/builder:3"),
                ImageRef.parse("123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app@sha256:"
                        + "1b0c2a6e0d8f3c5e7a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c")));
        Golden.assertMatches(GOLDEN.resolve("permissions.json"), json);
        JsonNode doc = JSON.readTree(json);
        assertEquals("2012-10-17", doc.path("Version").asString());
        List<String> wide = new ArrayList<>();
        for (JsonNode s : doc.path("Statement")) {
            for (String a : values(s.path("Action"))) {
                assertFalse(a.contains("*"), "wildcard action " + a);
            }
            for (String r : values(s.path("Resource"))) {
                if (r.equals("*")) {
                    wide.add(s.path("Sid").asString());
                } else if (r.startsWith("arn:aws:ec2:")) {
                    // images and snapshots carry no account in their ARN (EC2's ARN formats)
                    assertTrue(r.startsWith("arn:aws:ec2:us-east-1:123456789012:")
                            || r.matches("arn:aws:ec2:us-east-1::(image|snapshot)/\\*"), r);
                }
            }
        }
        assertEquals(List.of("DescribeCannotBeScoped", "EcrLoginCannotBeScoped"), wide,
                "Resource \"*\" only where AWS forces it, and the Sid says so");
        JsonNode launch = statement(doc, "LaunchOnlyTaggedBuildInstances");
        assertEquals("worker", launch.path("Condition").path("StringEquals")
                .path("aws:RequestTag/spotlane-bake").asString());
        assertEquals("worker", statement(doc, "ManageOnlyTheBuildInstance").path("Condition")
                .path("StringEquals").path("aws:ResourceTag/spotlane-bake").asString());
        assertEquals("worker", statement(doc, "OpenAndDeleteOnlyTheTemporaryGroup").path("Condition")
                .path("StringEquals").path("aws:ResourceTag/spotlane-bake").asString(),
                "only the security group Packer created (tagged with the run tags) can be opened or deleted");
        assertEquals(List.of("CreateKeyPair", "CreateSecurityGroup", "RunInstances"), values(statement(doc,
                "TagOnlyWhileCreating").path("Condition").path("StringEquals").path("ec2:CreateAction")));
        assertEquals("amazon", statement(doc, "LaunchFromAmazonImagesOnly").path("Condition")
                .path("StringEquals").path("ec2:Owner").asString());
        assertEquals(List.of("arn:aws:ecr:eu-west-1:210987654321:repository/tools/builder",
                "arn:aws:ecr:us-east-1:123456789012:repository/team/app"),
                values(statement(doc, "PullTheBakeListsEcrImages").path("Resource")),
                "one ARN per repository, from the registry host's account and region");
        assertEquals(List.of(
                "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/spotlane-t4g",
                "arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:*:autoScalingGroupName/spotlane-c7g"),
                values(statement(doc, "RolloutRefreshTheFleetGroups").path("Resource")));
    }

    @Test
    void withoutPrivateEcrImagesThereIsNoEcrStatement() throws Exception {
        String json = BakeIamPolicy.permissions(bundled(), null, List.of(ImageRef.parse("public.ecr.aws/x/y:1"),
                ImageRef.parse("registry.example.com/g/p:1")));
        assertFalse(json.contains("ecr:"), json);
        assertTrue(json.contains(":ACCOUNT_ID:"), "the placeholder without an account");
    }

    @Test
    void trustMatchesTheGoldenAndPinsAudienceProjectAndBranch() throws Exception {
        String json = BakeIamPolicy.trust(new BakeIamPolicy.Oidc("gitlab.example.com", "platform/spotlane", "main",
                "https://gitlab.example.com"), "123456789012");
        Golden.assertMatches(GOLDEN.resolve("trust.json"), json);
        JsonNode s = JSON.readTree(json).path("Statement").get(0);
        assertEquals("arn:aws:iam::123456789012:oidc-provider/gitlab.example.com",
                s.path("Principal").path("Federated").asString());
        assertEquals("sts:AssumeRoleWithWebIdentity", s.path("Action").asString());
        JsonNode eq = s.path("Condition").path("StringEquals");
        assertEquals("https://gitlab.example.com", eq.path("gitlab.example.com:aud").asString());
        assertEquals("project_path:platform/spotlane:ref_type:branch:ref:main",
                eq.path("gitlab.example.com:sub").asString());
        assertEquals(1, s.path("Condition").size(), "StringEquals only: no StringLike wildcard");
    }

    @Test
    void wildcardsAndSchemesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new BakeIamPolicy.Oidc("https://gitlab.example.com",
                "g/p", "main", "a"));
        assertThrows(IllegalArgumentException.class, () -> new BakeIamPolicy.Oidc("gitlab.example.com", "g/*",
                "main", "a"));
        assertThrows(IllegalArgumentException.class, () -> new BakeIamPolicy.Oidc("gitlab.example.com", "g/p",
                "*", "a"));
        assertThrows(IllegalArgumentException.class, () -> new BakeIamPolicy.Oidc("gitlab.example.com", "p",
                "main", "a"));
    }

    private static JsonNode statement(JsonNode doc, String sid) {
        for (JsonNode s : doc.path("Statement")) {
            if (s.path("Sid").asString().equals(sid)) {
                return s;
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    private static List<String> values(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(v -> out.add(v.asString()));
        } else {
            out.add(n.asString());
        }
        return out;
    }
}
