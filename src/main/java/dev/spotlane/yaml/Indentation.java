package dev.spotlane.yaml;

import java.util.ArrayDeque;
import java.util.Deque;

/** Tells the indentation step a file uses. */
final class Indentation {
    private Indentation() {
    }

    /**
     * The most common indentation step between a block mapping key and the keys of the block mapping under it;
     * 2 when the file has no nested block mappings.
     */
    static int unit(YamlFile file) {
        int[] counts = new int[17];
        Deque<YamlNode> todo = new ArrayDeque<>();
        for (YamlDocument d : file.documents()) {
            if (d.root() != null) {
                todo.push(d.root());
            }
        }
        LineIndex lines = file.lines();
        while (!todo.isEmpty()) {
            YamlNode n = todo.pop();
            if (n instanceof YamlMapping m) {
                for (YamlEntry e : m.entries()) {
                    if (!m.flow() && e.value() instanceof YamlMapping child && !child.flow()
                            && !child.entries().isEmpty()) {
                        int diff = lines.indentOf(child.entries().get(0).key().span().start())
                                - lines.indentOf(e.key().span().start());
                        if (diff > 0 && diff < counts.length) {
                            counts[diff]++;
                        }
                    }
                    todo.push(e.value());
                }
            } else if (n instanceof YamlSequence s) {
                s.items().forEach(todo::push);
            }
        }
        int best = 2;
        for (int i = 1; i < counts.length; i++) {
            if (counts[i] > counts[best]) {
                best = i;
            }
        }
        return best;
    }
}
