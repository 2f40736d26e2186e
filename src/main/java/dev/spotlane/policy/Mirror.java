package dev.spotlane.policy;

import dev.spotlane.model.ImageRef;
import java.util.Locale;
import java.util.Objects;

/**
 * The pull-through cache of the fleet ({@code images.mirror} in the rules file), the second image layer of the
 * design: baked images first, then this cache, then the upstream registry.
 */
public sealed interface Mirror {

    /** Docker Hub's registry API root, the upstream both kinds cache by default. */
    String DOCKER_HUB = "https://registry-1.docker.io";

    /**
     * Whether a job that pulls this reference on the cloud fleet gets it through the cache: a registry mirror
     * serves every Docker Hub image (the daemon sends only Docker Hub pulls to its {@code registry-mirrors}); an
     * ECR pull-through cache only the references that name its cache prefix.
     */
    boolean covers(ImageRef ref);

    /** The upstream image a reference into the cache stands for; any other reference unchanged. */
    default ImageRef upstreamOf(ImageRef ref) {
        return ref;
    }

    /**
     * True for a static Docker Hub reference: no registry, {@code docker.io}, {@code index.docker.io} (the parsed
     * reference already says {@code docker.io} for those) or Hub's API host {@code registry-1.docker.io}.
     */
    static boolean dockerHubImage(ImageRef ref) {
        return ref.valid() && (ImageRef.DOCKER_HUB.equals(ref.registry())
                || "registry-1.docker.io".equalsIgnoreCase(ref.registry()));
    }

    /**
     * A Docker Hub reference written with Hub's API host ({@code registry-1.docker.io/bitnami/redis:7}) in its
     * {@code docker.io} form, the one image it names; any other reference unchanged.
     */
    static ImageRef hubForm(ImageRef ref) {
        if (!ref.valid() || !"registry-1.docker.io".equalsIgnoreCase(ref.registry())) {
            return ref;
        }
        ImageRef hub = ImageRef.parse(ImageRef.DOCKER_HUB + "/" + ref.repository()
                + (ref.tag() == null ? "" : ":" + ref.tag()) + (ref.digest() == null ? "" : "@" + ref.digest()));
        return hub.valid() ? hub : ref;
    }

    /** True for Docker Hub's registry names as a rules file may write them (with or without scheme). */
    static boolean dockerHub(String registry) {
        String r = registry.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("/+$", "");
        return r.equals("registry-1.docker.io") || r.equals("docker.io") || r.equals("index.docker.io");
    }

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

        @Override
        public boolean covers(ImageRef ref) {
            return ref.valid() && Mirror.dockerHub(upstream) && ImageRef.DOCKER_HUB.equals(ref.registry());
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

        /**
         * The repository path the cache serves an upstream repository under: {@code <prefix>/<repository>}, the
         * prefix without its implied trailing {@code /}; {@code ROOT} (a rule without prefix) adds none.
         */
        private String cachePath(String repository) {
            String p = prefix.replaceFirst("/+$", "");
            return p.equals("ROOT") ? repository : p + "/" + repository;
        }

        /**
         * The registry host the references of the upstream carry: {@code docker.io} for Docker Hub, else the
         * upstream URL's host.
         */
        private String upstreamHost() {
            return Mirror.dockerHub(upstreamRegistry) ? ImageRef.DOCKER_HUB
                    : upstreamRegistry.toLowerCase(Locale.ROOT).replaceFirst("^https?://", "")
                            .replaceFirst("/+$", "");
        }

        /** True for a static reference of the cache's upstream registry. */
        public boolean fromUpstream(ImageRef ref) {
            return ref.valid() && (upstreamHost().equals(ref.registry())
                    || ImageRef.DOCKER_HUB.equals(upstreamHost()) && Mirror.dockerHubImage(ref));
        }

        /**
         * Why a reference cannot be pulled through this cache, or null when it can: it must be a static reference
         * of the upstream registry (Docker Hub: official images get {@code library/}, which the parsed reference
         * already carries), and the account must be known to write the cache's host. AWS ECR user guide,
         * "Pulling an upstream image with a pull through cache rule": {@code
         * <account>.dkr.ecr.<region>.amazonaws.com/<prefix>/library/alpine:3.20} for an official Docker Hub image,
         * {@code .../<prefix>/bitnami/redis:7} for others.
         */
        public String cannotCache(ImageRef ref) {
            if (ref.dynamic()) {
                return "holds a variable: what it names is known only when the job runs";
            }
            if (!ref.valid()) {
                return ref.problem();
            }
            if (!fromUpstream(ref)) {
                return "not an image of the cache's upstream \"" + upstreamRegistry + "\"";
            }
            if (account == null) {
                return "images.mirror.account is not set, so the cache's registry host is not known";
            }
            boolean hub = Mirror.dockerHubImage(ref);
            if (hub && ref.repository().indexOf('/') < 0) {
                // registry-1.docker.io/alpine: Docker adds library/ only to docker.io names
                return "\"" + ref.original() + "\" names no Docker Hub namespace (official images are"
                        + " library/<name>)";
            }
            if (hub && ref.repository().split("/").length > 2) {
                // Docker Hub has namespace/name only; ECR serves no deeper Hub path (containers-roadmap #2354)
                return "Docker Hub has no repository \"" + ref.repository() + "\"";
            }
            return null;
        }

        /**
         * The reference that pulls {@code ref} through the cache, with its tag and digest as written (a reference
         * without either keeps the implied {@code latest}), or null when {@link #cannotCache} gives a reason.
         */
        public String cacheReference(ImageRef ref) {
            if (cannotCache(ref) != null) {
                return null;
            }
            String out = registryHost() + "/" + cachePath(ref.repository())
                    + (ref.tag() == null ? "" : ":" + ref.tag()) + (ref.digest() == null ? "" : "@" + ref.digest());
            return ImageRef.parse(out).valid() ? out : null;
        }

        /** True for a reference into this cache ({@code <host>/<prefix>/...}). */
        @Override
        public boolean covers(ImageRef ref) {
            return upstreamOf(ref) != ref;
        }

        @Override
        public ImageRef upstreamOf(ImageRef ref) {
            if (!ref.valid() || !ref.registry().equalsIgnoreCase(registryHost())) {
                return ref;
            }
            String head = cachePath("");
            if (!ref.repository().startsWith(head) || ref.repository().length() == head.length()) {
                return ref;
            }
            String rest = ref.repository().substring(head.length());
            ImageRef up = ImageRef.parse(upstreamHost() + "/" + rest + (ref.tag() == null ? "" : ":" + ref.tag())
                    + (ref.digest() == null ? "" : "@" + ref.digest()));
            return up.valid() ? up : ref;
        }
    }
}
