package dev.spotlane.gitlab;

import java.util.Objects;
import org.gitlab4j.api.models.Project;

/** A project the bot will work on: its path, and what a group listing already told about it. */
public final class Target implements Comparable<Target> {
    private final String path;
    private final Project listed;

    Target(String path, Project listed) {
        this.path = Objects.requireNonNull(path, "path");
        this.listed = listed;
    }

    /** A project named on the command line; it is looked up when its turn comes. */
    public static Target named(String path) {
        return new Target(strip(path), null);
    }

    static String strip(String path) {
        String p = path.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    public String path() {
        return path;
    }

    /** The project as a group listing returned it, or null when only named. */
    Project listed() {
        return listed;
    }

    @Override
    public int compareTo(Target o) {
        return path.compareTo(o.path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target t && t.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return path;
    }
}
