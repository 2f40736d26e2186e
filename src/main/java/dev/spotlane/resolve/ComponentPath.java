package dev.spotlane.resolve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code include:component} path, {@code host/group/project/name@ref}, with the variables GitLab expands in it
 * ({@code $CI_SERVER_FQDN/$CI_PROJECT_PATH/my-component@$CI_COMMIT_SHA} for a project's own components). Variables
 * spotlane does not know stay as written, so the path can say what is missing.
 *
 * @param written the path as written
 * @param host    the host, expanded
 * @param project the project path, expanded
 * @param name    the component's name
 * @param ref     what follows {@code @}, expanded (null without one)
 */
record ComponentPath(String written, String host, String project, String name, String ref) {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.-]+)?");

    /** Parses a component path after expanding the known variables; empty when it has no project and name. */
    static Optional<ComponentPath> parse(String written, Map<String, String> variables) {
        String expanded = expand(written, variables);
        int at = expanded.lastIndexOf('@');
        String path = at < 0 ? expanded : expanded.substring(0, at);
        String ref = at < 0 ? null : expanded.substring(at + 1);
        int first = path.indexOf('/');
        int last = path.lastIndexOf('/');
        if (first <= 0 || last <= first || last == path.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ComponentPath(written, path.substring(0, first), path.substring(first + 1, last),
                path.substring(last + 1), ref));
    }

    /** {@code $NAME} and {@code ${NAME}} replaced where known; bounded by the text's length. */
    static String expand(String text, Map<String, String> variables) {
        if (text.indexOf('$') < 0 || variables.isEmpty()) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = variables.get(name);
            m.appendReplacement(b, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The first variable left unexpanded in the project path, if any. */
    Optional<String> unknownProjectVariable() {
        Matcher m = VARIABLE.matcher(project);
        return m.find() ? Optional.of(m.group(1) != null ? m.group(1) : m.group(2)) : Optional.empty();
    }

    /**
     * True when the path names the project being resolved: its project is {@code $CI_PROJECT_PATH} (unknown here,
     * so it stands for this project), or the {@code CI_PROJECT_PATH} the user gave.
     */
    boolean ofThisProject(Map<String, String> variables) {
        String self = variables.get("CI_PROJECT_PATH");
        return project.equals("$CI_PROJECT_PATH") || project.equals("${CI_PROJECT_PATH}")
                || self != null && project.equals(self);
    }

    /**
     * The values of {@code $[[ component.x ]]} (GitLab 18.6, MRs 206183 and 208965): {@code name}, {@code reference}
     * as written after {@code @}, {@code sha} when the reference is a commit SHA, {@code version} when it is a full
     * semantic version and empty (nil) for a SHA or a branch. A value only GitLab can know (the SHA of a tag, the
     * version {@code ~latest} or {@code 1.0} stands for) is {@link Interpolator#UNSET}: its block stays as written.
     */
    Map<String, Object> context() {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean known = ref != null && !ref.contains("$");
        out.put("name", name);
        out.put("reference", known ? ref : Interpolator.UNSET);
        boolean sha = known && SHA.matcher(ref).matches();
        out.put("sha", sha ? ref : Interpolator.UNSET);
        Object version;
        if (!known || ref.startsWith("~") || ref.matches("\\d+(\\.\\d+)?")) {
            version = Interpolator.UNSET;
        } else if (SEMVER.matcher(ref).matches()) {
            version = ref;
        } else {
            version = null;
        }
        out.put("version", version);
        return out;
    }
}
