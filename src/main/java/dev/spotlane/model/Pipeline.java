package dev.spotlane.model;

import dev.spotlane.yaml.YamlDocument;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A typed, read-only view of one {@code .gitlab-ci.yml} file (or an included file) as written: the optional
 * {@code spec:} header document, global keywords, {@code default:}, jobs and hidden jobs. Nothing is resolved across
 * files here; every value can say where it was written.
 */
public final class Pipeline {
    /** Top-level keys that are not jobs. */
    public static final Set<String> GLOBAL_KEYWORDS = Set.of("default", "include", "stages", "variables",
            "workflow", "spec", "image", "services", "cache", "before_script", "after_script", "types");

    private final YamlFile file;
    private final YamlMapping header;
    private final YamlMapping config;
    private final List<Job> jobs;
    private final List<ModelProblem> problems;
    private volatile Map<String, Job> byName;
    private volatile List<ImageUse> imageUses;

    private Pipeline(YamlFile file, YamlMapping header, YamlMapping config, List<Job> jobs,
                     List<ModelProblem> problems) {
        this.file = file;
        this.header = header;
        this.config = config;
        this.jobs = List.copyOf(jobs);
        this.problems = List.copyOf(problems);
    }

    /** Reads the pipeline view of a parsed file. Problems (e.g. a root that is not a mapping) are collected. */
    public static Pipeline of(YamlFile file) {
        Objects.requireNonNull(file, "file");
        return file.derived(Pipeline.class, Pipeline::read);
    }

    private static Pipeline read(YamlFile file) {
        List<ModelProblem> problems = new ArrayList<>();
        List<YamlDocument> docs = file.documents().stream().filter(d -> d.root() != null).toList();
        YamlMapping header = null;
        YamlNode configRoot = null;
        if (docs.size() >= 2 && docs.get(0).root().resolved() instanceof YamlMapping first
                && first.entry("spec").isPresent()) {
            header = first;
            configRoot = docs.get(1).root();
        } else if (!docs.isEmpty()) {
            configRoot = docs.get(0).root();
        }
        YamlMapping config = null;
        if (configRoot != null) {
            if (configRoot.resolved() instanceof YamlMapping m) {
                config = m;
            } else if (!configRoot.isNull()) {
                problems.add(new ModelProblem(Location.of(file, configRoot),
                        "invalid configuration format: the top level must be a mapping"));
            }
        }
        if (config != null && header == null && config.entry("spec").isPresent() && docs.size() == 1
                && config.effective().size() == 1) {
            // a header document alone: no configuration in this file
            header = config;
            config = null;
        }
        List<Job> jobs = new ArrayList<>();
        if (config != null) {
            for (Map.Entry<String, YamlEntry> e : config.effective().entrySet()) {
                if (!GLOBAL_KEYWORDS.contains(e.getKey())) {
                    jobs.add(new Job(file, e.getValue()));
                }
            }
        }
        return new Pipeline(file, header, config, jobs, problems);
    }

    public YamlFile file() {
        return file;
    }

    /** The {@code spec:} header document's mapping, if the file has one. */
    public Optional<YamlMapping> header() {
        return Optional.ofNullable(header);
    }

    /** The header's {@code spec:} mapping (inputs and so on), if the file has one. */
    public Optional<YamlMapping> spec() {
        YamlNode n = header == null ? null : header.get("spec");
        return n != null && n.resolved() instanceof YamlMapping m ? Optional.of(m) : Optional.empty();
    }

    /** The configuration document's root mapping, if any. */
    public Optional<YamlMapping> config() {
        return Optional.ofNullable(config);
    }

    /** A global keyword's value (merge keys applied), or null. */
    public YamlNode global(String keyword) {
        return config == null ? null : config.get(keyword);
    }

    /** The {@code default:} mapping, if any. */
    public Optional<YamlMapping> defaults() {
        YamlNode n = global("default");
        return n != null && n.resolved() instanceof YamlMapping m ? Optional.of(m) : Optional.empty();
    }

    /** Jobs and hidden jobs, in the order written. */
    public List<Job> jobs() {
        return jobs;
    }

    /** Jobs that can run (not hidden). */
    public List<Job> visibleJobs() {
        return jobs.stream().filter(j -> !j.hidden()).toList();
    }

    public Optional<Job> job(String name) {
        Map<String, Job> index = byName;
        if (index == null) {
            index = new java.util.HashMap<>();
            for (Job j : jobs) {
                index.putIfAbsent(j.name(), j);
            }
            byName = index;
        }
        return Optional.ofNullable(index.get(name));
    }

    public List<ModelProblem> problems() {
        return problems;
    }

    /**
     * Every image and service image written in this file: deprecated top-level {@code image}/{@code services},
     * {@code default:}, jobs and hidden jobs (merge keys applied). A value reached through several aliases or merge
     * keys is listed once, at the place it was written. {@code !reference} values are left to the resolver. Found
     * once per file (lint reads them for every file and again for the ones fix edits).
     */
    public List<ImageUse> imageUses() {
        List<ImageUse> known = imageUses;
        if (known == null) {
            known = findImageUses();
            imageUses = known;
        }
        return known;
    }

    private List<ImageUse> findImageUses() {
        Map<YamlNode, ImageUse> seen = new IdentityHashMap<>();
        if (config != null) {
            collect("(top level)", config, seen);
        }
        defaults().ifPresent(d -> collect("default", d, seen));
        for (Job job : jobs) {
            YamlMapping body = job.body();
            if (body != null) {
                collect(job.name(), body, seen);
            }
        }
        List<ImageUse> out = new ArrayList<>(seen.values());
        out.sort((a, b) -> a.location().compareTo(b.location()));
        return Collections.unmodifiableList(out);
    }

    private void collect(String owner, YamlMapping body, Map<YamlNode, ImageUse> seen) {
        YamlNode image = body.get("image");
        if (image != null) {
            use(owner, image, ImageKind.IMAGE, seen);
        }
        YamlNode services = body.get("services");
        if (services != null && services.resolved() instanceof YamlSequence seq && !seq.isReference()) {
            for (YamlNode item : seq.items()) {
                use(owner, item, ImageKind.SERVICE, seen);
            }
        }
    }

    private void use(String owner, YamlNode value, ImageKind kind, Map<YamlNode, ImageUse> seen) {
        YamlNode node = value.resolved();
        YamlNode nameNode = node;
        if (node instanceof YamlMapping m) {
            nameNode = m.get("name");
            if (nameNode == null) {
                return;
            }
            nameNode = nameNode.resolved();
        }
        if (!(nameNode instanceof YamlScalar scalar) || scalar.isNull() || "!reference".equals(node.tag())
                || seen.containsKey(scalar)) {
            return;
        }
        seen.put(scalar, new ImageUse(ImageRef.parse(scalar.value()), kind, owner, scalar, node,
                Location.of(file, scalar)));
    }
}
