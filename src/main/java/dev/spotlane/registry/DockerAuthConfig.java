package dev.spotlane.registry;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Registry logins the way the Docker CLI and GitLab Runner find them: the {@code DOCKER_AUTH_CONFIG} variable (the
 * JSON of a Docker {@code config.json}, as GitLab CI uses it), else {@code $DOCKER_CONFIG/config.json}, else
 * {@code ~/.docker/config.json}. Entries of {@code auths} give {@code auth} (base64 {@code user:password}),
 * {@code username}/{@code password}, or {@code identitytoken}. Credential helpers ({@code credHelpers},
 * {@code credsStore}) are not run: a registry that needs one is read anonymously, with a note saying so.
 *
 * <p>Nothing read here is ever put in a message: a config that is not valid JSON is reported by its line and column.
 */
public final class DockerAuthConfig {
    /** The largest config read. */
    public static final long MAX_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final Map<String, Credential> auths;
    private final Map<String, String> helpers;
    private final String credsStore;

    private DockerAuthConfig(String source, Map<String, Credential> auths, Map<String, String> helpers,
                             String credsStore) {
        this.source = source;
        this.auths = auths;
        this.helpers = helpers;
        this.credsStore = credsStore;
    }

    /** No logins: every registry is read anonymously. */
    public static DockerAuthConfig none() {
        return new DockerAuthConfig("", Map.of(), Map.of(), null);
    }

    /**
     * A credential (or none) for a registry, and a note when the config names a helper spotlane does not run.
     *
     * @param credential the login, or null for anonymous
     * @param note       why a login that may exist is not used, or null
     */
    public record Lookup(Credential credential, String note) {
    }

    /**
     * Finds the config as Docker does: {@code DOCKER_AUTH_CONFIG}, {@code $DOCKER_CONFIG/config.json},
     * {@code HOME/.docker/config.json}; a missing file means no logins.
     *
     * @param env  the environment ({@code System::getenv})
     * @param home the user's home folder, or null
     * @throws RegistryException when the config is not valid
     */
    public static DockerAuthConfig load(Function<String, String> env, Path home) throws RegistryException {
        Objects.requireNonNull(env, "env");
        String inline = env.apply("DOCKER_AUTH_CONFIG");
        if (inline != null && !inline.isBlank()) {
            return parse("DOCKER_AUTH_CONFIG", inline);
        }
        String dir = env.apply("DOCKER_CONFIG");
        Path file = dir != null && !dir.isBlank() ? Path.of(dir, "config.json")
                : home == null ? null : home.resolve(".docker").resolve("config.json");
        if (file == null || !Files.exists(file)) {
            return none();
        }
        if (!Files.isRegularFile(file)) {
            throw new RegistryException(file + ": not a regular file");
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new RegistryException(file + ": " + size + " bytes, at most " + MAX_BYTES + " are read");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return parse(file.toString(), new String(in.readNBytes((int) MAX_BYTES), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new RegistryException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Parses a Docker {@code config.json}.
     *
     * @param source what to call it in messages ({@code DOCKER_AUTH_CONFIG} or the file)
     * @param text   the JSON
     * @throws RegistryException when it is not a JSON object; the message never quotes the text
     */
    public static DockerAuthConfig parse(String source, String text) throws RegistryException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_BYTES) {
            throw new RegistryException(source + ": more than " + MAX_BYTES + " characters");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // Jackson's own message quotes the input, which may be a password: only the place is reported
            throw new RegistryException(source + ": not valid JSON" + (at == null ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        if (root == null || !root.isObject()) {
            throw new RegistryException(source + ": not a JSON object (expected {\"auths\": {...}})");
        }
        Map<String, Credential> auths = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("auths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Credential c = credential(source, e.getKey(), e.getValue());
            if (c != null) {
                auths.putIfAbsent(key(e.getKey()), c);
            }
        }
        Map<String, String> helpers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("credHelpers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isTextual()) {
                helpers.put(key(e.getKey()), e.getValue().asText());
            }
        }
        String store = root.path("credsStore").isTextual() && !root.path("credsStore").asText().isEmpty()
                ? root.path("credsStore").asText() : null;
        return new DockerAuthConfig(source, Map.copyOf(auths), Map.copyOf(helpers), store);
    }

    private static Credential credential(String source, String registry, JsonNode entry) throws RegistryException {
        if (!entry.isObject()) {
            return null;
        }
        String identity = text(entry, "identitytoken");
        String auth = text(entry, "auth");
        if (auth != null) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(source + ": the \"auth\" of \"" + registry + "\" is not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new RegistryException(source + ": the \"auth\" of \"" + registry
                        + "\" is not base64 of user:password");
            }
            if (identity != null) {
                return new Credential(decoded.substring(0, colon), null, identity);
            }
            return new Credential(decoded.substring(0, colon), decoded.substring(colon + 1), null);
        }
        String user = text(entry, "username");
        String password = text(entry, "password");
        if (identity != null) {
            return new Credential(user, null, identity);
        }
        return user != null && password != null ? new Credential(user, password, null) : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    /**
     * The key a registry is filed under: scheme and path dropped, lower case, Docker Hub's names as
     * {@code docker.io} ({@code https://index.docker.io/v1/} is how {@code docker login} writes it).
     */
    static String key(String registry) {
        String r = registry.trim().toLowerCase(Locale.ROOT);
        int scheme = r.indexOf("://");
        if (scheme >= 0) {
            r = r.substring(scheme + 3);
        }
        int slash = r.indexOf('/');
        if (slash >= 0) {
            r = r.substring(0, slash);
        }
        return Endpoint.dockerHub(r) ? "docker.io" : r;
    }

    /**
     * The login for a registry: a credential helper named for it (not run: note), else its {@code auths} entry,
     * else the default store (not run: note), else anonymous.
     *
     * @param registry the registry as a normalised image reference names it
     */
    public Lookup find(String registry) {
        String k = key(registry);
        String helper = helpers.get(k);
        if (helper != null) {
            return new Lookup(null, source + " names credential helper \"docker-credential-" + helper + "\" for \""
                    + registry + "\": helpers are not supported, reading anonymously (put an \"auths\" entry in"
                    + " DOCKER_AUTH_CONFIG instead)");
        }
        Credential c = auths.get(k);
        if (c != null) {
            return new Lookup(c, null);
        }
        if (credsStore != null) {
            return new Lookup(null, source + " keeps logins in credential store \"docker-credential-" + credsStore
                    + "\": helpers are not supported, reading \"" + registry + "\" anonymously");
        }
        return new Lookup(null, null);
    }

    @Override
    public String toString() {
        return "DockerAuthConfig[" + source + ", " + auths.size() + " login(s)]";
    }
}
