package dev.spotlane.yaml;

/** How a scalar was written. */
public enum ScalarStyle {
    PLAIN, SINGLE_QUOTED, DOUBLE_QUOTED, LITERAL, FOLDED;

    public boolean isBlock() {
        return this == LITERAL || this == FOLDED;
    }
}
