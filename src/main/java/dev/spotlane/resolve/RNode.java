package dev.spotlane.resolve;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A resolved configuration value that remembers where it was written. */
public sealed interface RNode permits RNode.RMap, RNode.RList, RNode.RScalar, RNode.RRef {

    Origin origin();

    /** The same value with every origin marked as brought by {@code via}. */
    RNode via(String via);

    /** A mapping; keys in GitLab's order (first insertion, later writes replace in place). */
    record RMap(Map<String, RNode> entries, Origin origin) implements RNode {
        public RMap {
            entries = entries instanceof Owned<String, RNode> owned ? owned.view : Owned.copy(entries).view;
            Objects.requireNonNull(origin, "origin");
        }

        /** A mapping over a map built for it and never touched again: no defensive copy. */
        static RMap owning(LinkedHashMap<String, RNode> fresh, Origin origin) {
            return new RMap(new Owned<>(fresh), origin);
        }

        public RNode get(String key) {
            return entries.get(key);
        }

        public boolean has(String key) {
            return entries.containsKey(key);
        }

        @Override
        public RMap via(String via) {
            LinkedHashMap<String, RNode> m = new LinkedHashMap<>(entries.size() * 2);
            entries.forEach((k, v) -> m.put(k, v.via(via)));
            return owning(m, origin.via(via));
        }
    }

    /**
     * Marks a map that only this package built and handed over: {@link RMap} wraps it without copying. Private
     * construction keeps outside callers on the copying path.
     */
    final class Owned<K, V> extends java.util.AbstractMap<K, V> {
        private final Map<K, V> view;

        private Owned(LinkedHashMap<K, V> fresh) {
            this.view = Collections.unmodifiableMap(fresh);
        }

        static <K, V> Owned<K, V> copy(Map<K, V> map) {
            return new Owned<>(new LinkedHashMap<>(map));
        }

        @Override
        public java.util.Set<Map.Entry<K, V>> entrySet() {
            return view.entrySet();
        }
    }

    /** A sequence. */
    record RList(List<RNode> items, Origin origin) implements RNode {
        public RList {
            items = List.copyOf(items);
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public RList via(String via) {
            return new RList(items.stream().map(i -> i.via(via)).toList(), origin.via(via));
        }
    }

    /**
     * A scalar: its text ({@code null} for a YAML null) and whether it was written plain (so {@code true} or
     * {@code 12} keep their type) or quoted.
     */
    record RScalar(String value, boolean plain, Origin origin) implements RNode {
        public RScalar {
            Objects.requireNonNull(origin, "origin");
        }

        public boolean isNull() {
            return value == null;
        }

        @Override
        public RScalar via(String via) {
            return new RScalar(value, plain, origin.via(via));
        }
    }

    /** A {@code !reference [key, key...]} not yet resolved. */
    record RRef(List<String> path, Origin origin) implements RNode {
        public RRef {
            path = List.copyOf(path);
            Objects.requireNonNull(origin, "origin");
        }

        @Override
        public RRef via(String via) {
            return new RRef(path, origin.via(via));
        }

        /** {@code !reference [".a", "b"]} as GitLab prints it in errors. */
        public String display() {
            StringBuilder b = new StringBuilder("!reference [");
            for (int i = 0; i < path.size(); i++) {
                b.append(i > 0 ? ", " : "").append('"').append(path.get(i)).append('"');
            }
            return b.append(']').toString();
        }
    }
}
