package dev.spotlane.registry;

import dev.spotlane.model.ImageRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Reads the platforms of many images, each distinct key once, a few at a time. */
public final class PlatformsReader {
    /** Images read at the same time. */
    public static final int PARALLEL = 4;

    private PlatformsReader() {
    }

    /**
     * What reading one image gave: its platforms, or the error (one line, no credential).
     *
     * @param key   the platforms-file key ({@link PlatformsFile#key(ImageRef)})
     * @param ref   the reference read (the first one written with this key)
     * @param read  the platforms, or null on error
     * @param error why it could not be read, or null
     */
    public record Outcome(String key, ImageRef ref, ManifestPlatforms read, String error) {
    }

    /**
     * Reads every valid reference (dynamic and invalid ones are the caller's to report), one read per key.
     *
     * @return one outcome per key, sorted by key
     */
    public static List<Outcome> readAll(List<ImageRef> refs, RegistryClient client) {
        Objects.requireNonNull(refs, "refs");
        Objects.requireNonNull(client, "client");
        Map<String, ImageRef> byKey = new TreeMap<>();
        for (ImageRef ref : refs) {
            String key = PlatformsFile.key(ref);
            if (key != null) {
                byKey.putIfAbsent(key, ref);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, byKey.size())), r -> {
            Thread t = new Thread(r, "spotlane-registry");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Map.Entry<String, ImageRef> e : byKey.entrySet()) {
                futures.add(pool.submit(() -> {
                    try {
                        return new Outcome(e.getKey(), e.getValue(), client.read(e.getValue()), null);
                    } catch (RegistryException ex) {
                        return new Outcome(e.getKey(), e.getValue(), null, ex.getMessage());
                    }
                }));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                try {
                    out.add(f.get());
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading image platforms", ex);
                } catch (ExecutionException ex) {
                    throw new IllegalStateException("reading image platforms failed", ex.getCause());
                }
            }
            return List.copyOf(out);
        } finally {
            pool.shutdownNow();
        }
    }
}
