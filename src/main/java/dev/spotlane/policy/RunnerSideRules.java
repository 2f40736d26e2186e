package dev.spotlane.policy;

import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;

/** Reads the runner-side parts of the rules file that the schema has already checked: the mirror and the cache. */
final class RunnerSideRules {
    private RunnerSideRules() {
    }

    /** {@code images.mirror}, or null when absent or {@code kind: none}. */
    static Mirror mirror(YamlMapping images, String fleetRegion) {
        YamlMapping m = images == null ? null : mapping(images.get("mirror"));
        if (m == null || "none".equals(text(m, "kind", "registry-mirror"))) {
            return null;
        }
        if ("ecr-pull-through".equals(text(m, "kind", null))) {
            return new Mirror.EcrPullThrough(text(m, "account", null), text(m, "region", fleetRegion),
                    text(m, "prefix", "docker-hub"), text(m, "upstream", "registry-1.docker.io"),
                    text(m, "credential_secret", "ecr-pullthroughcache/docker-hub"),
                    "true".equals(text(m, "rewrite", "false")));
        }
        YamlMapping tls = mapping(m.get("tls"));
        YamlMapping credentials = mapping(m.get("upstream_credentials"));
        return new Mirror.RegistryMirror(text(m, "upstream", Mirror.DOCKER_HUB), text(m, "url", null),
                text(m, "listen", ":5000"), text(m, "storage", "/var/lib/spotlane-mirror"), text(m, "ttl", "168h"),
                tls == null ? null : text(tls, "certificate", null), tls == null ? null : text(tls, "key", null),
                credentials == null ? null : text(credentials, "username_env", null),
                credentials == null ? null : text(credentials, "password_env", null));
    }

    /** {@code fleet.cache}, or null when absent. */
    static SharedCache cache(YamlMapping fleet, String fleetRegion) {
        YamlMapping c = fleet == null ? null : mapping(fleet.get("cache"));
        if (c == null) {
            return null;
        }
        return new SharedCache(text(c, "bucket", ""), text(c, "region", fleetRegion), text(c, "path", ""),
                !"false".equals(text(c, "shared", "true")));
    }

    private static YamlMapping mapping(YamlNode node) {
        return node != null && node.resolved() instanceof YamlMapping m ? m : null;
    }

    private static String text(YamlMapping m, String key, String otherwise) {
        YamlNode n = m.get(key);
        return n == null || n.scalarValue() == null ? otherwise : n.scalarValue();
    }
}
