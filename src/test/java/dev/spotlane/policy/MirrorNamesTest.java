package dev.spotlane.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.model.ImageRef;
import org.junit.jupiter.api.Test;

/**
 * The names an ECR pull-through cache serves Docker Hub images by (AWS ECR user guide, "Pulling an upstream image
 * with a pull through cache rule": {@code <account>.dkr.ecr.<region>.amazonaws.com/<prefix>/library/alpine:3.20} for an
 * official image, {@code .../<prefix>/bitnami/redis:7} for others), and back.
 */
class MirrorNamesTest {
    private static final String DIGEST = "sha256:" + "4".repeat(64);
    private static final String HOST = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
    private static final Mirror.EcrPullThrough ECR = new Mirror.EcrPullThrough("123456789012", "eu-west-1",
            "docker-hub", "registry-1.docker.io", "ecr-pullthroughcache/docker-hub", true);

    private static String cache(String ref) {
        return ECR.cacheReference(ImageRef.parse(ref));
    }

    @Test
    void officialImagesGetLibraryAndEveryDockerHubSpellingIsTheSameImage() {
        for (String written : new String[] {"golang:1.26", "docker.io/golang:1.26", "docker.io/library/golang:1.26",
                "index.docker.io/library/golang:1.26", "registry-1.docker.io/library/golang:1.26"}) {
            assertEquals(HOST + "/docker-hub/library/golang:1.26", cache(written), written);
        }
        assertEquals(HOST + "/docker-hub/bitnami/redis:7", cache("bitnami/redis:7"));
        assertEquals(HOST + "/docker-hub/bitnami/redis:7", cache("registry-1.docker.io/bitnami/redis:7"));
    }

    @Test
    void tagAndDigestAreKeptAndNoTagStaysNoTag() {
        assertEquals(HOST + "/docker-hub/library/node:22@" + DIGEST, cache("node:22@" + DIGEST));
        assertEquals(HOST + "/docker-hub/library/node@" + DIGEST, cache("node@" + DIGEST));
        assertEquals(HOST + "/docker-hub/library/node", cache("node"));
    }

    @Test
    void whatTheCacheCannotServeIsSaidAndNotRewritten() {
        assertNull(cache("registry.gitlab.com/group/tools:1"));
        assertTrue(ECR.cannotCache(ImageRef.parse("registry.gitlab.com/group/tools:1")).contains("upstream"));
        assertTrue(ECR.cannotCache(ImageRef.parse("golang:$GO")).startsWith("holds a variable"));
        assertTrue(ECR.cannotCache(ImageRef.parse("registry-1.docker.io/alpine:3")).contains("namespace"));
        assertTrue(ECR.cannotCache(ImageRef.parse("a/b/c:1")).contains("no repository"));
        Mirror.EcrPullThrough noAccount = new Mirror.EcrPullThrough(null, "eu-west-1", "docker-hub",
                "registry-1.docker.io", null, true);
        assertTrue(noAccount.cannotCache(ImageRef.parse("golang:1.26")).contains("images.mirror.account"));
        assertNull(noAccount.cacheReference(ImageRef.parse("golang:1.26")));
    }

    @Test
    void aCacheReferenceStandsForItsUpstreamImage() {
        ImageRef cached = ImageRef.parse(HOST + "/docker-hub/library/golang:1.26@" + DIGEST);
        assertTrue(ECR.covers(cached));
        assertEquals("docker.io/library/golang:1.26@" + DIGEST, ECR.upstreamOf(cached).normalized());
        ImageRef hub = ImageRef.parse("golang:1.26");
        assertFalse(ECR.covers(hub), "an ECR cache covers only references that name it");
        assertSame(hub, ECR.upstreamOf(hub));
        ImageRef other = ImageRef.parse(HOST + "/team/app:1");
        assertFalse(ECR.covers(other), "another repository of the same registry is not the cache");
        Mirror.RegistryMirror mirror = new Mirror.RegistryMirror(Mirror.DOCKER_HUB, null, ":5000", "/var/lib/m",
                "168h", null, null, null, null);
        assertTrue(mirror.covers(hub));
        assertFalse(mirror.covers(ImageRef.parse("registry-1.docker.io/bitnami/redis:7")),
                "the daemon mirrors only the docker.io registry name");
        assertFalse(mirror.covers(ImageRef.parse("quay.io/x/y:1")));
    }

    @Test
    void rootPrefixServesAtTheRegistryRoot() {
        Mirror.EcrPullThrough root = new Mirror.EcrPullThrough("123456789012", "eu-west-1", "ROOT",
                "registry-1.docker.io", null, true);
        assertEquals(HOST + "/library/golang:1.26", root.cacheReference(ImageRef.parse("golang:1.26")));
        assertEquals("docker.io/library/golang:1.26",
                root.upstreamOf(ImageRef.parse(HOST + "/library/golang:1.26")).normalized());
    }

    @Test
    void thePlatformsFileAnswersForTheCacheNamesOfItsDockerHubImages() throws Exception {
        ImagePlatforms read = ImagePlatforms.parse("p.json", """
                {"version": 1, "images": {
                  "docker.io/library/golang:1.26": {"digest": "%s", "platforms": ["linux/amd64"]},
                  "docker.io/library/node@%s": {"digest": "%s", "platforms": ["linux/arm64"]}}}
                """.formatted(DIGEST, DIGEST, DIGEST));
        ImagePlatforms aliased = read.withMirrorNames(ECR);
        assertEquals(read.lookup(ImageRef.parse("golang:1.26")),
                aliased.lookup(ImageRef.parse(HOST + "/docker-hub/library/golang:1.26")));
        assertTrue(aliased.lookup(ImageRef.parse(HOST + "/docker-hub/library/node:22@" + DIGEST)).isPresent());
        assertSame(read, read.withMirrorNames(null));
    }
}
