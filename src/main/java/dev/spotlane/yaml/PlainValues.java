package dev.spotlane.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns nodes into plain Java values as GitLab reads them: {@link Map} (merge keys applied, later duplicate keys
 * winning), {@link List}, {@link String} for scalars, null for null scalars, and {@link Tagged} for nodes with a
 * local tag such as {@code !reference}. Aliases are expanded; the parser's limits bound the size.
 */
public final class PlainValues {
    /** A value carrying a local tag, e.g. {@code !reference [job, script]}. */
    public record Tagged(String tag, Object value) {
    }

    private PlainValues() {
    }

    public static Object of(YamlNode node) {
        if (node == null) {
            return null;
        }
        YamlNode n = node.resolved();
        Object value;
        if (n instanceof YamlScalar s) {
            value = s.isNull() ? null : s.value();
        } else if (n instanceof YamlSequence seq) {
            List<Object> list = new ArrayList<>(seq.items().size());
            for (YamlNode item : seq.items()) {
                list.add(of(item));
            }
            value = list;
        } else {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, YamlEntry> e : ((YamlMapping) n).effective().entrySet()) {
                map.put(e.getKey(), of(e.getValue().value()));
            }
            value = map;
        }
        String tag = n.tag();
        return tag != null && tag.startsWith("!") && !tag.startsWith("!!") ? new Tagged(tag, value) : value;
    }
}
