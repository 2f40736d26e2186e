package dev.spotlane.model;

import dev.spotlane.yaml.Position;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlNode;
import java.util.Objects;

/** Where something was written: file, 1-based line and column (in code points). */
public record Location(String path, int line, int column) implements Comparable<Location> {
    public Location {
        Objects.requireNonNull(path, "path");
    }

    /** The location of a node's content in a file. */
    public static Location of(YamlFile file, YamlNode node) {
        Position p = file.position(node);
        return new Location(file.name(), p.line(), p.column());
    }

    /** By path, line, column (written out, like equals below: no comparator built from method references). */
    @Override
    public int compareTo(Location o) {
        int c = path.compareTo(o.path);
        if (c == 0) {
            c = Integer.compare(line, o.line);
        }
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return path + ":" + line + ":" + column;
    }

    // equals and hashCode are written out, as the record's would be (same hash: hash orders stay): the generated
    // ones are linked on first use through java.lang.runtime.ObjectMethods, method handles a short lint run
    // otherwise builds for this type alone

    @Override
    public boolean equals(Object o) {
        return o instanceof Location l && line == l.line && column == l.column && path.equals(l.path);
    }

    @Override
    public int hashCode() {
        return (path.hashCode() * 31 + line) * 31 + column;
    }
}
