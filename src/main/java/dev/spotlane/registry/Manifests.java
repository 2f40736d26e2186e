package dev.spotlane.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** The manifest media types spotlane asks for, and reading platforms out of manifests and image configs. */
final class Manifests {
    static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    /** The {@code Accept} header of a manifest request: all four, so an index is served when one exists. */
    static final String ACCEPT = String.join(", ", DOCKER_LIST, OCI_INDEX, DOCKER_MANIFEST, OCI_MANIFEST);

    private Manifests() {
    }

    /** @return true when the document is a manifest list or an OCI index */
    static boolean isIndex(String mediaType, JsonNode doc) {
        String type = mediaType(mediaType, doc);
        return type.equals(DOCKER_LIST) || type.equals(OCI_INDEX)
                || type.isEmpty() && doc.path("manifests").isArray();
    }

    /** The media type the document declares, else the {@code Content-Type} served, without parameters. */
    static String mediaType(String contentType, JsonNode doc) {
        String declared = doc.path("mediaType").isTextual() ? doc.path("mediaType").asText() : "";
        String type = !declared.isEmpty() ? declared : contentType == null ? "" : contentType;
        int semi = type.indexOf(';');
        return (semi >= 0 ? type.substring(0, semi) : type).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The platforms of an index's entries: {@code os/architecture[/variant]}; entries without a platform and
     * attestation manifests ({@code unknown/unknown}, or annotated {@code vnd.docker.reference.type}) are skipped.
     */
    static List<String> indexPlatforms(JsonNode index) {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode entry : index.path("manifests")) {
            if (entry.path("annotations").has("vnd.docker.reference.type")) {
                continue;
            }
            String p = platform(entry.path("platform"));
            if (p != null) {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    /** The platform of an image config ({@code os}, {@code architecture}, {@code variant}), or null. */
    static String configPlatform(JsonNode config) {
        return platform(config);
    }

    private static String platform(JsonNode node) {
        String os = text(node, "os");
        String arch = text(node, "architecture");
        if (os == null || arch == null || os.equals("unknown") || arch.equals("unknown")) {
            return null;
        }
        String variant = text(node, "variant");
        return os + "/" + arch + (variant == null ? "" : "/" + variant);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 64) {
            return null;
        }
        String s = v.asText();
        // a platform part is a Go GOOS/GOARCH-like word; anything else is not echoed
        return s.matches("[A-Za-z0-9._-]+") ? s : null;
    }
}
