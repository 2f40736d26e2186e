package dev.spotlane.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * Image builds in a job's script lines: {@code docker build}, {@code docker buildx build}, {@code docker image build},
 * {@code buildah bud} / {@code buildah build}, {@code podman build} with {@code -t}/{@code --tag}, and kaniko's
 * {@code /kaniko/executor --destination}. Each build gives the references it writes and the platforms it asks for
 * ({@code --platform}, kaniko's {@code --custom-platform}; empty: the architecture of the runner that builds it).
 * Lines are split on {@code &&}, {@code ||}, {@code ;} and {@code |}; a backslash at the end of a line continues it.
 * Bounded: at most {@link #MAX_CHARS} characters of a job's script are read.
 */
final class BuildCommands {
    /** The most script text read per job. */
    static final int MAX_CHARS = 1 << 20;

    /** One build. */
    record Build(List<String> destinations, List<String> platforms) {
    }

    private BuildCommands() {
    }

    static List<Build> of(List<String> lines) {
        List<Build> out = new ArrayList<>();
        int budget = MAX_CHARS;
        for (String line : lines) {
            if (line == null || budget <= 0) {
                continue;
            }
            String text = line.length() > budget ? line.substring(0, budget) : line;
            budget -= text.length();
            if (mayBuild(text)) {
                out.addAll(parse(text));
            }
        }
        return out;
    }

    /**
     * False when {@code text} cannot hold a build, so that most script lines are not split into words at all: every
     * build has the word {@code build} or {@code bud}, or a tool whose path has {@code kaniko}, and the characters
     * of a word stand next to each other in the text once its quotes are taken out (only quotes that open or close
     * a quoted part are dropped between them; line continuations and separators split words).
     */
    static boolean mayBuild(String text) {
        String t = text.indexOf('"') < 0 && text.indexOf('\'') < 0 ? text
                : text.replace("\"", "").replace("'", "");
        return t.contains("build") || t.contains("bud") || t.contains("kaniko");
    }

    /** The builds in one script line, read command by command. */
    static List<Build> parse(String text) {
        List<Build> out = new ArrayList<>();
        for (String command : text.replace("\\\r\n", " ").replace("\\\n", " ").split("&&|\\|\\||;|\\||\n")) {
            Build b = build(words(command));
            if (b != null) {
                out.add(b);
            }
        }
        return out;
    }

    private static Build build(List<String> w) {
        int i = 0;
        while (i < w.size() && (w.get(i).equals("sudo") || w.get(i).equals("exec") || w.get(i).contains("=")
                && !w.get(i).startsWith("-"))) {
            i++; // sudo, exec, VAR=value prefixes
        }
        if (i >= w.size()) {
            return null;
        }
        String tool = w.get(i);
        String base = tool.substring(tool.lastIndexOf('/') + 1);
        boolean kaniko = tool.endsWith("/kaniko/executor") || base.equals("executor") && tool.contains("kaniko");
        int args;
        if (kaniko) {
            args = i + 1;
        } else if ((base.equals("docker") || base.equals("podman")) && at(w, i + 1, "build")) {
            args = i + 2;
        } else if (base.equals("docker") && (at(w, i + 1, "buildx") || at(w, i + 1, "image"))
                && at(w, i + 2, "build")) {
            args = i + 3;
        } else if (base.equals("buildah") && (at(w, i + 1, "bud") || at(w, i + 1, "build"))) {
            args = i + 2;
        } else {
            return null;
        }
        List<String> destinations = new ArrayList<>();
        List<String> platforms = new ArrayList<>();
        for (int k = args; k < w.size(); k++) {
            String a = w.get(k);
            String value = null;
            boolean dest = false;
            boolean platform = false;
            for (String flag : kaniko ? List.of("--destination", "-d") : List.of("--tag", "-t")) {
                if (a.equals(flag) && k + 1 < w.size()) {
                    value = w.get(++k);
                    dest = true;
                } else if (a.startsWith(flag + "=")) {
                    value = a.substring(flag.length() + 1);
                    dest = true;
                }
            }
            for (String flag : kaniko ? List.of("--custom-platform") : List.of("--platform")) {
                if (!dest && a.equals(flag) && k + 1 < w.size()) {
                    value = w.get(++k);
                    platform = true;
                } else if (!dest && a.startsWith(flag + "=")) {
                    value = a.substring(flag.length() + 1);
                    platform = true;
                }
            }
            if (dest && !value.isEmpty()) {
                destinations.add(value);
            } else if (platform) {
                for (String p : value.split(",")) {
                    if (!p.isBlank()) {
                        platforms.add(p.trim());
                    }
                }
            }
        }
        return destinations.isEmpty() ? null : new Build(destinations, platforms);
    }

    private static boolean at(List<String> w, int i, String word) {
        return i < w.size() && w.get(i).equals(word);
    }

    /** Shell-like words: whitespace separates, single and double quotes group (quotes removed). */
    static List<String> words(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder b = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    b.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (b.length() > 0 || any) {
                    out.add(b.toString());
                    b.setLength(0);
                    any = false;
                }
            } else {
                b.append(c);
            }
        }
        if (b.length() > 0 || any) {
            out.add(b.toString());
        }
        return out;
    }
}
