package dev.spotlane.policy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.spotlane.model.Location;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.SafeFiles;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlParser;
import dev.spotlane.yaml.YamlSequence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Loads a rules file: YAML, validated against {@code schemas/spotlane-rules.schema.json} (errors point at the line
 * and column of the offending value), then checked for meaning (routes name known classes, one default class).
 */
public final class PolicyLoader {
    /** The display name of the bundled default rules. */
    public static final String BUNDLED = "bundled rules/spotlane.yml";
    private static final String SCHEMA_RESOURCE = "/dev/spotlane/schemas/spotlane-rules.schema.json";
    private static final String DEFAULT_RULES = "/dev/spotlane/rules/spotlane.yml";

    private PolicyLoader() {
    }

    /** The bundled default policy. */
    public static Policy bundled() {
        try {
            // validated against the schema by PolicyLoaderTest at build time: skip the validator's start-up cost
            return load(new Source(BUNDLED, bundledText()), Path.of("."), false);
        } catch (PolicyException e) {
            throw new IllegalStateException("bundled rules are invalid: " + e.getMessage(), e);
        }
    }

    /** The text of the bundled default rules ({@code rules/spotlane.yml}), comments included. */
    public static String bundledText() {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RULES)) {
            Objects.requireNonNull(in, "bundled rules missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads and loads a rules file; allowlist paths resolve against its folder. */
    public static Policy load(Path file) throws IOException, PolicyException {
        return load(file, null);
    }

    /**
     * Reads and loads a rules file; allowlist paths resolve against its folder. When the rules file lies inside
     * {@code repoRoot} (symbolic links resolved) it is the repository's, so hostile: every path it names must stay
     * inside the repository too (checked here where written, and again, links resolved, when the file is read).
     * A rules file outside the repository (given by the person running spotlane) may name any path.
     *
     * @param repoRoot the repository root, or null when there is none
     */
    public static Policy load(Path file, Path repoRoot) throws IOException, PolicyException {
        Objects.requireNonNull(file, "file");
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path confine = null;
        if (repoRoot != null && file.toAbsolutePath().normalize().startsWith(repoRoot.toAbsolutePath().normalize())) {
            // a path into the repository names the repository's file: it must not link out of it
            SafeFiles.confine(repoRoot, file, file.toString().replace('\\', '/'));
        }
        if (repoRoot != null) {
            Path realRoot = repoRoot.toAbsolutePath().normalize();
            try {
                realRoot = realRoot.toRealPath();
            } catch (IOException e) {
                // a root that does not exist holds nothing
            }
            try {
                if (file.toAbsolutePath().normalize().toRealPath().startsWith(realRoot)) {
                    confine = repoRoot.toAbsolutePath().normalize();
                }
            } catch (IOException e) {
                // unreadable: Source.read below says why
            }
        }
        String name = file.toString().replace('\\', '/');
        Source source = Source.read(file, name);
        return new PolicyReader(parse(source, true), dir == null ? Path.of(".") : dir, confine).read();
    }

    /** Loads rules from text; {@code baseDir} resolves relative allowlist paths. */
    public static Policy load(Source source, Path baseDir) throws PolicyException {
        return load(source, baseDir, true);
    }

    static Policy load(Source source, Path baseDir, boolean validate) throws PolicyException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baseDir, "baseDir");
        return new PolicyReader(parse(source, validate), baseDir, null).read();
    }

    /** Loads rules from text whose allowlists must stay inside {@code confine} (null: anywhere). */
    static Policy load(Source source, Path baseDir, Path confine) throws PolicyException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baseDir, "baseDir");
        return new PolicyReader(parse(source, true), baseDir, confine).read();
    }

    /** Parses and validates against the schema; the file and its root mapping. */
    private static YamlFile parse(Source source, boolean validate) throws PolicyException {
        ParseResult parsed = new YamlParser().parse(source);
        if (!parsed.ok()) {
            throw new PolicyException(List.of(new PolicyException.Problem(new Location(source.name(),
                    parsed.error().position().line(), parsed.error().position().column()),
                    parsed.error().message() + " [rules-syntax]")));
        }
        YamlFile file = parsed.file();
        YamlNode root = file.documents().isEmpty() ? null : file.documents().get(0).root();
        if (root == null || !(root.resolved() instanceof YamlMapping)) {
            throw new PolicyException(List.of(new PolicyException.Problem(new Location(source.name(), 1, 1),
                    "the rules file must be a mapping with version: 1 and routing: [rules-schema]")));
        }
        List<PolicyException.Problem> problems = new ArrayList<>();
        for (Error e : validate ? SchemaHolder.SCHEMA.validate(YamlJson.toJson(root)) : List.<Error>of()) {
            problems.add(schemaProblem(file, root, e));
        }
        if (!problems.isEmpty()) {
            problems.sort((a, b) -> a.location().compareTo(b.location()));
            throw new PolicyException(problems);
        }
        return file;
    }

    /**
     * The schema as written, and compiled once with its enums as patterns ({@link YamlJson#enumsAsPatterns}): a
     * repository with rules of its own then does not start Jackson's object mapper on every run.
     */
    private static final class SchemaHolder {
        static final JsonNode TREE = YamlJson.readJson(SCHEMA_RESOURCE);
        static final Schema SCHEMA = YamlJson.compile(YamlJson.enumsAsPatterns(TREE.deepCopy()));
    }

    private static PolicyException.Problem schemaProblem(YamlFile file, YamlNode root, Error e) {
        YamlJson.Target target = YamlJson.locate(root, e.getInstanceLocation(),
                "additionalProperties".equals(e.getKeyword()) ? e.getProperty() : null);
        Location location = Location.of(file, target.at());
        String where = target.dotted();
        String prefix = where.isEmpty() ? "" : where + ": ";
        String enumValues = enumMessage(e);
        return new PolicyException.Problem(location, prefix + (enumValues != null ? enumValues
                : lowerFirst(e.getMessage())) + " [rules-schema]");
    }

    /**
     * The enum message for a failed {@code pattern} or {@code type} that stands for an enum of the schema as written
     * (see {@link SchemaHolder}), or null.
     */
    private static String enumMessage(Error e) {
        if (!"pattern".equals(e.getKeyword()) && !"type".equals(e.getKeyword())) {
            return null;
        }
        String location = String.valueOf(e.getSchemaLocation());
        int hash = location.indexOf('#');
        int slash = location.lastIndexOf('/');
        if (hash < 0 || slash <= hash) {
            return null;
        }
        JsonNode site = SchemaHolder.TREE.at(location.substring(hash + 1, slash));
        return site.path("enum").isArray() && !site.has("type") ? YamlJson.enumMessage(site.path("enum")) : null;
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "invalid value" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Builds the {@link Policy} from a schema-valid tree, checking what the schema cannot. */
    private static final class PolicyReader {
        private final YamlFile file;
        private final YamlMapping root;
        private final Path baseDir;
        private final Path confine;
        private final List<PolicyException.Problem> problems = new ArrayList<>();

        PolicyReader(YamlFile file, Path baseDir, Path confine) {
            this.file = file;
            this.root = (YamlMapping) file.documents().get(0).root().resolved();
            this.baseDir = baseDir;
            this.confine = confine;
        }

        Policy read() throws PolicyException {
            YamlMapping routing = map(root, "routing");
            Map<String, InstanceClass> classes = new LinkedHashMap<>();
            YamlMapping classesNode = map(routing, "classes");
            boolean fleetPrivileged = fleetPrivileged();
            for (Map.Entry<String, YamlEntry> e : classesNode.effective().entrySet()) {
                YamlMapping c = e.getValue().value().resolved() instanceof YamlMapping m ? m : null;
                String arch = c == null || c.get("arch") == null ? InstanceClass.DEFAULT_ARCH : text(c, "arch");
                boolean privileged = c == null || c.get("privileged") == null ? fleetPrivileged
                        : "true".equals(text(c, "privileged"));
                classes.put(e.getKey(), new InstanceClass(e.getKey(), strings(c, "tags"),
                        c != null && "true".equals(text(c, "default")), arch, privileged));
            }
            long defaults = classes.values().stream().filter(InstanceClass::isDefault).count();
            if (defaults != 1) {
                problem(classesNode, "exactly one class must be the default (default: true), found " + defaults);
            }
            List<Route> routes = new ArrayList<>();
            YamlNode routesNode = routing.get("routes");
            for (YamlNode r : ((YamlSequence) routesNode.resolved()).items()) {
                YamlMapping route = (YamlMapping) r.resolved();
                String cls = text(route, "class");
                if (!classes.containsKey(cls)) {
                    problem(route.get("class"), "route \"" + text(route, "name") + "\" names unknown class \"" + cls
                            + "\"; expected one of " + String.join(", ", classes.keySet()));
                }
                YamlMapping match = map(route, "match");
                routes.add(new Route(text(route, "name"), patterns(match, "jobs"), patterns(match, "stages"),
                        patterns(match, "extends"), cls));
            }
            String cloudTag = routing.get("cloud_tag") == null ? "cloud" : text(routing, "cloud_tag");
            List<String> localTags = strings(routing, "local_tags");
            if (localTags.contains(cloudTag)) {
                problem(routing.get("local_tags"), "local_tags must not hold the cloud tag \"" + cloudTag + "\"");
            }
            YamlMapping images = root.get("images") == null ? null : map(root, "images");
            YamlMapping pull = images == null || images.get("pull_policy") == null ? null : map(images, "pull_policy");
            List<Path> allowlist = new ArrayList<>();
            YamlNode listed = images == null ? null : images.get("allowlist");
            if (listed == null) {
                allowlist.add(baseDir.resolve("ci/ami/images.txt").normalize());
            } else if (listed.resolved() instanceof YamlSequence seq) {
                for (YamlNode item : seq.items()) {
                    Path p = baseDir.resolve(item.scalarValue()).normalize();
                    if (confine != null && !p.startsWith(confine)) {
                        problem(item, "allowlist \"" + item.scalarValue() + "\" is outside the repository; not read");
                        continue;
                    }
                    allowlist.add(p);
                }
            }
            YamlNode mirrorNode = images == null ? null : images.get("mirror");
            YamlMapping mirror = mirrorNode != null && mirrorNode.resolved() instanceof YamlMapping mm ? mm : null;
            if (mirror != null && "true".equals(text(mirror, "rewrite"))
                    && !"ecr-pull-through".equals(text(mirror, "kind"))) {
                // a registry mirror serves Docker Hub names as they are written: nothing to rewrite them to
                problem(mirror.get("rewrite"), "rewrite: true needs kind: ecr-pull-through (a registry mirror serves"
                        + " images under their own names)");
            }
            Fleet fleet = fleet(classes);
            ImagePolicy imagePolicy = new ImagePolicy(
                    pull == null || pull.get("pinned") == null ? "if-not-present" : text(pull, "pinned"),
                    pull == null || pull.get("unpinned") == null ? "always" : text(pull, "unpinned"),
                    images != null && "true".equals(text(images, "require_pinned_services")),
                    allowlist, confine, baseDir.resolve(images == null || images.get("platforms") == null
                            ? ImagePolicy.DEFAULT_PLATFORMS : text(images, "platforms")).normalize(),
                    RunnerSideRules.mirror(images, fleet.region()));
            Map<String, String> severities = new LinkedHashMap<>();
            YamlMapping lint = root.get("lint") == null ? null : map(root, "lint");
            if (lint != null && lint.get("checks") != null) {
                map(lint, "checks").effective().forEach((k, e) -> severities.put(k, e.value().scalarValue()));
            }
            if (!problems.isEmpty()) {
                problems.sort((a, b) -> a.location().compareTo(b.location()));
                throw new PolicyException(problems);
            }
            List<List<String>> otherRunners = new ArrayList<>();
            if (routing.get("other_runners") != null) {
                for (YamlNode set : ((YamlSequence) routing.get("other_runners").resolved()).items()) {
                    List<String> tags = new ArrayList<>();
                    ((YamlSequence) set.resolved()).items().forEach(t -> tags.add(t.scalarValue()));
                    otherRunners.add(tags);
                }
            }
            YamlMapping local = routing.get("local_runner") == null ? null : map(routing, "local_runner");
            List<String> localAllowed = local == null || local.get("allowed_pull_policies") == null
                    ? Routing.RUNNER_DEFAULT_ALLOWED : strings(local, "allowed_pull_policies");
            return new Policy(file.name(), new Routing(RoutingMode.valueOf(text(routing, "policy")
                    .toUpperCase(java.util.Locale.ROOT)), cloudTag, localTags, classes, routes, otherRunners,
                    localAllowed),
                    imagePolicy, fleet, severities, root.effective().keySet());
        }

        /** {@code fleet.docker.privileged}: the default of every class's {@code privileged}. */
        private boolean fleetPrivileged() {
            YamlMapping fleet = root.get("fleet") == null ? null : map(root, "fleet");
            YamlMapping docker = fleet == null || fleet.get("docker") == null ? null : map(fleet, "docker");
            return docker != null && "true".equals(text(docker, "privileged"));
        }

        private Fleet fleet(Map<String, InstanceClass> classes) {
            YamlMapping fleet = root.get("fleet") == null ? null : map(root, "fleet");
            Map<String, InstanceType> types = new LinkedHashMap<>();
            if (fleet != null && fleet.get("instance_types") != null) {
                for (Map.Entry<String, YamlEntry> e : map(fleet, "instance_types").effective().entrySet()) {
                    YamlMapping t = (YamlMapping) e.getValue().value().resolved();
                    String cls = text(t, "class");
                    if (!classes.containsKey(cls)) {
                        problem(t.get("class"), "instance type \"" + e.getKey() + "\" names unknown class \"" + cls
                                + "\"; expected one of " + String.join(", ", classes.keySet()));
                    }
                    types.put(e.getKey(), new InstanceType(e.getKey(), cls, number(t, "vcpu"), number(t,
                            "memory_gib")));
                }
            }
            String region = fleet == null || fleet.get("region") == null ? "us-east-1" : text(fleet, "region");
            Fleet defaults = new Fleet(region, types);
            if (fleet == null) {
                return withRunners(defaults, classes);
            }
            Map<String, ClassRunner> runners = new LinkedHashMap<>();
            if (fleet.get("runners") != null) {
                for (Map.Entry<String, YamlEntry> e : map(fleet, "runners").effective().entrySet()) {
                    if (!classes.containsKey(e.getKey())) {
                        problem(e.getValue().key(), "runner for unknown class \"" + e.getKey() + "\"; expected one of "
                                + String.join(", ", classes.keySet()));
                        continue;
                    }
                    runners.put(e.getKey(), classRunner(e.getKey(), (YamlMapping) e.getValue().value().resolved(),
                            types));
                }
            }
            List<IdlePolicy> policies = new ArrayList<>();
            if (fleet.get("policies") != null) {
                for (YamlNode n : ((YamlSequence) fleet.get("policies").resolved()).items()) {
                    YamlMapping p = (YamlMapping) n.resolved();
                    policies.add(new IdlePolicy(strings(p, "periods"), text(p, "timezone"),
                            p.get("idle_count") == null ? 0 : Integer.parseInt(text(p, "idle_count")),
                            text(p, "idle_time"),
                            p.get("scale_factor") == null ? null : Double.valueOf(text(p, "scale_factor")),
                            p.get("scale_factor_limit") == null ? null
                                    : Integer.valueOf(text(p, "scale_factor_limit"))));
                }
            }
            YamlMapping connector = fleet.get("connector") == null ? null : map(fleet, "connector");
            YamlMapping docker = fleet.get("docker") == null ? null : map(fleet, "docker");
            Fleet read = new Fleet(region, types,
                    fleet.get("gitlab_url") == null ? defaults.gitlabUrl() : text(fleet, "gitlab_url"),
                    fleet.get("plugin") == null ? defaults.plugin() : text(fleet, "plugin"),
                    runners, policies.isEmpty() ? defaults.policies() : policies,
                    connector == null || connector.get("username") == null ? defaults.connectorUser()
                            : text(connector, "username"),
                    connector != null && "true".equals(text(connector, "use_external_addr")),
                    docker == null || docker.get("image") == null ? defaults.dockerImage() : text(docker, "image"),
                    docker != null && "true".equals(text(docker, "privileged")),
                    fleet.get("costs") == null ? FleetCosts.NONE : costs(map(fleet, "costs")),
                    RunnerSideRules.cache(fleet, region));
            try {
                read = read.withManager(Manager.resolve(managerFacts(fleet, connector), null));
            } catch (PolicyException e) {
                problems.addAll(e.problems());
            }
            return withRunners(read, classes);
        }

        /** Every cloud class gets a runner: the ones written, and defaults for the rest. */
        private static Fleet withRunners(Fleet f, Map<String, InstanceClass> classes) {
            Map<String, ClassRunner> runners = new LinkedHashMap<>();
            for (String cls : classes.keySet()) {
                ClassRunner r = f.runners().get(cls);
                String instanceType = f.instanceTypes().values().stream().filter(t -> t.className().equals(cls))
                        .map(InstanceType::name).findFirst().orElse(null);
                runners.put(cls, r != null ? r : new ClassRunner(cls, "spotlane-" + cls, instanceType, 10, 1, 0,
                        tokenEnv(cls)));
            }
            return f.withRunners(runners);
        }

        /** What {@code fleet.manager}, {@code fleet.connector} and {@code fleet.costs} say about the manager. */
        private Manager.Facts managerFacts(YamlMapping fleet, YamlMapping connector) {
            YamlMapping m = fleet.get("manager") == null ? null : map(fleet, "manager");
            YamlMapping costs = fleet.get("costs") == null ? null : map(fleet, "costs");
            return new Manager.Facts(at(m, "kind"), flag(m, "in_vpc"), at(m, "source_cidr"),
                    at(m, "security_group"), at(m, "runner_version"), m == null ? null : text(m, "namespace"),
                    flag(connector, "use_external_addr"), at(costs, "manager"), at(costs, "worker_network"));
        }

        private Manager.At<String> at(YamlMapping m, String key) {
            YamlNode n = m == null ? null : m.get(key);
            return n == null ? new Manager.At<>(null, null) : new Manager.At<>(n.scalarValue(), Location.of(file, n));
        }

        private Manager.At<Boolean> flag(YamlMapping m, String key) {
            Manager.At<String> v = at(m, key);
            return new Manager.At<>(v.value() == null ? null : "true".equals(v.value()), v.at());
        }

        /** {@code fleet.costs} (its shape is checked by the schema first). */
        private FleetCosts costs(YamlMapping c) {
            YamlMapping s3 = c.get("s3_cache") == null ? null : map(c, "s3_cache");
            return new FleetCosts(text(c, "manager"), text(c, "worker_network"), decimal(c, "root_volume_gb"),
                    decimal(c, "manager_volume_gb"),
                    s3 == null ? null : new FleetCosts.S3Cache(decimal(s3, "storage_gb"), decimal(s3, "puts_per_job"),
                            decimal(s3, "gets_per_job")),
                    decimal(c, "egress_gb_per_month"), decimals(c, "prices"), decimals(c, "on_demand"));
        }

        private static Double decimal(YamlMapping m, String key) {
            String v = text(m, key);
            return v == null ? null : Double.valueOf(v);
        }

        private static Map<String, Double> decimals(YamlMapping m, String key) {
            Map<String, Double> out = new LinkedHashMap<>();
            if (m.get(key) != null) {
                for (Map.Entry<String, YamlEntry> e : map(m, key).effective().entrySet()) {
                    out.put(e.getKey(), Double.valueOf(e.getValue().value().scalarValue()));
                }
            }
            return out;
        }

        private ClassRunner classRunner(String cls, YamlMapping m, Map<String, InstanceType> types) {
            String instanceType = text(m, "instance_type");
            if (instanceType != null && !types.isEmpty() && !types.containsKey(instanceType)) {
                problem(m.get("instance_type"), "runner \"" + cls + "\" names instance type \"" + instanceType
                        + "\" that fleet.instance_types does not list");
            }
            return new ClassRunner(cls, m.get("asg") == null ? "spotlane-" + cls : text(m, "asg"), instanceType,
                    m.get("max_instances") == null ? 10 : Integer.parseInt(text(m, "max_instances")),
                    m.get("capacity_per_instance") == null ? 1 : Integer.parseInt(text(m, "capacity_per_instance")),
                    m.get("max_use_count") == null ? 0 : Integer.parseInt(text(m, "max_use_count")),
                    m.get("token_env") == null ? tokenEnv(cls) : text(m, "token_env"));
        }

        private static String tokenEnv(String cls) {
            return "SPOTLANE_RUNNER_TOKEN_" + cls.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }

        private List<NamePattern> patterns(YamlMapping match, String key) {
            List<NamePattern> out = new ArrayList<>();
            YamlNode list = match.get(key);
            if (list == null) {
                return out;
            }
            for (YamlNode item : ((YamlSequence) list.resolved()).items()) {
                try {
                    out.add(NamePattern.of(item.scalarValue()));
                } catch (com.google.re2j.PatternSyntaxException e) {
                    problem(item, "invalid regular expression \"" + item.scalarValue() + "\": "
                            + e.getDescription().toLowerCase(java.util.Locale.ROOT));
                }
            }
            return out;
        }

        private void problem(YamlNode at, String message) {
            problems.add(new PolicyException.Problem(Location.of(file, at), message + " [rules-schema]"));
        }

        private static YamlMapping map(YamlMapping m, String key) {
            return (YamlMapping) m.get(key).resolved();
        }

        private static String text(YamlMapping m, String key) {
            YamlNode n = m.get(key);
            return n == null ? null : n.scalarValue();
        }

        private static double number(YamlMapping m, String key) {
            String v = text(m, key);
            return v == null ? 0 : Double.parseDouble(v);
        }

        private static List<String> strings(YamlMapping m, String key) {
            List<String> out = new ArrayList<>();
            YamlNode n = m == null ? null : m.get(key);
            if (n != null && n.resolved() instanceof YamlSequence s) {
                s.items().forEach(i -> out.add(i.scalarValue()));
            }
            return out;
        }
    }
}
