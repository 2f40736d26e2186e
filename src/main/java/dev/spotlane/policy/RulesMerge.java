package dev.spotlane.policy;

import dev.spotlane.model.Location;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How a rules file that {@code extends:} another is merged with it, on the JSON form of both documents before
 * {@link PolicyLoader} reads the result (documented in docs/rules-extends.md):
 * <ul>
 *   <li>mappings are merged key by key, recursively; the extending (local) file's value wins for a key both have;</li>
 *   <li>lists and scalars are replaced as a whole by the local value (an allowlist or a class's instance types are
 *       never half one file, half the other);</li>
 *   <li>except {@code routing.routes}: the local routes come first, then the base's, so the project's own routes win
 *       (routes are matched first to last) and the central routes still apply to every other job;</li>
 *   <li>{@code extends} itself is not part of the result.</li>
 * </ul>
 * {@link #merge(Tracked, Tracked)} also keeps where each value was written.
 */
public final class RulesMerge {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * A rules document and where each of its values was written.
     *
     * @param doc     the document
     * @param origins JSON pointer ({@code /routing/routes/0/name}) of every value → where it was written; a mapping
     *                or list merged from several files points at the extending file's
     * @param merged  pointers of the mappings and lists made from more than one file (they have no single origin)
     */
    public record Tracked(ObjectNode doc, NavigableMap<String, Location> origins, java.util.Set<String> merged) {
        public Tracked {
            Objects.requireNonNull(doc, "doc");
            origins = new TreeMap<>(origins);
            merged = java.util.Set.copyOf(merged);
        }
    }

    private RulesMerge() {
    }

    /** The local document over its base; neither argument is changed. */
    public static ObjectNode merge(ObjectNode base, ObjectNode local) {
        return merge(new Tracked(base, new TreeMap<>(), java.util.Set.of()),
                new Tracked(local, new TreeMap<>(), java.util.Set.of())).doc();
    }

    /** The local document over its base, with the origin of every value kept. */
    public static Tracked merge(Tracked base, Tracked local) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(local, "local");
        Walk w = new Walk(base, local);
        ObjectNode out = w.mergeMaps(base.doc(), local.doc(), "", "");
        out.remove("extends");
        w.origins.subMap("/extends", true, "/extends/\uffff", true).clear();
        if (local.origins().containsKey("")) {
            w.origins.put("", local.origins().get(""));
        }
        w.merged.add("");
        return new Tracked(out, w.origins, w.merged);
    }

    /** Escapes a key for a JSON pointer. */
    public static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static final class Walk {
        final Tracked base;
        final Tracked local;
        final NavigableMap<String, Location> origins = new TreeMap<>();
        final java.util.Set<String> merged = new java.util.HashSet<>();

        Walk(Tracked base, Tracked local) {
            this.base = base;
            this.local = local;
        }

        ObjectNode mergeMaps(ObjectNode b, ObjectNode l, String path, String ptr) {
            ObjectNode out = F.objectNode();
            for (Map.Entry<String, JsonNode> e : b.properties()) {
                if (!"extends".equals(e.getKey()) || !path.isEmpty()) {
                    out.set(e.getKey(), e.getValue().deepCopy());
                    String child = ptr + "/" + escape(e.getKey());
                    copy(base, child, child);
                }
            }
            for (Map.Entry<String, JsonNode> e : l.properties()) {
                String key = e.getKey();
                String at = path.isEmpty() ? key : path + "." + key;
                String child = ptr + "/" + escape(key);
                JsonNode mine = e.getValue();
                JsonNode theirs = out.get(key);
                if (theirs instanceof ObjectNode tm && mine instanceof ObjectNode mm) {
                    out.set(key, mergeMaps(tm, mm, at, child));
                    mark(child);
                } else if ("routing.routes".equals(at) && theirs instanceof ArrayNode ta
                        && mine instanceof ArrayNode ma) {
                    ArrayNode routes = F.arrayNode();
                    clear(child);
                    for (int i = 0; i < ma.size(); i++) {
                        routes.add(ma.get(i).deepCopy());
                        copy(local, child + "/" + i, child + "/" + i);
                    }
                    for (int j = 0; j < ta.size(); j++) {
                        routes.add(ta.get(j).deepCopy());
                        copy(base, child + "/" + j, child + "/" + (ma.size() + j));
                    }
                    out.set(key, routes);
                    mark(child);
                } else {
                    clear(child);
                    out.set(key, mine.deepCopy());
                    copy(local, child, child);
                }
            }
            return out;
        }

        private void mark(String child) {
            merged.add(child);
            Location l = local.origins().get(child);
            if (l != null) {
                origins.put(child, l);
            }
        }

        private void clear(String ptr) {
            origins.remove(ptr);
            origins.subMap(ptr + "/", true, ptr + "/\uffff", true).clear();
            merged.removeIf(p -> p.equals(ptr) || p.startsWith(ptr + "/"));
        }

        private void copy(Tracked from, String src, String dst) {
            Location self = from.origins().get(src);
            if (self != null) {
                origins.put(dst, self);
            }
            if (from.merged().contains(src)) {
                merged.add(dst);
            }
            for (Map.Entry<String, Location> e : from.origins().subMap(src + "/", true, src + "/\uffff", true)
                    .entrySet()) {
                origins.put(dst + e.getKey().substring(src.length()), e.getValue());
            }
            for (String m : from.merged()) {
                if (m.startsWith(src + "/")) {
                    merged.add(dst + m.substring(src.length()));
                }
            }
        }
    }
}
