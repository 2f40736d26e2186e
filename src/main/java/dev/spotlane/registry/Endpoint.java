package dev.spotlane.registry;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a registry's API answers: {@code docker.io} (and its aliases) is {@code registry-1.docker.io}; a loopback
 * registry ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}, as the Docker daemon allows them without TLS) is
 * spoken to over plain HTTP, every other registry over HTTPS only.
 *
 * @param registry the registry as an image reference names it, e.g. {@code docker.io}, {@code 127.0.0.1:5000}
 * @param base     the API root, e.g. {@code https://registry-1.docker.io}
 */
public record Endpoint(String registry, URI base) {
    /** The API host of Docker Hub. */
    public static final String DOCKER_HUB_API = "registry-1.docker.io";

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    public Endpoint {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(base, "base");
    }

    /**
     * @param registry the registry part of a normalised image reference ({@code host[:port]})
     * @return its API endpoint
     */
    public static Endpoint of(String registry) {
        Objects.requireNonNull(registry, "registry");
        String authority = dockerHub(registry) ? DOCKER_HUB_API : registry.toLowerCase(Locale.ROOT);
        String scheme = loopback(host(authority)) ? "http" : "https";
        return new Endpoint(registry, URI.create(scheme + "://" + authority));
    }

    /** @return true for the names Docker Hub goes by ({@code docker.io}, {@code index.docker.io}, ...) */
    public static boolean dockerHub(String registry) {
        String r = registry.toLowerCase(Locale.ROOT);
        return r.equals("docker.io") || r.equals("index.docker.io") || r.equals(DOCKER_HUB_API)
                || r.equals("registry.hub.docker.com");
    }

    /** @return the host of {@code host[:port]} or {@code [v6][:port]}, brackets kept for IPv6 */
    static String host(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /**
     * Loopback by its literal form only (no DNS lookup, so a name cannot be made to resolve to 127.0.0.1 to turn
     * TLS off): {@code localhost}, an IPv4 address in {@code 127.0.0.0/8}, {@code [::1]}.
     */
    public static boolean loopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
                || h.equals("[0:0:0:0:0:0:0:1]")) {
            return true;
        }
        var m = IPV4.matcher(h);
        if (!m.matches()) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return Integer.parseInt(m.group(1)) == 127;
    }

    /** @return true when {@code uri} may be spoken to: HTTPS, or HTTP to a loopback host */
    static boolean allowed(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return uri.getHost() != null;
        }
        return scheme.equals("http") && uri.getHost() != null && loopback(uri.getHost());
    }
}
