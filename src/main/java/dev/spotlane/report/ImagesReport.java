package dev.spotlane.report;

import dev.spotlane.images.ImageEntry;
import dev.spotlane.model.ImageRef;
import dev.spotlane.model.Location;
import java.util.List;
import java.util.stream.Collectors;

/** Renders an image list as text or JSON. */
public final class ImagesReport {
    private ImagesReport() {
    }

    /**
     * One block per reference: kind and reference as written, then its normalized form (or why there is none) when
     * that differs, then where it is written.
     */
    public static String text(List<ImageEntry> entries) {
        if (entries.isEmpty()) {
            return "no images\n";
        }
        StringBuilder b = new StringBuilder();
        for (ImageEntry e : entries) {
            ImageRef r = e.ref();
            b.append(String.format("%-8s %s\n", e.kind().label(), TerminalText.escape(r.original())));
            String normalized = r.dynamic() ? "dynamic: needs " + String.join(", ", e.needs())
                    : r.problem() != null ? "invalid: " + r.problem() : r.normalized();
            if (!normalized.equals(r.original())) {
                b.append("         = ").append(TerminalText.line(normalized)).append('\n');
            }
            b.append("         at ").append(e.locations().stream().map(Location::toString)
                    .collect(Collectors.joining(", "))).append('\n');
        }
        return b.toString();
    }

    /**
     * {@code {"images":[{"ref","normalized","registry","repository","tag","digest","kind","dynamic","problem",
     * "needs":[..],"locations":[{"path","line","column"}]}]}}.
     */
    public static String json(List<ImageEntry> entries) {
        Json j = new Json().beginObject().name("images").beginArray();
        for (ImageEntry e : entries) {
            ImageRef r = e.ref();
            j.beginObject()
                    .field("ref", r.original())
                    .field("normalized", r.normalized())
                    .field("registry", r.registry())
                    .field("repository", r.repository())
                    .field("tag", r.valid() ? r.effectiveTag() : null)
                    .field("digest", r.digest())
                    .field("kind", e.kind().label())
                    .field("dynamic", r.dynamic())
                    .field("problem", r.problem())
                    .name("needs").beginArray();
            e.needs().forEach(j::value);
            j.endArray().name("locations").beginArray();
            for (Location l : e.locations()) {
                j.beginObject().field("path", l.path()).field("line", l.line()).field("column", l.column())
                        .endObject();
            }
            j.endArray().endObject();
        }
        return j.endArray().endObject().toString() + "\n";
    }
}
