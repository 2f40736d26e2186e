package dev.spotlane.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Tiny OCI images written by hand as an OCI image layout (oci-layout, index.json, blobs/sha256): one gzip tar
 * layer and an image config per platform, image manifests, and an image index. What {@code skopeo copy oci:DIR:REF}
 * pushes to a registry.
 */
public final class OciLayout {
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String INDEX = "application/vnd.oci.image.index.v1+json";

    /** A content descriptor. */
    public record Descriptor(String mediaType, String digest, long size) {
        String json() {
            return "{\"mediaType\": \"" + mediaType + "\", \"digest\": \"" + digest + "\", \"size\": " + size + "}";
        }

        String json(String extra) {
            return json().substring(0, json().length() - 1) + ", " + extra + "}";
        }
    }

    private final Path dir;
    private final List<String> refs = new ArrayList<>();

    public OciLayout(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir.resolve("blobs/sha256"));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\": \"1.0.0\"}");
    }

    public Path dir() {
        return dir;
    }

    /** Writes a blob and returns its descriptor. */
    public Descriptor blob(String mediaType, byte[] bytes) throws IOException {
        String hex = RegistryClient.hex("SHA-256", bytes);
        Files.write(dir.resolve("blobs/sha256").resolve(hex), bytes);
        return new Descriptor(mediaType, "sha256:" + hex, bytes.length);
    }

    /** An image for one platform: a layer holding {@code /platform.txt}, its config, its manifest. */
    public Descriptor image(String os, String arch, String variant) throws IOException {
        byte[] tar = tar("platform.txt", (os + "/" + arch + "\n").getBytes(StandardCharsets.UTF_8));
        Descriptor layer = blob("application/vnd.oci.image.layer.v1.tar+gzip", gzip(tar));
        String config = "{\"architecture\": \"" + arch + "\", \"os\": \"" + os + "\""
                + (variant == null ? "" : ", \"variant\": \"" + variant + "\"")
                + ", \"config\": {}, \"rootfs\": {\"type\": \"layers\", \"diff_ids\": [\"sha256:"
                + RegistryClient.hex("SHA-256", tar) + "\"]}}";
        Descriptor cfg = blob("application/vnd.oci.image.config.v1+json", config.getBytes(StandardCharsets.UTF_8));
        return manifest(cfg, layer);
    }

    /** An attestation manifest as BuildKit writes them: an in-toto layer, platform {@code unknown/unknown}. */
    public Descriptor attestation(Descriptor subject) throws IOException {
        byte[] statement = ("{\"_type\": \"https://in-toto.io/Statement/v0.1\", \"subject\": [{\"digest\": {\"sha256\":"
                + " \"" + subject.digest().substring(7) + "\"}}]}").getBytes(StandardCharsets.UTF_8);
        Descriptor layer = blob("application/vnd.in-toto+json", statement);
        String config = "{\"architecture\": \"unknown\", \"os\": \"unknown\", \"config\": {}, \"rootfs\":"
                + " {\"type\": \"layers\", \"diff_ids\": [\"" + layer.digest() + "\"]}}";
        Descriptor cfg = blob("application/vnd.oci.image.config.v1+json", config.getBytes(StandardCharsets.UTF_8));
        return manifest(cfg, layer);
    }

    private Descriptor manifest(Descriptor config, Descriptor layer) throws IOException {
        String manifest = "{\"schemaVersion\": 2, \"mediaType\": \"" + MANIFEST + "\", \"config\": " + config.json()
                + ", \"layers\": [" + layer.json() + "]}";
        return blob(MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
    }

    /** An index of platform manifests: each entry is {@code descriptor json} with its platform part. */
    public Descriptor index(List<String> entries) throws IOException {
        String index = "{\"schemaVersion\": 2, \"mediaType\": \"" + INDEX + "\", \"manifests\": ["
                + String.join(", ", entries) + "]}";
        return blob(INDEX, index.getBytes(StandardCharsets.UTF_8));
    }

    /** Names a descriptor in the layout's index.json, so {@code oci:DIR:name} finds it. */
    public void tag(String name, Descriptor d) throws IOException {
        refs.add(d.json("\"annotations\": {\"org.opencontainers.image.ref.name\": \"" + name + "\"}"));
        Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\": 2, \"mediaType\": \"" + INDEX
                + "\", \"manifests\": [" + String.join(", ", refs) + "]}");
    }

    /**
     * The three test images, tagged in the layout: {@code amd64} (linux/amd64 only), {@code arm64} (linux/arm64/v8
     * only) and {@code multi} (an index of both, plus an attestation manifest for the amd64 one).
     *
     * @return the descriptors of amd64, arm64 and multi, in that order
     */
    public static List<Descriptor> standard(Path dir) throws IOException {
        OciLayout layout = new OciLayout(dir);
        Descriptor amd64 = layout.image("linux", "amd64", null);
        Descriptor arm64 = layout.image("linux", "arm64", "v8");
        Descriptor attestation = layout.attestation(amd64);
        Descriptor multi = layout.index(List.of(
                amd64.json("\"platform\": {\"architecture\": \"amd64\", \"os\": \"linux\"}"),
                arm64.json("\"platform\": {\"architecture\": \"arm64\", \"os\": \"linux\", \"variant\": \"v8\"}"),
                attestation.json("\"platform\": {\"architecture\": \"unknown\", \"os\": \"unknown\"},"
                        + " \"annotations\": {\"vnd.docker.reference.type\": \"attestation-manifest\","
                        + " \"vnd.docker.reference.digest\": \"" + amd64.digest() + "\"}")));
        layout.tag("amd64", amd64);
        layout.tag("arm64", arm64);
        layout.tag("multi", multi);
        return List.of(amd64, arm64, multi);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** A ustar archive holding one regular file. */
    static byte[] tar(String name, byte[] content) {
        byte[] header = new byte[512];
        put(header, 0, name);
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        Arrays.fill(header, 148, 156, (byte) ' ');
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        header[155] = ' ';
        int padded = (content.length + 511) / 512 * 512;
        byte[] out = new byte[512 + padded + 1024];
        System.arraycopy(header, 0, out, 0, 512);
        System.arraycopy(content, 0, out, 512, content.length);
        return out;
    }

    private static void put(byte[] to, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, to, at, b.length);
    }
}
