package dev.spotlane.gitlab;

import java.util.ArrayList;
import java.util.List;

/**
 * One slice of the projects, so a GitLab CI {@code parallel:} job can split a large instance: shard {@code I/N}
 * keeps the projects whose index in the sorted list is {@code I} modulo {@code N}. {@code I} counts from 0; GitLab's
 * {@code CI_NODE_INDEX} counts from 1, so a job passes {@code $((CI_NODE_INDEX - 1))/$CI_NODE_TOTAL}.
 *
 * @param index this shard, {@code 0 <= index < total}
 * @param total how many shards
 */
public record Shard(int index, int total) {
    /** Every project. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (total < 1) {
            throw new IllegalArgumentException("shard count must be at least 1, was " + total);
        }
        if (index < 0 || index >= total) {
            throw new IllegalArgumentException("shard index " + index + " is out of range 0.." + (total - 1)
                    + " (indexes count from 0; GitLab's CI_NODE_INDEX counts from 1: pass"
                    + " $((CI_NODE_INDEX - 1))/$CI_NODE_TOTAL)");
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1) {
            throw new IllegalArgumentException("expected I/N, e.g. 0/4, got \"" + text + "\"");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()),
                    Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected I/N with whole numbers, e.g. 0/4, got \"" + text + "\"");
        }
    }

    /** The items of an already sorted list that belong to this shard, in order. */
    public <T> List<T> select(List<T> sorted) {
        List<T> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (i % total == index) {
                out.add(sorted.get(i));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + total;
    }
}
