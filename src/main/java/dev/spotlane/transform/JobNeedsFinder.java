package dev.spotlane.transform;

import dev.spotlane.model.ImageRef;
import dev.spotlane.model.ImageRefMemo;
import dev.spotlane.model.Location;
import dev.spotlane.policy.ImagePlatforms;
import dev.spotlane.resolve.Diagnostic;
import dev.spotlane.resolve.ImageResolution;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RMap;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Variables;
import dev.spotlane.transform.JobNeeds.Kind;
import dev.spotlane.transform.JobNeeds.Need;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds what every job of a resolved pipeline needs from a runner ({@link JobNeeds}):
 * <ul>
 * <li>privileged: a {@code docker:*dind*} service (any registry, short or long form, after variable expansion), a
 * service whose command starts {@code dockerd} or asks {@code --privileged}, or {@code DOCKER_HOST=tcp://...}
 * naming one of the job's services;</li>
 * <li>a platform: {@code docker: platform:} on the image or a service; an image this pipeline builds (the consumers
 * and the builder keep the builder's architecture unless the build names its platforms); the platforms file;</li>
 * <li>Windows: {@code mcr.microsoft.com/windows*}, {@code *windowsservercore*}, {@code *nanoserver*} images;</li>
 * <li>a complete configuration: an {@code extends} parent or a {@code !reference} target not found (when an include
 * spotlane could not read may hold it; otherwise GitLab rejects the pipeline and nothing is fixed).</li>
 * </ul>
 * Cross-compiling ({@code GOARCH=amd64} in a script or variables) needs nothing.
 */
public final class JobNeedsFinder {
    /** The local runner the design replaces: where an image built without {@code --platform} gets its arch. */
    static final String LOCAL_PLATFORM = "linux/amd64";

    private static final java.util.regex.Pattern BRACED = java.util.regex.Pattern.compile("\\$\\{(\\w+)}");

    private JobNeedsFinder() {
    }

    /** Needs of every job, by name, in the pipeline's job order (unmodifiable: callers share it). */
    public static Map<String, JobNeeds> of(ResolvedPipeline pipeline, ImagePlatforms platforms) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(platforms, "platforms");
        Map<String, List<Need>> needs = new LinkedHashMap<>();
        for (String j : pipeline.jobs().keySet()) {
            needs.put(j, new ArrayList<>());
        }
        Set<Location> missingRefs = new HashSet<>();
        for (Diagnostic d : pipeline.diagnostics()) {
            if (d.id().equals("reference-not-found")) {
                missingRefs.add(d.location());
            }
        }
        ImageRefMemo refs = new ImageRefMemo();
        for (ResolvedJob job : pipeline.jobs().values()) {
            if (job.isTrigger()) {
                continue;
            }
            List<Need> n = needs.get(job.name());
            Map<String, String> vars = job.variables();
            complete(job, pipeline, missingRefs, n);
            privileged(job, vars, n);
            for (RNode image : images(job)) {
                RScalar name = name(image);
                if (name == null) {
                    continue;
                }
                String kind = image == job.get("image") ? "image" : "service";
                String expanded = Variables.expand(name.value(), vars);
                Location at = name.origin().location();
                if (windows(name.value()) || windows(expanded)) {
                    n.add(new Need(Kind.WINDOWS, List.of(), kind + " \"" + expanded + "\"", at));
                }
                if (image instanceof RMap m && m.get("docker") instanceof RMap docker
                        && docker.get("platform") instanceof RScalar p && p.value() != null
                        && !p.value().contains("$")) {
                    n.add(new Need(Kind.PLATFORM, List.of(p.value().trim()), "docker: platform: \"" + p.value()
                            + "\" on " + kind + " \"" + expanded + "\"", p.origin().location()));
                }
                ImageRef ref = refs.parse(expanded);
                platforms.lookup(ref).ifPresent(e -> n.add(new Need(Kind.RECORDED, e.platforms(), kind + " \""
                        + expanded + "\" exists for " + (e.platforms().isEmpty() ? "no platform"
                        : String.join(", ", e.platforms())) + " (" + platforms.source() + ")", at)));
            }
        }
        built(pipeline, needs);
        Map<String, JobNeeds> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Need>> e : needs.entrySet()) {
            out.put(e.getKey(), new JobNeeds(e.getKey(), e.getValue()));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The job's image and services as resolved. */
    private static List<RNode> images(ResolvedJob job) {
        List<RNode> out = new ArrayList<>();
        if (job.get("image") != null) {
            out.add(job.get("image"));
        }
        if (job.get("services") instanceof RList l) {
            out.addAll(l.items());
        }
        return out;
    }

    private static RScalar name(RNode image) {
        RNode n = image instanceof RMap m ? m.get("name") : image;
        return n instanceof RScalar s && s.value() != null && !s.value().isBlank() ? s : null;
    }

    static boolean windows(String ref) {
        String r = ref.toLowerCase(Locale.ROOT);
        return r.startsWith("mcr.microsoft.com/windows") || r.contains("windowsservercore")
                || r.contains("nanoserver");
    }

    // ---- privileged

    private static void privileged(ResolvedJob job, Map<String, String> vars, List<Need> n) {
        if (!(job.get("services") instanceof RList services)) {
            return;
        }
        Set<String> hosts = new HashSet<>();
        for (RNode s : services.items()) {
            RScalar name = name(s);
            if (name == null) {
                continue;
            }
            String expanded = Variables.expand(name.value(), vars);
            hosts.addAll(hostnames(expanded, s instanceof RMap m && m.get("alias") instanceof RScalar a
                    ? Variables.expand(a.value() == null ? "" : a.value(), vars) : ""));
            Location at = name.origin().location();
            if (dind(expanded)) {
                n.add(new Need(Kind.PRIVILEGED, List.of(), "service \"" + expanded + "\"", at));
            } else if (s instanceof RMap m && (privilegedCommand(m.get("command"))
                    || privilegedCommand(m.get("entrypoint")))) {
                n.add(new Need(Kind.PRIVILEGED, List.of(), "service \"" + expanded + "\" (a Docker daemon)", at));
            }
        }
        String dockerHost = vars.get("DOCKER_HOST");
        if (dockerHost != null && dockerHost.startsWith("tcp://") && n.stream().noneMatch(x -> x.kind()
                == Kind.PRIVILEGED)) {
            String host = dockerHost.substring("tcp://".length());
            int end = 0;
            while (end < host.length() && host.charAt(end) != ':' && host.charAt(end) != '/') {
                end++;
            }
            host = host.substring(0, end);
            if (hosts.contains(host)) {
                n.add(new Need(Kind.PRIVILEGED, List.of(), "variable DOCKER_HOST \"" + dockerHost
                        + "\" (a Docker daemon service)", variableLocation(job, "DOCKER_HOST")));
            }
        }
    }

    /** {@code docker:dind}, {@code docker:27-dind}, {@code registry/x/docker:24.0-dind-rootless}, {@code x/docker-dind}. */
    static boolean dind(String reference) {
        String r = reference.toLowerCase(Locale.ROOT);
        int at = r.indexOf('@');
        if (at >= 0) {
            r = r.substring(0, at);
        }
        String last = r.substring(r.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        String repo = colon >= 0 ? last.substring(0, colon) : last;
        String tag = colon >= 0 ? last.substring(colon + 1) : "";
        return repo.contains("dind") || repo.equals("docker") && tag.contains("dind");
    }

    private static boolean privilegedCommand(RNode command) {
        if (!(command instanceof RList l)) {
            return false;
        }
        for (RNode i : l.items()) {
            if (i instanceof RScalar s && s.value() != null && (s.value().contains("--privileged")
                    || s.value().equals("dockerd") || s.value().endsWith("/dockerd")
                    || s.value().startsWith("dockerd-entrypoint"))) {
                return true;
            }
        }
        return false;
    }

    /** The Docker executor's hostnames for a service: its aliases, and its name with {@code /} as {@code __} and {@code -}. */
    static Set<String> hostnames(String reference, String aliases) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : aliases.split("[,\\s]+")) {
            if (!a.isBlank()) {
                out.add(a);
            }
        }
        String r = reference;
        int at = r.indexOf('@');
        if (at >= 0) {
            r = r.substring(0, at);
        }
        int slash = r.lastIndexOf('/');
        int colon = r.lastIndexOf(':');
        if (colon > slash) {
            r = r.substring(0, colon);
        }
        int firstSlash = r.indexOf('/');
        if (firstSlash > 0) {
            String first = r.substring(0, firstSlash);
            int port = first.indexOf(':');
            if (port >= 0) {
                r = first.substring(0, port) + r.substring(firstSlash);
            }
        }
        out.add(r.replace("/", "__"));
        out.add(r.replace("/", "-"));
        return out;
    }

    private static Location variableLocation(ResolvedJob job, String name) {
        if (job.get("variables") instanceof RMap m && m.get(name) != null) {
            return m.get(name).origin().location();
        }
        RNode g = job.globalVariables().get(name);
        return g != null ? g.origin().location() : job.body().origin().location();
    }

    // ---- complete configuration

    private static void complete(ResolvedJob job, ResolvedPipeline pipeline, Set<Location> missingRefs,
                                 List<Need> n) {
        Set<String> seen = new HashSet<>();
        List<RNode> todo = new ArrayList<>();
        todo.add(job.get("extends"));
        while (!todo.isEmpty() && seen.size() < 1000) {
            RNode ext = todo.remove(todo.size() - 1);
            for (RScalar parent : names(ext)) {
                if (!seen.add(parent.value())) {
                    continue;
                }
                RNode body = pipeline.config().get(parent.value());
                if (body instanceof RMap m) {
                    todo.add(m.get("extends"));
                } else {
                    n.add(new Need(Kind.COMPLETE, List.of(), "extends parent \"" + parent.value()
                            + "\" was not found (it may be in an include spotlane could not read)",
                            parent.origin().location()));
                    return;
                }
            }
        }
        if (!missingRefs.isEmpty()) {
            Location ref = missingReference(job.body(), missingRefs, 0);
            if (ref != null) {
                n.add(new Need(Kind.COMPLETE, List.of(), "a !reference target was not found (it may be in an"
                        + " include spotlane could not read)", ref));
            }
        }
    }

    private static List<RScalar> names(RNode ext) {
        List<RScalar> out = new ArrayList<>();
        if (ext instanceof RScalar s && s.value() != null) {
            out.add(s);
        } else if (ext instanceof RList l) {
            l.items().forEach(i -> {
                if (i instanceof RScalar s && s.value() != null) {
                    out.add(s);
                }
            });
        }
        return out;
    }

    private static Location missingReference(RNode node, Set<Location> missing, int depth) {
        if (node == null || depth > 64) {
            return null;
        }
        if (node instanceof RScalar s) {
            return s.isNull() && missing.contains(s.origin().location()) ? s.origin().location() : null;
        }
        List<RNode> children = node instanceof RMap m ? new ArrayList<>(m.entries().values())
                : node instanceof RList l ? l.items() : List.of();
        for (RNode c : children) {
            Location at = missingReference(c, missing, depth + 1);
            if (at != null) {
                return at;
            }
        }
        return null;
    }

    // ---- images this pipeline builds

    private record Built(String job, String written, Set<String> forms, List<String> platforms) {
    }

    private static void built(ResolvedPipeline pipeline, Map<String, List<Need>> needs) {
        List<Built> builds = new ArrayList<>();
        for (ResolvedJob job : pipeline.jobs().values()) {
            if (job.isTrigger()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            for (String key : List.of("before_script", "script", "after_script")) {
                if (job.get(key) instanceof RList l) {
                    for (RNode i : l.items()) {
                        lines.add(i instanceof RScalar s ? s.value() : null);
                    }
                } else if (job.get(key) instanceof RScalar s) {
                    lines.add(s.value());
                }
            }
            List<BuildCommands.Build> found = BuildCommands.of(lines);
            // the job's variables only for a job that builds (most do not)
            List<Map<String, String>> combinations = found.isEmpty() ? List.of()
                    : ImageResolution.combinations(job, Map.of());
            for (BuildCommands.Build b : found) {
                for (String d : b.destinations()) {
                    builds.add(new Built(job.name(), d, forms(d, combinations), b.platforms()));
                }
            }
        }
        if (builds.isEmpty()) {
            return;
        }
        Set<String> builderNeeds = new HashSet<>();
        for (ResolvedJob job : pipeline.jobs().values()) {
            if (job.isTrigger()) {
                continue;
            }
            List<Map<String, String>> combinations = ImageResolution.combinations(job, Map.of());
            for (RNode image : images(job)) {
                RScalar name = name(image);
                if (name == null) {
                    continue;
                }
                Set<String> pulled = forms(name.value(), combinations);
                for (Built b : builds) {
                    if (b.job().equals(job.name()) || pulled.stream().noneMatch(b.forms()::contains)) {
                        continue;
                    }
                    List<String> platforms = b.platforms().isEmpty() ? List.of(LOCAL_PLATFORM) : b.platforms();
                    String kind = image == job.get("image") ? "image" : "service";
                    needs.get(job.name()).add(new Need(Kind.BUILT, platforms, kind + " \"" + name.value()
                            + "\" is built in this pipeline by job \"" + b.job() + "\"", name.origin().location()));
                    if (b.platforms().isEmpty() && builderNeeds.add(b.job() + "\u0000" + b.written())) {
                        // the image gets the builder's architecture: moving the builder would change what the
                        // jobs that pull it run
                        needs.get(b.job()).add(new Need(Kind.BUILT, platforms, "builds \"" + b.written()
                                + "\" without --platform, and job \"" + job.name() + "\" pulls it",
                                pipeline.job(b.job()).orElseThrow().body().origin().location()));
                    }
                }
            }
        }
    }

    /** A reference as written, expanded, and normalised when valid: two jobs name one image in any of them. */
    private static Set<String> forms(String written, List<Map<String, String>> combinations) {
        Set<String> out = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        texts.add(written);
        for (Map<String, String> vars : combinations) {
            texts.add(Variables.expand(written, vars));
        }
        for (String s : texts) {
            // $VAR and ${VAR} are one variable: compare both in one spelling
            out.add(BRACED.matcher(s).replaceAll("\\$$1"));
            ImageRef ref = ImageRef.parse(s);
            if (ref.valid()) {
                out.add(ref.normalized());
            }
        }
        return out;
    }
}
