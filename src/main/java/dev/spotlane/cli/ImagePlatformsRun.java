package dev.spotlane.cli;

import dev.spotlane.Spotlane;
import dev.spotlane.images.Allowlist;
import dev.spotlane.images.ImageEntry;
import dev.spotlane.model.ImageRef;
import dev.spotlane.policy.ImagePlatforms;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.registry.DockerAuthConfig;
import dev.spotlane.registry.ManifestPlatforms;
import dev.spotlane.registry.PlatformsFile;
import dev.spotlane.registry.PlatformsReader;
import dev.spotlane.registry.RegistryClient;
import dev.spotlane.registry.RegistryException;
import dev.spotlane.registry.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * {@code spotlane images --platforms}: reads each discovered image's platforms from its registry and merges them
 * into the platforms file. Exit 0 when every image was read, 1 when any failed (the others are still written).
 */
final class ImagePlatformsRun {
    /** The environment (tests replace it): {@code DOCKER_AUTH_CONFIG}, {@code DOCKER_CONFIG}. */
    static Function<String, String> environment = System::getenv;
    /** The home folder holding {@code .docker/config.json} (tests replace it). */
    static Path home = Path.of(System.getProperty("user.home", "."));
    /** How requests are retried (tests replace it). */
    static Retry retry = Retry.standard();
    /** The time recorded as {@code read_at} (tests replace it). */
    static Clock clock = Clock.systemUTC();

    private ImagePlatformsRun() {
    }

    static int run(List<ImageEntry> entries, Allowlist manual, Path file, boolean defaultFile, Duration timeout,
                   PrintWriter out, PrintWriter err) throws IOException {
        SortedMap<String, ManifestPlatforms> merged = existing(file);
        DockerAuthConfig logins;
        try {
            logins = DockerAuthConfig.load(environment, home);
        } catch (RegistryException e) {
            throw new UserError("spotlane: " + e.getMessage());
        }
        List<ImageRef> refs = new ArrayList<>();
        for (ImageEntry entry : entries) {
            ImageRef ref = entry.ref();
            if (ref.dynamic()) {
                err.println("spotlane: skipped dynamic image \"" + ref.original() + "\" (" + entry.locations().get(0)
                        + "): its platforms can only be read for what it becomes");
            } else if (ref.valid()) {
                refs.add(ref);
            }
        }
        for (Allowlist.Entry a : manual.entries()) {
            if (a.repository() == null && a.ref() != null && a.ref().valid()) {
                refs.add(a.ref());
            }
        }
        RegistryClient client = new RegistryClient(logins, timeout, retry, clock,
                note -> err.println("spotlane: " + note), "spotlane/" + Main.version());
        List<PlatformsReader.Outcome> outcomes = PlatformsReader.readAll(refs, client);
        int failed = 0;
        int width = outcomes.stream().mapToInt(o -> o.key().length()).max().orElse(5);
        out.println(pad("IMAGE", width) + "  ARM64  PLATFORMS");
        for (PlatformsReader.Outcome o : outcomes) {
            if (o.read() != null) {
                merged.put(o.key(), o.read());
                out.println(pad(o.key(), width) + "  " + pad(o.read().arm64() ? "yes" : "no", 5) + "  "
                        + String.join(", ", o.read().platforms()));
            } else {
                failed++;
                out.println(pad(o.key(), width) + "  " + pad("?", 5) + "  (not read: see stderr)");
                err.println("spotlane: " + o.key() + ": " + o.error());
            }
        }
        out.flush();
        if (defaultFile && file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Spotlane.writeAtomically(file, PlatformsFile.render(merged));
        err.println("spotlane: " + PipelineFiles.display(file) + ": " + merged.size() + " image(s) recorded ("
                + (outcomes.size() - failed) + " read now" + (failed > 0 ? ", " + failed + " failed" : "") + ")");
        return failed > 0 ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /**
     * The entries of an existing file, checked before anything is read from a registry: read by the one reader of the
     * format ({@link ImagePlatforms}), and every entry must carry what the writer writes (digest and read time).
     */
    private static SortedMap<String, ManifestPlatforms> existing(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return new TreeMap<>();
        }
        String name = PipelineFiles.display(file);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError("spotlane: " + name + ": not a regular file; not replaced");
        }
        long size = Files.size(file);
        if (size > ImagePlatforms.MAX_BYTES) {
            throw new UserError("spotlane: " + name + ": " + size + " bytes, at most " + ImagePlatforms.MAX_BYTES
                    + " are read");
        }
        ImagePlatforms read;
        try (InputStream in = Files.newInputStream(file)) {
            read = ImagePlatforms.parse(name, new String(in.readNBytes((int) ImagePlatforms.MAX_BYTES),
                    StandardCharsets.UTF_8));
        } catch (PolicyException e) {
            throw new UserError("spotlane: " + e.getMessage() + "; not replaced");
        }
        SortedMap<String, ManifestPlatforms> out = new TreeMap<>();
        for (var e : read.images().entrySet()) {
            ImagePlatforms.Entry v = e.getValue();
            if (v.digest() == null || v.readAt() == null) {
                throw new UserError("spotlane: " + name + ": image \"" + e.getKey() + "\" needs \"digest\" and"
                        + " \"read_at\"; not replaced");
            }
            out.put(e.getKey(), new ManifestPlatforms(v.digest(), v.platforms(), v.readAt()));
        }
        return out;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
