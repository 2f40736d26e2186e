package dev.spotlane.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Spotlane;
import dev.spotlane.policy.Policy;
import dev.spotlane.transform.Decision;
import dev.spotlane.transform.FixResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference into an ECR pull-through cache is the Docker Hub image it stands for: the allowlist and the platforms
 * file name Docker Hub references, and lint, routing and the fix read them for the rewritten ones too.
 */
class CacheReferenceSameImageTest {
    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/";
    private static final String DIGEST = "sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1";

    @Test
    void allowlistAndPlatformsFileNameTheUpstreamImages(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve(".spotlane.yml"), """
                version: 1
                routing:
                  policy: explicit
                  cloud_tag: cloud
                  local_tags: [local]
                  classes:
                    t4g: { tags: [t4g], default: true }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: t4g }
                images:
                  pull_policy: { pinned: if-not-present, unpinned: always }
                  allowlist: [images.txt]
                  platforms: platforms.json
                  mirror: { kind: ecr-pull-through, account: "123456789012", region: eu-west-1, rewrite: true }
                """);
        Files.writeString(repo.resolve("images.txt"), "golang:1.26\n");
        Files.writeString(repo.resolve("platforms.json"), """
                {"version": 1, "images": {
                  "docker.io/library/oracle-tools:19": {"digest": "%s", "platforms": ["linux/amd64"]}}}
                """.formatted(DIGEST));
        Files.writeString(repo.resolve(".gitlab-ci.yml"), """
                build:
                  image:
                    name: %slibrary/golang:1.26
                    pull_policy: always
                  tags: [cloud, t4g]
                  script: [make]

                report:
                  image: %slibrary/oracle-tools:19
                  tags: [local]
                  script: [sqlplus]
                """.formatted(HOST, HOST));
        Policy policy = Spotlane.policy(repo, null);
        List<Finding> findings = Spotlane.lint(repo, policy);
        assertTrue(findings.stream().noneMatch(f -> f.checkId().equals("image-not-in-allowlist")
                && f.message().contains("golang")), () -> "the allowlist names golang:1.26: " + findings);
        assertTrue(findings.stream().noneMatch(f -> f.checkId().equals("image-not-mirrored")), findings::toString);
        FixResult fix = Spotlane.fix(repo, policy);
        Decision report = fix.decisions().stream().filter(d -> d.job().equals("report")).findFirst().orElseThrow();
        assertEquals(Decision.Outcome.KEEP, report.outcome(), "the platforms file records oracle-tools:19 for amd64"
                + " only, so its cache reference keeps the job off the arm64 class: " + report);
        assertTrue(report.reason().contains("amd64"), report.reason());
    }
}
