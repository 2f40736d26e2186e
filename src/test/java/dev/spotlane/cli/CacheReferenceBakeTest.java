package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bake list takes a reference into an ECR pull-through cache as the Docker Hub image it stands for: the platforms
 * file (which names Docker Hub references) keeps an amd64-only image out of the arm64 AMI by its cache name too.
 */
class CacheReferenceBakeTest {
    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/docker-hub/";
    private static final String DIGEST = "sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1";

    @Test
    void thePlatformsFileFiltersCacheReferencesByTheirUpstreamImage(@TempDir Path repo) throws Exception {
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
                  platforms: platforms.json
                  mirror: { kind: ecr-pull-through, account: "123456789012", region: eu-west-1, rewrite: true }
                """);
        Files.writeString(repo.resolve("platforms.json"), """
                {"version": 1, "images": {
                  "docker.io/library/golang:1.26": {"digest": "%s", "platforms": ["linux/amd64", "linux/arm64/v8"]},
                  "docker.io/library/oracle-tools:19": {"digest": "%s", "platforms": ["linux/amd64"]}}}
                """.formatted(DIGEST, DIGEST));
        Files.writeString(repo.resolve(".gitlab-ci.yml"), """
                build:
                  image: %slibrary/golang:1.26
                  tags: [cloud, t4g]
                  script: [make]

                report:
                  image: %slibrary/oracle-tools:19
                  tags: [cloud, t4g]
                  script: [sqlplus]
                """.formatted(HOST, HOST));
        ImagesCommandTest.Run r = ImagesCommandTest.run("images", repo.toString(), "--format", "allowlist");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(HOST + "library/golang:1.26\n"), r.out());
        assertFalse(r.out().contains("oracle-tools"), "amd64 only by the platforms file's Docker Hub name: " + r.out());
    }
}
