package dev.spotlane.transform;

import dev.spotlane.model.Pipeline;
import dev.spotlane.policy.HistoryRouting;
import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.IncludeSource;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.YamlParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The routing of {@code spotlane fix} ({@link Router#decide}) applied to the jobs of a job history.
 *
 * <p>A history knows a job's name, stage and tags. Each job is written as a {@code .gitlab-ci.yml} job with exactly
 * those keys (and a script), resolved as {@code fix} resolves a pipeline, and decided by {@link Router#decide}: so a
 * job goes to the cloud in {@code usage} and {@code simulate} exactly when {@code fix} would move it (or find it
 * already routed), and stays for the same reason otherwise (no route, a tag that is neither local nor cloud, a tag
 * holding a variable, ...). Jobs are resolved in batches of {@value #BATCH} per generated pipeline.
 *
 * <p>A name GitLab cannot run as a job (a global keyword such as {@code variables}, a hidden {@code .name}, longer
 * than {@value #MAX_NAME} characters) stays, with that reason.
 */
public final class HistoryRouter implements HistoryRouting {
    static final int BATCH = 500;
    /** GitLab's limit on a job name (Ci::Build name column). */
    static final int MAX_NAME = 255;

    private static final IncludeSource NO_INCLUDES = IncludeSource.none("a job history has no files to include");

    private final Policy policy;

    private HistoryRouter(Policy policy) {
        this.policy = policy;
    }

    /** A router for the rules. */
    public static HistoryRouter of(Policy policy) {
        return new HistoryRouter(Objects.requireNonNull(policy, "policy"));
    }

    @Override
    public List<Routed> route(List<Job> jobs) {
        Objects.requireNonNull(jobs, "jobs");
        Routed[] out = new Routed[jobs.size()];
        // a pipeline holds each name once: a name seen again (other stage or tags) goes to a later batch
        List<Map<String, Integer>> batches = new ArrayList<>();
        Map<String, Integer> nextBatch = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            Job job = jobs.get(i);
            String why = unrunnable(job.name());
            if (why != null) {
                out[i] = new Routed(null, null, why);
                continue;
            }
            // the name as the YAML holds it (a lone surrogate becomes U+FFFD), which the router answers for
            String name = wellFormed(job.name());
            int b = nextBatch.getOrDefault(name, 0);
            while (b < batches.size() && batches.get(b).size() >= BATCH) {
                b++;
            }
            if (b == batches.size()) {
                batches.add(new LinkedHashMap<>());
            }
            batches.get(b).put(name, i);
            nextBatch.put(name, b + 1);
        }
        for (Map<String, Integer> batch : batches) {
            decide(jobs, batch, out);
        }
        return Arrays.asList(out);
    }

    private void decide(List<Job> jobs, Map<String, Integer> batch, Routed[] out) {
        StringBuilder yaml = new StringBuilder();
        for (Map.Entry<String, Integer> e : batch.entrySet()) {
            Job job = jobs.get(e.getValue());
            yaml.append(quote(e.getKey())).append(":\n  stage: ").append(quote(job.stage())).append("\n  tags: [");
            for (int t = 0; t < job.tags().size(); t++) {
                yaml.append(t == 0 ? "" : ", ").append(quote(job.tags().get(t)));
            }
            yaml.append("]\n  script: [\"true\"]\n");
        }
        ParseResult parsed = new YamlParser().parse("job history", yaml.toString());
        if (!parsed.ok() && batch.size() > 1) {
            // one name the YAML layer refuses must not take the batch with it: one job at a time
            batch.forEach((name, i) -> decide(jobs, Map.of(name, i), out));
            return;
        }
        if (!parsed.ok()) {
            batch.values().forEach(i -> out[i] = new Routed(null, null, "not a job fix could route"));
            return;
        }
        ResolvedPipeline pipeline = new Resolver().resolve(parsed.file(), NO_INCLUDES, ".gitlab-ci.yml");
        Map<String, Decision> byName = new HashMap<>();
        for (Decision d : Router.decide(pipeline, policy)) {
            byName.put(d.job(), d);
        }
        for (Map.Entry<String, Integer> e : batch.entrySet()) {
            Decision d = byName.get(e.getKey());
            out[e.getValue()] = d == null ? new Routed(null, null, "not a job fix could route") : switch (d.outcome()) {
                case MOVE, COMPLIANT -> new Routed(d.className(), d.route(), "");
                case KEEP -> new Routed(null, null, d.reason());
                case NO_ROUTE -> new Routed(null, null, Routed.NO_ROUTE);
            };
        }
    }

    /** Why GitLab could not run a job of that name, or null. */
    private static String unrunnable(String name) {
        if (name == null || name.isEmpty()) {
            return "no job name";
        }
        if (name.length() > MAX_NAME) {
            return "job name longer than " + MAX_NAME + " characters";
        }
        if (name.startsWith(".") || Pipeline.GLOBAL_KEYWORDS.contains(name)) {
            return "not a job name GitLab runs";
        }
        return null;
    }

    /** The text with every unpaired surrogate replaced by U+FFFD. */
    static String wellFormed(String s) {
        StringBuilder b = null;
        for (int k = 0; k < s.length(); k++) {
            if (Character.isSurrogate(s.charAt(k)) && !validPair(s, k)) {
                b = b == null ? new StringBuilder(s) : b;
                b.setCharAt(k, '\uFFFD');
            }
        }
        return b == null ? s : b.toString();
    }

    /** A YAML double-quoted scalar (JSON escapes are valid YAML escapes). */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (Character.isSurrogate(c) && !validPair(s, k)) {
                b.append('\uFFFD');
            } else if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static boolean validPair(String s, int k) {
        char c = s.charAt(k);
        return Character.isHighSurrogate(c) ? k + 1 < s.length() && Character.isLowSurrogate(s.charAt(k + 1))
                : k > 0 && Character.isHighSurrogate(s.charAt(k - 1));
    }
}
