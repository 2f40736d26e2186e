package dev.spotlane.cli;

import dev.spotlane.Spotlane;
import dev.spotlane.policy.Policy;
import dev.spotlane.policy.PolicyException;
import dev.spotlane.policy.RulesSource;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.policy.RulesChain;
import dev.spotlane.yaml.SafeFiles;
import dev.spotlane.yaml.Source;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads the rules for a command, the one way every command does (issue 16: {@link Spotlane#policy(Path, Path,
 * dev.spotlane.policy.RulesSource, java.util.function.Consumer)}); a bad rules file is a {@link UserError} listing
 * every problem. Central rules ({@code extends: {project, file, ref}}) are read with {@code --gitlab-url} and the
 * access token {@code --token-env} names when given, else in CI with {@code CI_API_V4_URL} and {@code CI_JOB_TOKEN};
 * what could not be read is said once on stderr. That is a warning (the exit code stays the findings') when the
 * source came from the CI environment, so a fork's merge request pipeline, whose job token cannot read the central
 * project, still lints with the bundled rules; it is an error (exit 2) when {@code --gitlab-url} asked for it.
 */
final class RulesFiles {
    private RulesFiles() {
    }

    static Policy load(Path rules, Path repoRoot) {
        return load(rules, repoRoot, null, System::getenv, System.err);
    }

    /** As {@link #load(Path, Path)}, with the GitLab options (null: none), the environment and the notice stream. */
    static Policy load(Path rules, Path repoRoot, GitLabOptions gitlab, Function<String, String> env, PrintStream err) {
        return load(rules, null, repoRoot, gitlab, env, err);
    }

    /**
     * Central rules named on the command line ({@code --rules-project}, {@code --rules-file}, {@code --rules-ref}):
     * the rules of a repository without a rules file of its own.
     */
    record Central(String project, String file, String ref) {
        static final String NAME = "--rules-project";

        String where() {
            return project + ":" + file + (ref == null || ref.isBlank() ? "" : "@" + ref);
        }
    }

    /** As {@link #load(Path, Path)}, with central rules by name (null: none) for a repository without rules. */
    static Policy load(Path rules, Central central, Path repoRoot, GitLabOptions gitlab, Function<String, String> env,
                       PrintStream err) {
        return withSource(rules, gitlab, env, err, (source, notices) -> {
            if (useCentral(rules, central, repoRoot, notices)) {
                RulesChain.Result r = RulesChain.loadCentral(central.project(), central.file(), central.ref(),
                        Central.NAME + " " + central.where(), repoRoot, source);
                notices.addAll(r.notices());
                return Spotlane.withPlatforms(r.policy(), repoRoot, true);
            }
            return Spotlane.policy(repoRoot, rules, source, notices::add);
        });
    }

    /**
     * Whether the central rules named on the command line apply: only when neither {@code --rules} nor the
     * repository's {@code .spotlane.yml} is there (a {@code .spotlane.yml} that does not extend them is said).
     */
    private static boolean useCentral(Path rules, Central central, Path repoRoot, List<String> notices)
            throws IOException {
        if (central == null || central.project() == null || central.project().isBlank()) {
            return false;
        }
        Path own = repoRoot.resolve(Spotlane.REPO_RULES);
        if (rules == null && !Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        Path file = rules != null ? rules : own;
        if (Files.isRegularFile(file) && Files.size(file) <= RulesChain.MAX_BYTES
                && !new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8)
                .contains(central.project())) {
            notices.add(PipelineFiles.display(file) + " is used, not " + Central.NAME + " " + central.where()
                    + ": a rules file that should build on the central rules says extends: {project: "
                    + central.project() + ", file: " + central.file() + "}");
        }
        return false;
    }

    /** The effective rules as {@code spotlane rules --effective} prints them. */
    record Effective(String yaml, String json) {
    }

    /** The merged rules with the origin of each value, read as {@link #load} reads them. */
    static Effective effective(Path rules, Central central, Path repoRoot, GitLabOptions gitlab,
                               Function<String, String> env, PrintStream err) {
        RulesChain.Result r = withSource(rules, gitlab, env, err, (source, notices) -> {
            Path own = repoRoot.resolve(Spotlane.REPO_RULES);
            RulesChain.Result result;
            if (useCentral(rules, central, repoRoot, notices)) {
                result = RulesChain.loadCentral(central.project(), central.file(), central.ref(),
                        Central.NAME + " " + central.where(), repoRoot, source);
            } else if (rules == null && !Files.exists(own, LinkOption.NOFOLLOW_LINKS)) {
                result = RulesChain.load(new Source(PolicyLoader.BUNDLED, PolicyLoader.bundledText()),
                        PolicyLoader.BUNDLED, repoRoot, null, RulesChain.disk(repoRoot.toRealPath()), source);
            } else {
                if (rules == null) {
                    SafeFiles.confine(repoRoot, own, PipelineFiles.display(own));
                }
                Path file = rules != null ? rules : own;
                result = RulesChain.load(file, shown(file), repoRoot, source);
            }
            notices.addAll(result.notices());
            return result;
        });
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("rules", r.merged());
        ObjectNode origins = json.putObject("origins");
        r.tracked().origins().forEach((ptr, at) -> {
            if (!r.tracked().merged().contains(ptr)) {
                origins.put(ptr, at.toString());
            }
        });
        return new Effective(r.effective(), json.toPrettyString() + "\n");
    }

    /** A path as the user sees it: relative to the current directory when under it. */
    private static String shown(Path file) {
        Path here = Path.of("").toAbsolutePath().normalize();
        Path abs = file.toAbsolutePath().normalize();
        return PipelineFiles.display(abs.startsWith(here) ? here.relativize(abs) : file);
    }

    /** What a rules read needs: the source of central rules and a list for its notices. */
    private interface Read<T> {
        T apply(RulesSource source, List<String> notices) throws IOException, PolicyException;
    }

    private static <T> T withSource(Path rules, GitLabOptions gitlab, Function<String, String> env, PrintStream err,
                                    Read<T> read) {
        boolean explicit = gitlab != null && gitlab.given();
        List<String> notices = new ArrayList<>();
        T result;
        try (Lazy source = new Lazy(() -> CentralRulesSources.source(gitlab, env))) {
            result = read.apply(source, notices);
        } catch (NoSuchFileException e) {
            throw new UserError((rules != null ? PipelineFiles.display(rules) : e.getFile())
                    + ": no such file or directory");
        } catch (IOException e) {
            throw new UserError(e.getMessage());
        } catch (PolicyException e) {
            throw new UserError(e.getMessage());
        }
        if (explicit && !notices.isEmpty()) {
            throw new UserError(String.join("\n", notices.stream().map(n -> "spotlane: " + n).toList()));
        }
        notices.forEach(n -> err.println("spotlane: " + n));
        return result;
    }

    /**
     * A source made on its first read, so that a command whose rules extend nothing never needs a token nor loads
     * the GitLab client ({@code StartupClassesTest}).
     */
    private static final class Lazy implements RulesSource, AutoCloseable {
        private final Supplier<RulesSource> make;
        private RulesSource made;
        private boolean tried;

        Lazy(Supplier<RulesSource> make) {
            this.make = make;
        }

        @Override
        public String read(String project, String file, String ref) throws IOException, Unavailable {
            if (!tried) {
                tried = true;
                made = make.get();
            }
            if (made == null) {
                throw new Unavailable("no GitLab URL or token: in CI spotlane uses CI_API_V4_URL and CI_JOB_TOKEN,"
                        + " outside give --gitlab-url and --token-env");
            }
            return made.read(project, file, ref);
        }

        @Override
        public void close() {
            if (made instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing an HTTP client: nothing the user can act on
                }
            }
        }
    }

}
