package dev.spotlane.policy;

import java.util.Objects;

/**
 * The pull-through cache of the fleet ({@code images.mirror} in the rules file), the second image layer of the
 * design: baked images first, then this cache, then the upstream registry.
 */
public sealed interface Mirror {

    /** Docker Hub's registry API root, the upstream both kinds cache by default. */
    String DOCKER_HUB = "https://registry-1.docker.io";

    /**
     * A CNCF Distribution ({@code registry:2}) instance in proxy mode on a VPS or the manager host; the workers'
     * Docker daemon lists it under {@code registry-mirrors}, so pipelines stay unchanged. Docker sends no credentials
     * to a mirror: it must allow anonymous pulls, and whoever reaches it reads what the upstream credentials can.
     *
     * @param upstream    the upstream registry's root ({@code proxy.remoteurl})
     * @param url         the mirror's root as the workers reach it (scheme, host, port; no path), or null when not
     *                    decided yet (the generated daemon.json then holds a placeholder)
     * @param listen      the address the registry listens on ({@code http.addr})
     * @param storage     the cache's folder ({@code storage.filesystem.rootdirectory})
     * @param ttl         how long cached content is kept ({@code proxy.ttl}; Distribution 3 only, 2.8 keeps 168h)
     * @param certificate TLS certificate file, or null for plain HTTP (then the daemon needs the mirror's host
     *                    under {@code insecure-registries})
     * @param key         TLS key file, with {@code certificate}
     * @param usernameEnv the variable holding the upstream user name, or null for anonymous upstream pulls
     * @param passwordEnv the variable holding the upstream password or access token
     */
    record RegistryMirror(String upstream, String url, String listen, String storage, String ttl, String certificate,
                          String key, String usernameEnv, String passwordEnv) implements Mirror {
        public RegistryMirror {
            Objects.requireNonNull(upstream, "upstream");
            Objects.requireNonNull(listen, "listen");
            Objects.requireNonNull(storage, "storage");
            Objects.requireNonNull(ttl, "ttl");
        }

        public boolean tls() {
            return certificate != null;
        }
    }

    /**
     * An AWS ECR pull-through cache rule. ECR cannot serve as a daemon mirror (every pull needs credentials, and a
     * mirror must be a domain root while the cache sits under a prefix), so jobs reach it through rewritten image
     * references ({@code rewrite}) and the runner's credential helper.
     *
     * @param account          the AWS account id, or null for the placeholder {@code ACCOUNT_ID}
     * @param region           the registry's region
     * @param prefix           the ECR repository prefix of the rule ({@code docker-hub})
     * @param upstreamRegistry the upstream registry's URL ({@code registry-1.docker.io})
     * @param credentialSecret the Secrets Manager secret name with the upstream credentials (Docker Hub needs one;
     *                         the name must start with {@code ecr-pullthroughcache/})
     * @param rewrite          whether {@code fix} rewrites Docker Hub references of cloud-only jobs to the cache
     */
    record EcrPullThrough(String account, String region, String prefix, String upstreamRegistry,
                          String credentialSecret, boolean rewrite) implements Mirror {
        public EcrPullThrough {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(upstreamRegistry, "upstreamRegistry");
        }

        /** The registry host: {@code <account>.dkr.ecr.<region>.amazonaws.com}. */
        public String registryHost() {
            return (account == null ? "ACCOUNT_ID" : account) + ".dkr.ecr." + region + ".amazonaws.com";
        }
    }
}
