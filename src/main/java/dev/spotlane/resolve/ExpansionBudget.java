package dev.spotlane.resolve;

import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlSequence;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How many values one resolution may build once aliases and {@code !reference} tags are expanded. The parser bounds
 * each file's alias expansion, but values are copied again for every {@code !reference} (5 levels of 10 uses make
 * 100,000 copies from 1.7 KB) and every file counts: the budget is shared by the whole pipeline.
 *
 * <p>GitLab bounds the same thing after alias expansion: {@code Gitlab::Config::Loader::Yaml} measures the loaded
 * value with {@code Gitlab::Utils::DeepSize} (1 MB, 100 levels by default, {@code max_yaml_size_bytes},
 * {@code max_yaml_depth}) and refuses it with "the parsed YAML is too big" (lib/gitlab/config/loader/yaml.rb).
 */
final class ExpansionBudget {
    /** Diagnostic id: the lint check's own, so every command names it alike. */
    static final String ID = "config-invalid";
    /** Far above the largest real pipelines (an 8,000-job file holds about 100,000), far below a heap's worth. */
    static final long DEFAULT_LIMIT = 250_000;

    private final long limit;
    private long used;
    private boolean reported;

    ExpansionBudget(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    long used() {
        return used;
    }

    /** True once the budget is spent: callers stop building and leave a null in place. */
    boolean exhausted() {
        return used > limit;
    }

    /** Spends {@code n} values; true when the budget still holds. */
    boolean spend(long n) {
        used = used + n < 0 ? Long.MAX_VALUE : used + n;
        return used <= limit;
    }

    /** True the first time only: the crossing is reported once, at the place that crossed it. */
    boolean firstCrossing() {
        if (reported) {
            return false;
        }
        reported = true;
        return true;
    }

    String message(String what, long reached) {
        return what + " expands the configuration to " + reached + " values, more than the limit of " + limit
                + " (GitLab refuses it: the parsed YAML is too big)";
    }

    /** Values under a resolved node, counted without recursion. */
    static long size(RNode node) {
        long n = 0;
        Deque<RNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            RNode x = todo.pop();
            n++;
            if (x instanceof RMap m) {
                for (RNode v : m.entries().values()) {
                    todo.push(v);
                }
            } else if (x instanceof RList l) {
                for (RNode v : l.items()) {
                    todo.push(v);
                }
            }
        }
        return n;
    }

    /** Values under a written node once its aliases are expanded, counted without recursion (keys excluded). */
    static long size(YamlNode node) {
        long n = 0;
        Deque<YamlNode> todo = new ArrayDeque<>();
        todo.push(node);
        while (!todo.isEmpty()) {
            YamlNode x = todo.pop().resolved();
            n++;
            if (x instanceof YamlMapping m) {
                for (YamlEntry e : m.effective().values()) {
                    todo.push(e.value());
                }
            } else if (x instanceof YamlSequence s) {
                for (YamlNode v : s.items()) {
                    todo.push(v);
                }
            }
        }
        return n;
    }
}
