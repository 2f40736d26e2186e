package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spotlane.model.EcrHost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registries of the bake list and how each is logged into (ECR user guide: registry URL format). */
class BakeRegistriesTest {
    @Test
    void eachRegistryOnceSortedWithItsLogin() {
        List<BakeRegistries.Registry> r = BakeRegistries.of(List.of(
                "docker.io/library/golang:1.26",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tools/builder:2",
                "123456789012.dkr.ecr.eu-west-1.amazonaws.com/tools/other@sha256:"
                        + "1b0c2a6e0d8f3c5e7a9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c",
                "210987654321.dkr.ecr-fips.us-gov-west-1.amazonaws.com/x:1",
                "public.ecr.aws/docker/library/redis:8",
                "registry.example.com:5050/g/p:1"));
        assertEquals(List.of(
                new BakeRegistries.Registry("123456789012.dkr.ecr.eu-west-1.amazonaws.com", BakeRegistries.Login.ECR,
                        "eu-west-1"),
                new BakeRegistries.Registry("210987654321.dkr.ecr-fips.us-gov-west-1.amazonaws.com",
                        BakeRegistries.Login.ECR, "us-gov-west-1"),
                new BakeRegistries.Registry("docker.io", BakeRegistries.Login.DOCKER_HUB, ""),
                new BakeRegistries.Registry("public.ecr.aws", BakeRegistries.Login.OTHER, ""),
                new BakeRegistries.Registry("registry.example.com:5050", BakeRegistries.Login.OTHER, "")), r);
    }

    @Test
    void theFileIsOneTabSeparatedLineARegistry() {
        String file = BakeRegistries.file(List.of("123456789012.dkr.ecr.eu-west-1.amazonaws.com/a:1",
                "docker.io/library/alpine:3.20"), "spotlane images . --format registries");
        assertEquals(List.of("123456789012.dkr.ecr.eu-west-1.amazonaws.com\tecr\teu-west-1", "docker.io\tdocker-hub\t"),
                file.lines().filter(l -> !l.startsWith("#")).toList());
    }

    @Test
    void onlyPrivateEcrHostsAreEcr() {
        assertEquals(Optional.empty(), EcrHost.parse("public.ecr.aws"));
        assertEquals(Optional.empty(), EcrHost.parse("123.dkr.ecr.eu-west-1.amazonaws.com"));
        assertEquals(Optional.empty(), EcrHost.parse("123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example"));
        assertEquals("arn:aws-cn:ecr:cn-north-1:123456789012:repository/a/b",
                EcrHost.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn").orElseThrow().repositoryArn("a/b"));
    }
}
