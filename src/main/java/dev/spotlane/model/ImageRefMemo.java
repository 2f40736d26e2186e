package dev.spotlane.model;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link ImageRef#parse}, each text parsed once: the jobs and matrix rows of a pipeline pull the same few images, and
 * a parsed reference never changes. One per pass over a pipeline; not for sharing between threads.
 */
public final class ImageRefMemo {
    private final Map<String, ImageRef> parsed = new HashMap<>();

    /** The reference {@code text} names, parsed on first use. */
    public ImageRef parse(String text) {
        ImageRef ref = parsed.get(text);
        if (ref == null) {
            ref = ImageRef.parse(text);
            parsed.put(text, ref);
        }
        return ref;
    }
}
