package dev.spotlane.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Docker image reference as written in a GitLab CI {@code image:} or {@code services:} entry, parsed by the
 * grammar of the distribution/reference library and normalised the way Docker does it.
 *
 * <p>A parsed reference is in one of three states:
 * <ul>
 *   <li><b>valid</b>: {@code registry} and {@code repository} are set, {@code tag} and {@code digest} are set
 *       when written;</li>
 *   <li><b>dynamic</b>: the text contains {@code $} (a CI variable or {@code $[[ inputs.x ]]}), so nothing can be
 *       known statically; all parts and {@code problem} are null;</li>
 *   <li><b>invalid</b>: {@code problem} says why; all parts are null.</li>
 * </ul>
 *
 * @param original   the text exactly as written, never null
 * @param registry   registry host (and port) as written, {@code docker.io} when none is written or for
 *                   {@code index.docker.io}; null unless valid
 * @param repository repository path, with {@code library/} added for one-component Docker Hub names;
 *                   null unless valid
 * @param tag        the tag when written, else null (see {@link #effectiveTag()} for the implied one)
 * @param digest     the digest ({@code algorithm:hex}) when written, else null
 * @param dynamic    whether the text contains a variable and so cannot be parsed statically
 * @param problem    why the reference is invalid, or null
 */
public record ImageRef(String original, String registry, String repository, String tag, String digest,
                       boolean dynamic, String problem) {

    /** The registry used when a reference names none. */
    public static final String DOCKER_HUB = "docker.io";
    /** The tag implied when a reference has neither tag nor digest. */
    public static final String DEFAULT_TAG = "latest";

    private static final String LEGACY_DOCKER_HUB = "index.docker.io";
    private static final String OFFICIAL_PREFIX = "library/";
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MAX_TAG_LENGTH = 128;

    private static final String LABEL = "[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*";
    private static final Pattern REGISTRY = Pattern.compile(
            "(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?");
    private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("\\w[\\w.-]*");
    private static final Pattern DIGEST = Pattern.compile(
            "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");

    /** Checks that {@code original} is set; use {@link #parse(String)} to build one from text. */
    public ImageRef {
        Objects.requireNonNull(original, "original");
    }

    /**
     * Parses an image reference. Never throws for a non-null string: an invalid reference comes back with
     * {@link #problem()} set, one containing {@code $} comes back {@link #dynamic()}. Nothing is trimmed.
     *
     * @param text the reference as written, e.g. {@code registry.example.com:5050/group/app:1.0}
     * @return the parsed reference
     * @throws NullPointerException if {@code text} is null
     */
    public static ImageRef parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            return invalid(text, "empty image reference");
        }
        if (text.indexOf('$') >= 0) {
            return new ImageRef(text, null, null, null, null, true, null);
        }
        if (text.chars().anyMatch(Character::isWhitespace)) {
            return invalid(text, "image reference must not contain whitespace");
        }
        if (IMAGE_ID.matcher(text).matches()) {
            return invalid(text, "a 64-character hex string is an image id, not a repository name");
        }

        // name [ ":" tag ] [ "@" digest ]: the digest starts at the first "@", the tag after the last ":"
        // unless that ":" belongs to a registry port (comes before the last "/").
        String name = text;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (name.isEmpty()) {
            return invalid(text, "missing repository name");
        }

        String registry = DOCKER_HUB;
        String repository = name;
        int slash = name.indexOf('/');
        if (slash >= 0 && looksLikeRegistry(name.substring(0, slash))) {
            registry = name.substring(0, slash);
            repository = name.substring(slash + 1);
        }
        if (registry.equals(LEGACY_DOCKER_HUB)) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && repository.indexOf('/') < 0) {
            repository = OFFICIAL_PREFIX + repository;
        }

        String problem = checkName(registry, repository);
        if (problem == null && tag != null) {
            problem = checkTag(tag);
        }
        if (problem == null && digest != null) {
            problem = checkDigest(digest);
        }
        return problem != null
                ? invalid(text, problem)
                : new ImageRef(text, registry, repository, tag, digest, false, null);
    }

    /** @return true when the reference parsed without problem and is not dynamic */
    public boolean valid() {
        return problem == null && !dynamic;
    }

    /** @return true when a digest is written, so the reference names exactly one image */
    public boolean pinned() {
        return digest != null;
    }

    /**
     * @return the tag when written; {@value #DEFAULT_TAG} when neither tag nor digest is written; null when only a
     *         digest is written or the reference is not {@link #valid()}
     */
    public String effectiveTag() {
        if (!valid()) {
            return null;
        }
        return tag != null ? tag : digest == null ? DEFAULT_TAG : null;
    }

    /**
     * @return {@code registry/repository[:tag][@digest]} with {@code :latest} added when neither tag nor digest is
     *         written, e.g. {@code docker.io/library/alpine:latest}; null when not {@link #valid()}
     */
    public String normalized() {
        if (!valid()) {
            return null;
        }
        String tagPart = effectiveTag() != null ? ":" + effectiveTag() : "";
        String digestPart = digest != null ? "@" + digest : "";
        return repositoryPath() + tagPart + digestPart;
    }

    /**
     * @return {@code registry/repository} without tag or digest, e.g. {@code docker.io/library/golang}; null when
     *         not {@link #valid()}
     */
    public String repositoryPath() {
        return valid() ? registry + "/" + repository : null;
    }

    /** Docker's rule: the part before the first "/" is a registry if it has "." or ":", is localhost, or has upper case. */
    private static boolean looksLikeRegistry(String first) {
        return first.indexOf('.') >= 0 || first.indexOf(':') >= 0 || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT));
    }

    /** Checks the normalised name; its length counts the registry, as Docker checks it after normalising. */
    private static String checkName(String registry, String repository) {
        if (registry.length() + 1 + repository.length() > MAX_NAME_LENGTH) {
            return "repository name must not be more than " + MAX_NAME_LENGTH + " characters";
        }
        if (!REGISTRY.matcher(registry).matches()) {
            return "invalid registry host \"" + registry + "\"";
        }
        for (String component : repository.split("/", -1)) {
            if (component.isEmpty()) {
                return "repository name must not have an empty path component";
            }
            if (!PATH_COMPONENT.matcher(component).matches()) {
                String lower = component.toLowerCase(Locale.ROOT);
                return !lower.equals(component) && PATH_COMPONENT.matcher(lower).matches()
                        ? "repository name must be lowercase"
                        : "invalid repository name component \"" + component + "\"";
            }
        }
        return null;
    }

    private static String checkTag(String tag) {
        if (tag.isEmpty()) {
            return "tag must not be empty";
        }
        if (tag.length() > MAX_TAG_LENGTH) {
            return "tag must not be more than " + MAX_TAG_LENGTH + " characters";
        }
        return TAG.matcher(tag).matches() ? null : "invalid tag \"" + tag + "\"";
    }

    /** Checks the digest grammar, then the hex length of the algorithms Docker supports. */
    private static String checkDigest(String digest) {
        if (digest.isEmpty()) {
            return "digest must not be empty";
        }
        if (!DIGEST.matcher(digest).matches()) {
            return "invalid digest \"" + digest + "\"";
        }
        int colon = digest.indexOf(':');
        String algorithm = digest.substring(0, colon);
        String hex = digest.substring(colon + 1);
        int expected = switch (algorithm) {
            case "sha256" -> 64;
            case "sha384" -> 96;
            case "sha512" -> 128;
            default -> -1;
        };
        if (expected < 0) {
            return "unsupported digest algorithm \"" + algorithm + "\"";
        }
        if (hex.length() != expected || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
            return algorithm + " digest must be " + expected + " lowercase hex characters";
        }
        return null;
    }

    private static ImageRef invalid(String text, String reason) {
        return new ImageRef(text, null, null, null, null, false, "invalid reference \"" + text + "\": " + reason);
    }
}
