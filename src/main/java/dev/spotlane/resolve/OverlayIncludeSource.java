package dev.spotlane.resolve;

import dev.spotlane.yaml.Source;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Another source with some files' text replaced (keyed by display name): to re-resolve planned edits in memory. */
public final class OverlayIncludeSource implements IncludeSource {
    private final IncludeSource base;
    private final Map<String, String> texts;

    public OverlayIncludeSource(IncludeSource base, Map<String, String> textsByName) {
        this.base = Objects.requireNonNull(base, "base");
        this.texts = Map.copyOf(textsByName);
    }

    @Override
    public String label() {
        return base.label();
    }

    @Override
    public Source read(String path) throws IncludeException {
        Source s = base.read(path);
        String text = texts.get(s.name());
        return text == null ? s : new Source(s.name(), text);
    }

    @Override
    public boolean exists(String path) {
        return base.exists(path);
    }

    @Override
    public List<String> glob(String pattern) throws IncludeException {
        return base.glob(pattern);
    }

    @Override
    public Optional<IncludeSource> project(String project, String ref) {
        return base.project(project, ref);
    }

    @Override
    public Map<String, String> variables() {
        return base.variables();
    }
}
