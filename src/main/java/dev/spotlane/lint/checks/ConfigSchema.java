package dev.spotlane.lint.checks;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.path.NodePath;
import dev.spotlane.Timing;
import dev.spotlane.lint.Check;
import dev.spotlane.lint.Finding;
import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.lint.Spelling;
import dev.spotlane.model.Location;
import dev.spotlane.model.Pipeline;
import dev.spotlane.policy.YamlJson;
import dev.spotlane.yaml.YamlEntry;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlMapping;
import dev.spotlane.yaml.YamlNode;
import dev.spotlane.yaml.YamlScalar;
import dev.spotlane.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@code config-schema}: keywords GitLab would reject or mistype, found by validating the configuration document of
 * every file the pipeline read against {@code schemas/gitlab-ci.schema.json}. Each schema error becomes one finding
 * at the YAML node it names (at the key, for an unknown key), with a "did you mean" hint for a misspelt keyword.
 *
 * <p>Files are checked as written, before includes, {@code extends} and {@code !reference} are resolved: a
 * {@code !reference} or a {@code $[[ inputs ]]} interpolation stands for a value the schema cannot know and is not
 * reported on, a null mapping value is "unset" (as GitLab reads it), and hidden keys ({@code .name}) are free-form.
 */
public final class ConfigSchema implements Check {
    static final String SCHEMA_RESOURCE = "/dev/spotlane/schemas/gitlab-ci.schema.json";
    private static final String REFERENCE_TAG = "!reference";
    private static final Pattern SCHEMA_POINTER = Pattern.compile("#(/.*)?$");
    private static final Set<String> JOB_BODY = Set.of("script", "run", "trigger", "extends");
    private static final int MAX_VALUE_LENGTH = 60;
    private static final int MAX_LISTED = 13;

    @Override
    public String id() {
        return "config-schema";
    }

    @Override
    public String summary() {
        return "keywords GitLab would reject or mistype";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        if (context.pipeline() == null) {
            return;
        }
        for (YamlFile file : context.pipeline().files()) {
            check(file).forEach(reporter::report);
        }
    }

    /** Compiles the schema now; it is otherwise compiled on first use (for timing it apart from validation). */
    public static void preload() {
        Objects.requireNonNull(Holder.SCHEMA);
    }

    /**
     * Starts compiling the schema on a daemon thread and returns at once, so that the validator's start-up overlaps
     * reading and resolving the pipeline; the first {@link #check} waits for it if it is still running. A failure
     * is left for that first use to report.
     */
    public static void preloadInBackground() {
        Thread t = new Thread(() -> {
            try {
                long start = System.nanoTime();
                long startCpu = Timing.cpu();
                preload();
                Timing.add("schema compile (background thread)", System.nanoTime() - start, Timing.cpu() - startCpu);
            } catch (RuntimeException | LinkageError e) {
                // reported by the first use, on the calling thread
            }
        }, "config-schema-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The findings for one file's configuration document (the one after a {@code spec:} header, if any). */
    public List<Finding> check(YamlFile file) {
        Objects.requireNonNull(file, "file");
        YamlMapping root = Pipeline.of(file).config().orElse(null);
        if (root == null) {
            return List.of();
        }
        JsonNode json = YamlJson.toJson(root, YamlJson.Typing.PSYCH, ConfigSchema::placeholder);
        List<Issue> issues = new ArrayList<>();
        for (Error e : Holder.SCHEMA.validate(json)) {
            issues.add(Issue.of(e));
        }
        return new Reading(file, root).findings(collapse(issues));
    }

    /** A {@code !reference} as a string the schema accepts wherever a string goes; findings on it are dropped. */
    private static JsonNode placeholder(YamlNode node) {
        return REFERENCE_TAG.equals(node.tag())
                ? JsonNodeFactory.instance.stringNode(REFERENCE_TAG + " " + referenceText(node)) : null;
    }

    /**
     * The schema's JSON tree, read once, and the schema compiled from it once. Each {@code enum} of strings is
     * compiled as {@code type: string} plus an anchored {@code pattern}: the validator builds its enum messages by
     * printing JSON when it compiles, which starts Jackson's object mapper, about half of the cold start. Findings
     * still quote the schema file's {@code enum}.
     */
    private static final class Holder {
        static final JsonNode TREE = YamlJson.readJson(SCHEMA_RESOURCE);
        static final Schema SCHEMA = compile();

        private static Schema compile() {
            Schema schema = YamlJson.compile(YamlJson.enumsAsPatterns(TREE.deepCopy()));
            schema.initializeValidators(); // resolve every $ref now rather than during the first file
            return schema;
        }
    }

    /**
     * One validation error, detached from the validator so that errors can be merged.
     *
     * @param keyword        the failing schema keyword ({@code type}, {@code enum}, {@code additionalProperties}..)
     * @param location       where in the instance
     * @param property       the unknown or missing property, for {@code additionalProperties}/{@code required}
     * @param evaluationPath the schema path that led to the keyword, {@code /properties/a/$ref/oneOf/1/type}
     * @param schemaPointer  the keyword's JSON pointer inside the schema file
     * @param schemaNode     the keyword's value in the schema (the allowed types, the enum, the limit)
     * @param instance       the JSON value that failed
     * @param message        the validator's own message, the last resort (formatted only when used: formatting
     *                       prints JSON, which starts Jackson's object mapper)
     */
    record Issue(String keyword, NodePath location, String property, String evaluationPath, String schemaPointer,
                 JsonNode schemaNode, JsonNode instance, Supplier<String> message) {
        static Issue of(Error e) {
            Matcher m = SCHEMA_POINTER.matcher(String.valueOf(e.getSchemaLocation()));
            String pointer = m.find() && m.group(1) != null ? m.group(1) : "";
            return new Issue(e.getKeyword(), e.getInstanceLocation(), e.getProperty(),
                    String.valueOf(e.getEvaluationPath()), pointer, e.getSchemaNode(), e.getInstanceNode(),
                    e::getMessage);
        }

        /**
         * The evaluation path up to and including the first {@code oneOf}/{@code anyOf} below {@code within} (a
         * prefix of the path, "" for the whole path) that has a branch index after it, or null.
         */
        String combinator(String within) {
            String[] parts = evaluationPath.substring(within.length()).split("/");
            StringBuilder prefix = new StringBuilder(within);
            for (int i = 1; i < parts.length; i++) {
                prefix.append('/').append(parts[i]);
                if ((parts[i].equals("oneOf") || parts[i].equals("anyOf")) && i + 1 < parts.length) {
                    return prefix.toString();
                }
            }
            return null;
        }

        /** The branch index under {@code combinator}, or -1 for the combinator's own error. */
        int branch(String combinator) {
            String rest = evaluationPath.substring(combinator.length());
            if (rest.length() < 2) {
                return -1;
            }
            int end = rest.indexOf('/', 1);
            try {
                return Integer.parseInt(end < 0 ? rest.substring(1) : rest.substring(1, end));
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }

    /**
     * Collapses each failed {@code oneOf}/{@code anyOf} to the errors of one branch: the validator reports the
     * combinator and every branch's errors, which would make several findings for one wrong value. The branch kept is
     * the first whose type fits the value with the fewest errors; when no branch's type fits, a single type error
     * listing every type the branches allow.
     */
    static List<Issue> collapse(List<Issue> issues) {
        return collapse(issues, "");
    }

    private static List<Issue> collapse(List<Issue> issues, String within) {
        Map<String, List<Issue>> groups = new LinkedHashMap<>();
        List<Issue> out = new ArrayList<>();
        for (Issue i : issues) {
            String c = i.combinator(within);
            boolean own = i.keyword().equals("oneOf") || i.keyword().equals("anyOf");
            if (c == null && !own) {
                out.add(i);
            } else {
                groups.computeIfAbsent(c != null ? c : i.evaluationPath(), k -> new ArrayList<>()).add(i);
            }
        }
        for (Map.Entry<String, List<Issue>> g : groups.entrySet()) {
            out.addAll(collapseGroup(g.getKey(), g.getValue()));
        }
        return out;
    }

    private static List<Issue> collapseGroup(String combinator, List<Issue> group) {
        Map<Integer, List<Issue>> branches = new LinkedHashMap<>();
        Issue own = null;
        NodePath root = null;
        for (Issue i : group) {
            int b = i.branch(combinator);
            if (b < 0) {
                own = i;
            } else {
                branches.computeIfAbsent(b, k -> new ArrayList<>()).add(i);
            }
            if (root == null || i.location().getNameCount() < root.getNameCount()) {
                root = i.location();
            }
        }
        if (own != null) {
            root = own.location();
        }
        int best = -1;
        for (Map.Entry<Integer, List<Issue>> b : branches.entrySet()) {
            NodePath at = root;
            boolean typeFits = b.getValue().stream().noneMatch(i -> i.location().equals(at) && mismatch(i));
            if (typeFits && (best < 0 || b.getValue().size() < branches.get(best).size())) {
                best = b.getKey();
            }
        }
        if (best >= 0) {
            return collapse(branches.get(best), combinator + "/" + best);
        }
        Issue first = own != null ? own : group.get(0);
        if (branches.isEmpty()) {
            return List.of(first);
        }
        // no branch takes a value of this type: one type error naming every type the branches allow
        Set<String> types = new LinkedHashSet<>();
        for (List<Issue> errors : branches.values()) {
            for (Issue i : errors) {
                if (i.keyword().equals("type") && i.location().equals(root)) {
                    if (i.schemaNode().isArray()) {
                        i.schemaNode().forEach(t -> types.add(t.asString()));
                    } else {
                        types.add(i.schemaNode().asString());
                    }
                }
            }
        }
        var allowed = JsonNodeFactory.instance.arrayNode();
        types.forEach(allowed::add);
        return List.of(new Issue("type", root, null, combinator, first.schemaPointer(), allowed, first.instance(),
                first.message()));
    }

    /** True when an issue says the value is of a kind the branch does not take at all. */
    private static boolean mismatch(Issue i) {
        if (i.keyword().equals("type")) {
            return true;
        }
        if ((i.keyword().equals("enum") || i.keyword().equals("const")) && i.instance() != null) {
            JsonNode allowed = i.schemaNode();
            if (!allowed.isArray()) {
                return allowed.getNodeType() != i.instance().getNodeType();
            }
            for (JsonNode v : allowed) {
                if (v.getNodeType() == i.instance().getNodeType()) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Turns the errors of one file into findings. */
    private final class Reading {
        private final YamlFile file;
        private final YamlMapping root;

        Reading(YamlFile file, YamlMapping root) {
            this.file = file;
            this.root = root;
        }

        List<Finding> findings(List<Issue> issues) {
            // one issue per place and problem, in the order of the instance
            Map<String, Placed> byPlace = new LinkedHashMap<>();
            issues.sort(Comparator.comparing((Issue i) -> i.location().toString())
                    .thenComparingInt(ConfigSchema::rank));
            for (Issue i : issues) {
                String property = i.keyword().equals("additionalProperties") || i.keyword().equals("required")
                        ? i.property() : null;
                YamlJson.Target target = YamlJson.locate(root, i.location(),
                        i.keyword().equals("additionalProperties") ? i.property() : null);
                if (unseen(i, target, property)) {
                    continue;
                }
                byPlace.putIfAbsent(i.location() + "\u0000" + (property == null ? "" : property),
                        new Placed(i, target));
            }
            // a top-level key that looks like a misspelt global keyword: one finding at the key
            Map<String, String> typos = globalTypos();
            List<Placed> kept = new ArrayList<>();
            for (Placed p : byPlace.values()) {
                String top = p.target.segments().isEmpty() ? null : String.valueOf(p.target.segments().get(0));
                if (top == null || !typos.containsKey(top)) {
                    kept.add(p);
                }
            }
            List<Finding> out = new ArrayList<>();
            typos.forEach((key, global) -> {
                YamlEntry e = root.entry(key).orElseThrow();
                out.add(finding("unknown global keyword \"" + key + "\"; did you mean \"" + global + "\"?",
                        Location.of(file, e.key())));
            });
            // the same node reached from several jobs (a merge key, an alias): one finding naming them
            Map<String, List<Placed>> byText = new LinkedHashMap<>();
            for (Placed p : kept) {
                String key = Location.of(file, p.target.at()) + "\u0000" + p.issue.keyword() + "\u0000"
                        + p.issue.property();
                byText.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
            for (List<Placed> same : byText.values()) {
                Placed first = same.get(0);
                TreeSet<String> others = new TreeSet<>();
                for (Placed p : same.subList(1, same.size())) {
                    if (!p.target.segments().isEmpty()) {
                        others.add(String.valueOf(p.target.segments().get(0)));
                    }
                }
                if (!first.target.segments().isEmpty()) {
                    others.remove(String.valueOf(first.target.segments().get(0)));
                }
                String also = others.isEmpty() ? "" : " (also in \"" + String.join("\", \"", others) + "\")";
                out.add(finding(message(first) + also, Location.of(file, first.target.at())));
            }
            return out;
        }

        /**
         * True for issues not to report: on a {@code !reference} placeholder or an interpolated value, about an
         * interpolated key, on a null mapping value.
         */
        private boolean unseen(Issue i, YamlJson.Target target, String property) {
            if (property != null && property.contains("$[[")) {
                return true;
            }
            YamlNode node = target.node();
            if (node == null) {
                return i.keyword().equals("additionalProperties") && target.key() == null;
            }
            YamlNode r = node.resolved();
            if (REFERENCE_TAG.equals(r.tag()) || r instanceof YamlScalar s && s.value().contains("$[[")) {
                return true;
            }
            // GitLab reads "key:" with no value as the keyword left unset
            return r.isNull() && !i.keyword().equals("additionalProperties") && !i.keyword().equals("required")
                    && file.parentOf(node) instanceof YamlMapping;
        }

        /**
         * Top-level keys within two edits of a global keyword that cannot be jobs: not a mapping, or a mapping with
         * errors, or one with none of {@code script}, {@code run}, {@code trigger}, {@code extends}.
         */
        private Map<String, String> globalTypos() {
            Map<String, String> out = new LinkedHashMap<>();
            List<String> globals = keywords("");
            for (Map.Entry<String, YamlEntry> e : root.effective().entrySet()) {
                String key = e.getKey();
                if (key.startsWith(".") || globals.contains(key)) {
                    continue;
                }
                String near = nearest(key, globals);
                if (near == null) {
                    continue;
                }
                YamlNode value = e.getValue().value().resolved();
                boolean jobLike = value instanceof YamlMapping m && m.effective().keySet().stream()
                        .anyMatch(JOB_BODY::contains);
                if (!jobLike) {
                    out.put(key, near);
                }
            }
            return out;
        }

        private String message(Placed p) {
            Issue i = p.issue;
            List<Object> segments = p.target.segments();
            String path = path(segments);
            String where = path.isEmpty() ? "" : path + ": ";
            YamlNode node = p.target.node();
            switch (i.keyword()) {
                case "additionalProperties": {
                    String parent = parentPointer(i.schemaPointer());
                    List<String> allowed = keywords(parent);
                    if (parent.equals("/$defs/default") && keywords("/$defs/job").contains(i.property())) {
                        return where + "keyword \"" + i.property() + "\" cannot have a default; set it in each job";
                    }
                    String hint = nestedHint(parent, i.property());
                    if (hint.isEmpty()) {
                        hint = hint(i.property(), allowed);
                    }
                    if (hint.isEmpty() && !allowed.isEmpty() && allowed.size() <= MAX_LISTED) {
                        hint = "; expected one of " + String.join(", ", allowed);
                    }
                    boolean job = parent.equals("/$defs/job");
                    return where + "unknown " + (job ? "job " : "") + "keyword \"" + i.property() + "\"" + hint;
                }
                case "required":
                    return where + "missing required keyword \"" + i.property() + "\"";
                case "type": {
                    JsonNode site = schema(parentPointer(i.schemaPointer()));
                    if (site.path("enum").isArray()) {
                        return where + enumProblem(site.path("enum"), i, node);
                    }
                    String found = found(i.instance(), node);
                    if (segments.size() == 1 && i.schemaPointer().startsWith("/$defs/job/")) {
                        return "job \"" + segments.get(0) + "\" must be a mapping of job keywords, found " + found;
                    }
                    List<String> types = new ArrayList<>();
                    if (i.schemaNode().isArray()) {
                        i.schemaNode().forEach(t -> types.add(t.asString()));
                    } else {
                        types.add(i.schemaNode().asString());
                    }
                    String hint = "";
                    String text = node == null ? null : node.scalarValue();
                    if (types.equals(List.of("array")) && i.instance().isString() && text != null) {
                        hint = "; write it as a list: [" + quoted(text) + "]";
                    } else if (types.contains("string") && (i.instance().isNumber() || i.instance().isBoolean())
                            && text != null) {
                        hint = "; quote it to keep it a string: " + quoted(text);
                    }
                    return where + "expected " + typeNames(types) + ", found " + found + hint;
                }
                case "enum":
                case "const":
                    return where + enumProblem(i.schemaNode(), i, node);
                case "maximum":
                    return where + valueText(i, node) + " is more than the maximum of " + number(i.schemaNode());
                case "minimum":
                    return where + valueText(i, node) + " is less than the minimum of " + number(i.schemaNode());
                case "maxItems":
                    return where + i.instance().size() + " items, more than the maximum of "
                            + number(i.schemaNode());
                case "minItems":
                    return where + i.instance().size() + " items, fewer than the minimum of "
                            + number(i.schemaNode());
                case "pattern": {
                    JsonNode site = schema(parentPointer(i.schemaPointer()));
                    if (site.path("enum").isArray()) {
                        return where + enumProblem(site.path("enum"), i, node);
                    }
                    JsonNode described = site.path("description");
                    return where + (described.isString() ? "expected " + described.asString() + ", found "
                            + valueText(i, node) : valueText(i, node) + " does not match " + i.schemaNode().asString());
                }
                default:
                    return where + lowerFirst(i.message().get());
            }
        }

        /** {@code unexpected value "x"; did you mean "y"?} or {@code ...; expected one of a, b, c}. */
        private String enumProblem(JsonNode values, Issue i, YamlNode node) {
            List<String> allowed = new ArrayList<>();
            if (values.isArray()) {
                values.forEach(v -> allowed.add(v.asString()));
            } else {
                allowed.add(values.asString());
            }
            String text = node == null ? null : node.scalarValue();
            String value = text != null ? quoted(text) : found(i.instance(), node);
            String hint = text != null ? hint(text, allowed) : "";
            if (!hint.isEmpty()) {
                return "unexpected value " + value + hint;
            }
            return "unexpected value " + value + "; expected " + (allowed.size() == 1 ? "" : "one of ")
                    + String.join(", ", allowed);
        }

        private Finding finding(String message, Location at) {
            return ConfigSchema.this.finding(message, at, null);
        }
    }

    private record Placed(Issue issue, YamlJson.Target target) {
    }

    /** Earlier wins among issues at one place: the shape before the details. */
    private static int rank(Issue i) {
        return switch (i.keyword()) {
            case "type" -> 0;
            case "additionalProperties", "required" -> 1;
            case "enum", "const" -> 2;
            default -> 3;
        };
    }

    /** The keywords the schema object at {@code pointer} allows (its {@code properties}), in written order. */
    static List<String> keywords(String pointer) {
        List<String> out = new ArrayList<>();
        schema(pointer).path("properties").propertyNames().forEach(out::add);
        return out;
    }

    /** The schema object at a JSON pointer into the schema file, following a {@code $ref} it holds. */
    private static JsonNode schema(String pointer) {
        JsonNode node = Holder.TREE.at(pointer);
        for (int hops = 0; hops < 8 && node.path("$ref").isString() && !node.has("properties"); hops++) {
            String ref = node.path("$ref").asString();
            node = ref.startsWith("#") ? Holder.TREE.at(ref.substring(1)) : node;
        }
        return node;
    }

    /**
     * {@code ; did you mean "docker: platform"?} when an unknown key is a keyword of one of the object's own
     * keywords (written one level too high), or empty.
     */
    private static String nestedHint(String pointer, String property) {
        List<String> owners = new ArrayList<>();
        for (String own : keywords(pointer)) {
            String at = pointer + "/properties/" + own;
            if (keywords(at).contains(property)) {
                owners.add("\"" + own + ": " + property + "\"");
            }
        }
        return owners.isEmpty() || owners.size() > 3 ? "" : "; did you mean " + String.join(" or ", owners) + "?";
    }

    private static String parentPointer(String pointer) {
        int slash = pointer.lastIndexOf('/');
        return slash <= 0 ? "" : pointer.substring(0, slash);
    }

    /** {@code ; did you mean "x"?} for the nearest candidate within two edits, or empty. */
    static String hint(String word, List<String> candidates) {
        String near = nearest(word, candidates);
        return near == null ? "" : "; did you mean \"" + near + "\"?";
    }

    /** The candidate nearest to {@code word}, at most two edits away and fewer edits than its length; or null. */
    static String nearest(String word, List<String> candidates) {
        return Spelling.nearest(word, candidates, Math.min(2, word.length() - 1));
    }

    /** {@code build.image.pull_policy[1]}; keys holding {@code .}, brackets, quotes or spaces in {@code ["..."]}. */
    static String path(List<Object> segments) {
        StringBuilder b = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                b.append('[').append(i).append(']');
            } else {
                String key = String.valueOf(s);
                if (key.isEmpty() || key.chars().anyMatch(c -> c == '.' || c == '[' || c == ']' || c == '"'
                        || Character.isWhitespace(c))) {
                    b.append("[\"").append(key.replace("\"", "\\\"")).append("\"]");
                } else {
                    b.append(b.length() == 0 ? "" : ".").append(key);
                }
            }
        }
        return b.toString();
    }

    private static String typeNames(List<String> types) {
        List<String> names = new ArrayList<>();
        for (String t : types) {
            names.add(switch (t) {
                case "string" -> "a string";
                case "integer" -> "an integer";
                case "number" -> "a number";
                case "boolean" -> "a boolean";
                case "array" -> "a list";
                case "object" -> "a mapping";
                default -> t;
            });
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** What the value is, for "found ...": {@code a string "cloud"}, {@code a list}. */
    private static String found(JsonNode instance, YamlNode node) {
        String text = node == null ? null : node.scalarValue();
        if (instance == null || instance.isNull()) {
            return "null";
        }
        String kind = instance.isString() ? "a string" : instance.isIntegralNumber() ? "an integer"
                : instance.isNumber() ? "a number" : instance.isBoolean() ? "a boolean" : instance.isArray()
                ? "a list" : "a mapping";
        if (instance.isContainer()) {
            return kind;
        }
        return kind + " " + quoted(text != null ? text : instance.asString());
    }

    private static String valueText(Issue i, YamlNode node) {
        String text = node == null ? null : node.scalarValue();
        return quoted(text != null ? text : i.instance().asString());
    }

    private static String number(JsonNode n) {
        return n.isIntegralNumber() ? String.valueOf(n.asLong()) : n.asString();
    }

    /** A user value in double quotes, on one line, cut at 60 characters. */
    static String quoted(String value) {
        String v = value.strip().replace("\r\n", "\n");
        int nl = v.indexOf('\n');
        boolean cut = nl >= 0 || v.codePointCount(0, v.length()) > MAX_VALUE_LENGTH;
        if (nl >= 0) {
            v = v.substring(0, nl);
        }
        if (v.codePointCount(0, v.length()) > MAX_VALUE_LENGTH) {
            v = v.substring(0, v.offsetByCodePoints(0, MAX_VALUE_LENGTH));
        }
        return "\"" + v.replace("\"", "\\\"") + (cut ? "..." : "") + "\"";
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? "invalid value" : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** The text of a {@code !reference [a, b]} sequence for its placeholder. */
    private static String referenceText(YamlNode node) {
        if (node instanceof YamlSequence seq) {
            List<String> parts = new ArrayList<>();
            seq.items().forEach(i -> parts.add(String.valueOf(i.scalarValue())));
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(node.scalarValue());
    }
}
