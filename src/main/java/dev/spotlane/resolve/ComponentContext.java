package dev.spotlane.resolve;

import dev.spotlane.model.Location;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code spec:component: [name, sha, version, reference]} (GitLab 18.6 beta, 18.7 GA; {@code Header::Component}): the
 * fields a template may read as {@code $[[ component.x ]]}. Only declared fields exist; a file that declares none has
 * no {@code component} context at all.
 */
final class ComponentContext {
    /** {@code Header::Component::ALLOWED_VALUES}. */
    static final List<String> FIELDS = List.of("name", "sha", "version", "reference");

    private ComponentContext() {
    }

    /**
     * @param spec      the header's {@code spec}, or null
     * @param component the component this file was included as, or null (a file linted on its own or included
     *                  another way: the values are known only when GitLab includes it as a component, so its blocks
     *                  stay as written)
     * @return declared field → value, or null when the spec declares no {@code component}
     */
    static Map<String, Object> of(YamlFile file, YamlMapping spec, ComponentPath component,
                                  Consumer<Diagnostic> report) {
        YamlNode node = spec == null ? null : spec.get("component");
        if (node == null) {
            return null;
        }
        Map<String, Object> values = component == null ? null : component.context();
        Map<String, Object> out = new LinkedHashMap<>();
        if (!(node.resolved() instanceof YamlSequence seq)) {
            report.accept(new Diagnostic(Location.of(file, node), "config-invalid", true,
                    "header:spec:component config should be an array of strings"));
            return out;
        }
        for (YamlNode item : seq.items()) {
            String field = item.resolved() instanceof YamlScalar s && !s.isNull() ? s.value() : null;
            if (field == null || !FIELDS.contains(field)) {
                report.accept(new Diagnostic(Location.of(file, item), "config-invalid", true,
                        "header:spec:component config contains unknown value \"" + (field == null ? "" : field)
                                + "\" (valid: " + String.join(", ", FIELDS) + ")"));
                continue;
            }
            out.put(field, values == null ? Interpolator.UNSET : values.get(field));
        }
        return out;
    }
}
