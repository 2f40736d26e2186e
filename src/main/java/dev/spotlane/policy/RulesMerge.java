package dev.spotlane.policy;

import java.util.Map;
import java.util.Objects;
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
 */
public final class RulesMerge {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private RulesMerge() {
    }

    /** The local document over its base; neither argument is changed. */
    public static ObjectNode merge(ObjectNode base, ObjectNode local) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(local, "local");
        ObjectNode out = mergeMaps(base, local, "");
        out.remove("extends");
        return out;
    }

    private static ObjectNode mergeMaps(ObjectNode base, ObjectNode local, String path) {
        ObjectNode out = F.objectNode();
        for (Map.Entry<String, JsonNode> e : base.properties()) {
            if (!"extends".equals(e.getKey()) || !path.isEmpty()) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> e : local.properties()) {
            String key = e.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            JsonNode mine = e.getValue();
            JsonNode theirs = out.get(key);
            if (theirs instanceof ObjectNode tm && mine instanceof ObjectNode mm) {
                out.set(key, mergeMaps(tm, mm, at));
            } else if ("routing.routes".equals(at) && theirs instanceof ArrayNode ta && mine instanceof ArrayNode ma) {
                ArrayNode routes = F.arrayNode();
                ma.forEach(r -> routes.add(r.deepCopy()));
                ta.forEach(r -> routes.add(r.deepCopy()));
                out.set(key, routes);
            } else {
                out.set(key, mine.deepCopy());
            }
        }
        return out;
    }
}
