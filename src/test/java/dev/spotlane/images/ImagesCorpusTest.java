package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Corpus;
import dev.spotlane.model.ImageUse;
import dev.spotlane.model.Pipeline;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * {@code images} must find the same references as a plain scan of {@code image}/{@code services} values, done here
 * independently on snakeyaml-engine's own composed tree.
 */
class ImagesCorpusTest {

    @TestFactory
    Stream<DynamicTest> sameReferencesAsAPlainScan() throws Exception {
        List<Path> files = Corpus.yamlFiles();
        return files.stream().map(f -> DynamicTest.dynamicTest(Corpus.name(f), () -> {
            Source source = Source.read(f, Corpus.name(f));
            ParseResult r = new YamlParser().parse(source);
            assertTrue(r.ok(), () -> "GitLab accepts this file, spotlane must too: " + r.error());
            Set<String> ours = new TreeSet<>();
            for (ImageUse u : Pipeline.of(r.file()).imageUses()) {
                ours.add(u.kind().label() + " " + u.ref().original());
            }
            assertEquals(plainScan(source.text()), ours);
        }));
    }

    /** Top-level entries that are not global keywords (jobs), plus default and top-level: image and services. */
    private static Set<String> plainScan(String text) {
        Set<String> found = new TreeSet<>();
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> docs = new ArrayList<>();
        new Compose(LoadSettings.builder().setMaxAliasesForCollections(10_000).build())
                .composeAllFromString(text).forEach(docs::add);
        Node config = docs.size() >= 2 && hasKey(docs.get(0), "spec") ? docs.get(1) : docs.isEmpty() ? null
                : docs.get(0);
        if (!(config instanceof MappingNode root)) {
            return found;
        }
        scanJob(root, found, visited);
        for (NodeTuple t : root.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (Pipeline.GLOBAL_KEYWORDS.contains(key) && !key.equals("default")) {
                continue;
            }
            if (key.equals("<<")) {
                continue;
            }
            scanJob(t.getValueNode(), found, visited);
            if (t.getValueNode() instanceof MappingNode m) {
                for (NodeTuple inner : m.getValue()) {
                    if (isKey(inner, "<<")) {
                        merged(inner.getValueNode(), found, visited);
                    }
                }
            }
        }
        return found;
    }

    private static void merged(Node value, Set<String> found, Set<Node> visited) {
        if (value instanceof SequenceNode seq) {
            seq.getValue().forEach(n -> scanJob(n, found, visited));
        } else {
            scanJob(value, found, visited);
        }
    }

    private static void scanJob(Node job, Set<String> found, Set<Node> visited) {
        if (!(job instanceof MappingNode m)) {
            return;
        }
        for (NodeTuple t : m.getValue()) {
            if (isKey(t, "image")) {
                name(t.getValueNode(), "image", found, visited);
            } else if (isKey(t, "services") && t.getValueNode() instanceof SequenceNode seq
                    && !"!reference".equals(seq.getTag().getValue())) {
                for (Node item : seq.getValue()) {
                    name(item, "service", found, visited);
                }
            }
        }
    }

    private static void name(Node value, String kind, Set<String> found, Set<Node> visited) {
        Node n = value;
        if (n instanceof MappingNode m) {
            n = null;
            for (NodeTuple t : m.getValue()) {
                if (isKey(t, "name")) {
                    n = t.getValueNode();
                }
            }
        }
        if (n instanceof ScalarNode s && !s.getValue().isEmpty() && !s.getValue().equals("null")
                && !s.getValue().equals("~") && visited.add(s)) {
            found.add(kind + " " + s.getValue());
        }
    }

    private static boolean isKey(NodeTuple t, String key) {
        return t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key);
    }

    private static boolean hasKey(Node n, String key) {
        return n instanceof MappingNode m && m.getValue().stream().anyMatch(t -> isKey(t, key));
    }
}
