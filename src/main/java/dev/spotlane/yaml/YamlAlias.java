package dev.spotlane.yaml;

import java.util.Objects;

/** An alias ({@code *name}) and the anchored node it refers to. */
public record YamlAlias(Span span, String name, YamlNode target) implements YamlNode {
    public YamlAlias {
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
    }

    @Override
    public Span valueSpan() {
        return span;
    }

    @Override
    public String anchor() {
        return null;
    }

    @Override
    public String tag() {
        return null;
    }

    @Override
    public YamlNode resolved() {
        return target.resolved();
    }

    @Override
    public boolean isNull() {
        return target.isNull();
    }
}
