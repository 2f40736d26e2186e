package dev.spotlane.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spotlane.model.ImageRef;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Reads image manifests over the OCI distribution API ({@code GET /v2/<name>/manifests/<reference>}) and answers
 * which platforms an image offers.
 *
 * <ul>
 *   <li>Auth: anonymous first; on {@code 401} the {@code WWW-Authenticate} challenge decides. {@code Bearer}
 *       (Docker Hub, GHCR, Quay, GitLab's registry): a token from the realm for the challenge's service and scope
 *       (default {@code repository:<name>:pull}), asked anonymously or with the login's Basic auth (an
 *       {@code identitytoken} is exchanged as an OAuth2 refresh token). {@code Basic}: the login itself.</li>
 *   <li>Manifest lists and OCI indexes: all four media types are accepted; an index gives its entries' platforms
 *       (attestations skipped), a single manifest its image config's.</li>
 *   <li>Integrity: a manifest asked for by digest must hash to it; the config blob must hash to its digest.</li>
 *   <li>Transport: HTTPS, plain HTTP only to loopback registries (and token realms, and redirects); redirects are
 *       followed by hand and the {@code Authorization} header is dropped when one leaves the host; 429 and 5xx and
 *       connection failures are retried ({@link Retry}); every request has a timeout; bodies are size-capped.</li>
 * </ul>
 * No message this class makes carries a credential, a token or a response body.
 */
public final class RegistryClient {
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    static final int MAX_CONFIG_BYTES = 8 * 1024 * 1024;
    static final int MAX_TOKEN_BYTES = 1024 * 1024;
    static final int MAX_ERROR_BYTES = 64 * 1024;
    private static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
    private static final Pattern DIGEST = Pattern.compile("(sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})");
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Z_]{1,40}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final DockerAuthConfig logins;
    private final Duration timeout;
    private final Retry retry;
    private final Clock clock;
    private final Consumer<String> notes;
    private final String userAgent;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();
    private final Set<String> noted = ConcurrentHashMap.newKeySet();
    /** Hosts that could not be reached after all tries: later requests to them fail at once, not after the waits. */
    private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

    /**
     * @param logins    where logins come from ({@link DockerAuthConfig#none()} for anonymous only)
     * @param timeout   the connect timeout and the timeout of each request
     * @param retry     how failed requests are retried
     * @param clock     the time recorded as {@code read_at}
     * @param notes     receives one-line notes (a login that cannot be used), each once
     * @param userAgent the {@code User-Agent} sent
     */
    public RegistryClient(DockerAuthConfig logins, Duration timeout, Retry retry, Clock clock,
                          Consumer<String> notes, String userAgent) {
        this.logins = Objects.requireNonNull(logins, "logins");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Reads an image's manifest (by digest when pinned, else by tag) and the platforms it offers.
     *
     * @param ref a valid image reference
     * @return the digest served and the platforms
     * @throws RegistryException when the registry cannot be read or serves something unusable
     */
    public ManifestPlatforms read(ImageRef ref) throws RegistryException {
        Objects.requireNonNull(ref, "ref");
        if (!ref.valid()) {
            throw new RegistryException(ref.dynamic() ? "\"" + ref.original() + "\" is dynamic: nothing to read"
                    : ref.problem());
        }
        Endpoint ep = Endpoint.of(ref.registry());
        String name = ref.repository();
        String reference = ref.digest() != null ? ref.digest() : ref.effectiveTag();
        Response manifest = fetch(ep, name, "/manifests/" + reference, Manifests.ACCEPT, MAX_MANIFEST_BYTES,
                "manifest \"" + reference + "\"");
        String digest;
        if (ref.digest() != null) {
            verify(ref.digest(), manifest.body(), ep, name, "the manifest");
            digest = ref.digest();
        } else {
            digest = "sha256:" + hex("SHA-256", manifest.body());
            String served = manifest.header("docker-content-digest").orElse(null);
            if (served != null && served.startsWith("sha256:") && !served.equals(digest)) {
                throw new RegistryException(where(ep, name) + ": the manifest served for tag \"" + reference
                        + "\" does not match its Docker-Content-Digest");
            }
        }
        JsonNode doc = parse(manifest.body(), ep, name, "manifest");
        List<String> platforms;
        String type = Manifests.mediaType(manifest.header("content-type").orElse(null), doc);
        if (Manifests.isIndex(type, doc)) {
            platforms = Manifests.indexPlatforms(doc);
        } else if (doc.path("schemaVersion").asInt() == 1) {
            String p = Manifests.configPlatform(JSON.createObjectNode().put("os", "linux")
                    .put("architecture", doc.path("architecture").asText("")));
            platforms = p == null ? List.of() : List.of(p);
        } else {
            String config = doc.path("config").path("digest").asText("");
            if (!DIGEST.matcher(config).matches()) {
                throw new RegistryException(where(ep, name) + ": the manifest (media type \"" + safe(type)
                        + "\") names no image config");
            }
            Response blob = fetch(ep, name, "/blobs/" + config, "*/*", MAX_CONFIG_BYTES, "image config");
            verify(config, blob.body(), ep, name, "the image config");
            String p = Manifests.configPlatform(parse(blob.body(), ep, name, "image config"));
            platforms = p == null ? List.of() : List.of(p);
        }
        if (platforms.isEmpty()) {
            throw new RegistryException(where(ep, name) + ": the manifest names no platform");
        }
        return new ManifestPlatforms(digest, platforms, clock.instant().truncatedTo(ChronoUnit.SECONDS));
    }

    /** A GET under {@code /v2/<name>}, authenticating once on 401; anything but 200 is an error. */
    private Response fetch(Endpoint ep, String name, String path, String accept, int limit, String what)
            throws RegistryException {
        URI uri = URI.create(ep.base() + "/v2/" + name + path);
        String key = ep.base() + "|" + name;
        String authorization = authorizations.get(key);
        Response r = send("GET", uri, accept, authorization, null, limit);
        if (r.status() == 401) {
            authorization = authorize(ep, name, r.header("www-authenticate").orElse(""));
            authorizations.put(key, authorization);
            r = send("GET", uri, accept, authorization, null, limit);
            if (r.status() == 401) {
                if (authorization.startsWith("Basic")) {
                    throw new RegistryException(where(ep, name) + ": the registry refused the login (HTTP 401"
                            + code(r) + ")");
                }
                boolean withLogin = logins.find(ep.registry()).credential() != null;
                throw new RegistryException(where(ep, name) + ": the registry refused the token issued "
                        + (withLogin ? "for the login of \"" + ep.registry() + "\"" : "anonymously: the image does"
                        + " not exist or needs a login (none found for \"" + ep.registry() + "\")")
                        + " (HTTP 401" + code(r) + ")");
            }
        }
        if (r.status() == 200) {
            return r;
        }
        if (r.status() == 404) {
            throw new RegistryException(where(ep, name) + ": " + what + " not found (HTTP 404" + code(r) + ")");
        }
        if (r.status() == 403) {
            throw new RegistryException(where(ep, name) + ": access denied (HTTP 403" + code(r) + ")");
        }
        throw new RegistryException(where(ep, name) + ": reading the " + what + " failed (HTTP " + r.status()
                + code(r) + ")");
    }

    /** The {@code Authorization} value a 401 challenge asks for. */
    private String authorize(Endpoint ep, String name, String header) throws RegistryException {
        DockerAuthConfig.Lookup login = logins.find(ep.registry());
        if (login.note() != null && noted.add(login.note())) {
            notes.accept(login.note());
        }
        Credential credential = login.credential();
        List<Challenge> challenges = Challenge.parse(header);
        Optional<Challenge> bearer = challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
        if (bearer.isPresent()) {
            return "Bearer " + token(ep, name, bearer.get(), credential);
        }
        if (challenges.stream().anyMatch(c -> c.scheme().equals("basic"))) {
            if (credential == null || !credential.basic()) {
                throw new RegistryException(where(ep, name) + ": the registry needs a login and none was found"
                        + " for \"" + ep.registry() + "\" (DOCKER_AUTH_CONFIG or ~/.docker/config.json)");
            }
            return credential.basicHeader();
        }
        throw new RegistryException(where(ep, name) + ": the registry answered 401 without a Bearer or Basic"
                + " challenge");
    }

    /** Asks the challenge's realm for a pull token. */
    private String token(Endpoint ep, String name, Challenge challenge, Credential credential)
            throws RegistryException {
        String realm = challenge.param("realm");
        URI realmUri;
        try {
            realmUri = realm == null || realm.isEmpty() ? null : new URI(realm);
        } catch (java.net.URISyntaxException e) {
            realmUri = null;
        }
        if (realmUri == null || realmUri.getHost() == null) {
            throw new RegistryException(where(ep, name) + ": the Bearer challenge has no usable realm");
        }
        if (!Endpoint.allowed(realmUri)) {
            throw new RegistryException(where(ep, name) + ": the token service \"" + realmUri.getHost()
                    + "\" is not HTTPS; refused");
        }
        List<String> scopes = new ArrayList<>();
        String scope = challenge.param("scope");
        if (scope != null && !scope.isBlank()) {
            scopes.addAll(List.of(scope.trim().split("\\s+")));
        } else {
            scopes.add("repository:" + name + ":pull");
        }
        String service = challenge.param("service");
        StringBuilder query = new StringBuilder();
        if (service != null) {
            query.append("service=").append(encode(service));
        }
        for (String s : scopes) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(encode(s));
        }
        Response r;
        if (credential != null && credential.identityToken() != null) {
            String form = "grant_type=refresh_token&client_id=spotlane&refresh_token="
                    + encode(credential.identityToken()) + (query.length() > 0 ? "&" + query : "");
            r = send("POST", realmUri, "application/json", null, form, MAX_TOKEN_BYTES);
        } else {
            String sep = realmUri.getRawQuery() == null ? "?" : "&";
            URI uri = URI.create(realmUri + (query.length() > 0 ? sep + query : ""));
            r = send("GET", uri, "application/json", credential != null && credential.basic()
                    ? credential.basicHeader() : null, null, MAX_TOKEN_BYTES);
        }
        if (r.status() == 401 || r.status() == 403) {
            throw new RegistryException(where(ep, name) + ": the token service \"" + realmUri.getHost()
                    + "\" refused " + (credential == null ? "anonymous access" : "the login for \"" + ep.registry()
                    + "\"") + " (HTTP " + r.status() + ")");
        }
        if (r.status() != 200) {
            throw new RegistryException(where(ep, name) + ": the token service \"" + realmUri.getHost()
                    + "\" answered HTTP " + r.status());
        }
        JsonNode body = parse(r.body(), ep, name, "token response");
        String token = body.path("token").asText("");
        if (token.isEmpty()) {
            token = body.path("access_token").asText("");
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new RegistryException(where(ep, name) + ": the token service \"" + realmUri.getHost()
                    + "\" gave no usable token");
        }
        return token;
    }

    /** One request: redirects followed by hand (Authorization dropped off-host), retries on 429/5xx/IO errors. */
    private Response send(String method, URI uri, String accept, String authorization, String form, int limit)
            throws RegistryException {
        URI current = uri;
        String auth = authorization;
        String verb = method;
        String body = form;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (!Endpoint.allowed(current)) {
                throw new RegistryException("\"" + current.getHost() + "\": refusing plain HTTP to a host that is"
                        + " not loopback");
            }
            Response r = sendRetrying(verb, current, accept, auth, body, limit);
            if (r.status() / 100 != 3 || r.status() == 304) {
                return r;
            }
            String location = r.header("location").orElse(null);
            if (location == null) {
                return r;
            }
            URI next;
            try {
                next = current.resolve(new URI(location));
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                throw new RegistryException("\"" + current.getHost() + "\": redirect to an invalid location");
            }
            if (!sameOrigin(current, next)) {
                auth = null;
            }
            if (r.status() == 303) {
                verb = "GET";
                body = null;
            }
            current = next;
        }
        throw new RegistryException("\"" + uri.getHost() + "\": more than " + MAX_REDIRECTS + " redirects");
    }

    private Response sendRetrying(String method, URI uri, String accept, String authorization, String form,
                                  int limit) throws RegistryException {
        String origin = lower(uri.getScheme()) + "://" + lower(uri.getHost()) + ":" + port(uri);
        if (unreachable.contains(origin)) {
            throw new RegistryException("\"" + uri.getHost() + "\": not reached earlier in this run; not tried again");
        }
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Accept", accept).header("User-Agent", userAgent);
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            if (form != null) {
                b.header("Content-Type", "application/x-www-form-urlencoded")
                        .method(method, HttpRequest.BodyPublishers.ofString(form));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    unreachable.add(origin);
                    throw new RegistryException("\"" + uri.getHost() + "\": " + describe(e) + " (" + attempt
                            + " tries)");
                }
                pause(retry.delay(attempt, null));
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryException("\"" + uri.getHost() + "\": interrupted");
            }
            int status = resp.statusCode();
            if (RETRIED.contains(status) && attempt < retry.maxAttempts()) {
                close(resp.body());
                pause(retry.delay(attempt, retryAfter(resp)));
                continue;
            }
            int cap = status / 100 == 2 ? limit : MAX_ERROR_BYTES;
            byte[] bytes;
            try (InputStream in = resp.body()) {
                long declared = resp.headers().firstValueAsLong("content-length").orElse(-1);
                if (status / 100 == 2 && declared > limit) {
                    throw new RegistryException("\"" + uri.getHost() + "\": the response has " + declared
                            + " bytes, at most " + limit + " are read");
                }
                bytes = in.readNBytes(cap + 1);
            } catch (IOException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new RegistryException("\"" + uri.getHost() + "\": " + describe(e) + " (" + attempt
                            + " tries)");
                }
                pause(retry.delay(attempt, null));
                continue;
            }
            if (bytes.length > cap) {
                if (status / 100 == 2) {
                    throw new RegistryException("\"" + uri.getHost() + "\": the response is larger than " + limit
                            + " bytes");
                }
                bytes = java.util.Arrays.copyOf(bytes, cap);
            }
            return new Response(status, resp.headers(), bytes);
        }
    }

    private void pause(Duration d) throws RegistryException {
        try {
            retry.sleeper().sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryException("interrupted while waiting to retry");
        }
    }

    private static Duration retryAfter(HttpResponse<?> resp) {
        Optional<String> v = resp.headers().firstValue("retry-after");
        if (v.isEmpty()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(v.get().trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void close(InputStream in) {
        try (in) {
            in.readNBytes(MAX_ERROR_BYTES);
        } catch (IOException e) {
            // the connection is dropped; nothing else to do
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost())) && port(a) == port(b);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static String describe(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connection timed out";
        }
        if (e instanceof HttpTimeoutException) {
            return "request timed out";
        }
        if (e instanceof ConnectException) {
            return "cannot connect";
        }
        if (e instanceof java.net.UnknownHostException || e.getCause() instanceof java.nio.channels
                .UnresolvedAddressException) {
            return "unknown host";
        }
        if (e instanceof javax.net.ssl.SSLException) {
            return "TLS failed (" + e.getClass().getSimpleName() + ")";
        }
        return "I/O error (" + e.getClass().getSimpleName() + ")";
    }

    /** The registry's error code (e.g. {@code MANIFEST_UNKNOWN}) from an error body, never its free text. */
    private static String code(Response r) {
        try {
            JsonNode doc = JSON.readTree(r.body());
            String code = doc == null ? "" : doc.path("errors").path(0).path("code").asText("");
            return ERROR_CODE.matcher(code).matches() ? ", " + code : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static JsonNode parse(byte[] body, Endpoint ep, String name, String what) throws RegistryException {
        try {
            JsonNode doc = JSON.readTree(body);
            if (doc == null || !doc.isObject()) {
                throw new RegistryException(where(ep, name) + ": the " + what + " is not a JSON object");
            }
            return doc;
        } catch (IOException e) {
            throw new RegistryException(where(ep, name) + ": the " + what + " is not valid JSON");
        }
    }

    private static void verify(String digest, byte[] body, Endpoint ep, String name, String what)
            throws RegistryException {
        int colon = digest.indexOf(':');
        String algorithm = switch (digest.substring(0, colon)) {
            case "sha256" -> "SHA-256";
            case "sha384" -> "SHA-384";
            case "sha512" -> "SHA-512";
            default -> throw new RegistryException(where(ep, name) + ": unsupported digest algorithm in \""
                    + digest + "\"");
        };
        if (!hex(algorithm, body).equals(digest.substring(colon + 1))) {
            throw new RegistryException(where(ep, name) + ": " + what + " served does not match its digest \""
                    + digest + "\"");
        }
    }

    static String hex(String algorithm, byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String where(Endpoint ep, String name) {
        return ep.registry() + "/" + name;
    }

    private static String safe(String s) {
        return s.matches("[A-Za-z0-9.+/_-]{0,100}") ? s : "?";
    }

    /** A response: status, headers, body (capped). */
    private record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }
}
