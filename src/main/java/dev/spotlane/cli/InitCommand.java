package dev.spotlane.cli;

import dev.spotlane.Spotlane;
import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.GitLabClient;
import dev.spotlane.gitlab.GitLabException;
import dev.spotlane.gitlab.ProjectRunners;
import dev.spotlane.gitlab.Secret;
import dev.spotlane.policy.init.InitPlan;
import dev.spotlane.policy.init.KnownRunner;
import dev.spotlane.policy.init.RulesInit;
import dev.spotlane.transform.TagSurvey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code spotlane init}: a first {@code .spotlane.yml} that describes the runners the pipeline already uses. */
@Command(name = "init", sortOptions = false,
        description = {"Write a commented .spotlane.yml at the repository root: the tags the pipeline already uses,"
                + " split into the local runner's (routing.local_tags) and other runners' (routing.other_runners),"
                + " and the design's policy, classes, routes and fleet as defaults. Prints what it decided and why.",
                "With --gitlab-url and --project, the project's runners and their tags decide (read_api scope).",
                "Exit 0 when written, 2 when the file exists (without --force) or the input is bad."})
final class InitCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    /** Where the token is read from; tests replace it. */
    static Function<String, String> environment = System::getenv;
    /** How API requests are retried; tests replace it. */
    static Supplier<Backoff> backoff = Backoff::standard;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", defaultValue = ".",
            description = "A pipeline file, or a directory holding .gitlab-ci.yml (default: current directory).")
    Path path;

    @Option(names = "--root", paramLabel = "DIR",
            description = "The repository root, where .spotlane.yml is written (default: the nearest folder above"
                    + " the file holding .git, else the file's folder).")
    Path root;

    @Option(names = "--force", description = "Replace an existing .spotlane.yml.")
    boolean force;

    @Option(names = "--dry-run", description = "Print the file to stdout; write nothing.")
    boolean dryRun;

    @Mixin
    GitLabOptions gitlab;

    @Option(names = "--project", paramLabel = "PATH",
            description = "The GitLab project whose runners to read, e.g. group/app (with --gitlab-url).")
    String project;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (gitlab.given() != (project != null)) {
            throw new UserError("spotlane: --gitlab-url and --project go together (the project whose runners to"
                    + " read)");
        }
        Path file = PipelineFiles.locate(path);
        ResolveOptions resolve = new ResolveOptions();
        resolve.root = root;
        ResolveOptions.Loaded loaded = resolve.load(file, PipelineFiles.parse(file, resolve.rootFor(file)));
        Path target = loaded.root().resolve(Spotlane.REPO_RULES);
        String shown = PipelineFiles.display(root != null || !file.isAbsolute()
                ? Path.of("").toAbsolutePath().relativize(target.toAbsolutePath()) : target);
        if (!dryRun) {
            checkTarget(target, shown);
        }
        List<KnownRunner> runners = null;
        if (gitlab.given()) {
            String url = gitlab.url();
            Secret token = GitLabTokens.of(gitlab, environment);
            try (GitLabClient client = GitLabClient.connect(url, token, backoff.get())) {
                runners = ProjectRunners.read(client, project.strip());
            } catch (GitLabException e) {
                throw new UserError("spotlane: " + e.getMessage());
            }
            err.println("spotlane init: " + runners.size() + " runner(s) available to " + project.strip());
        }
        if (loaded.pipeline().hasErrors()) {
            err.println("spotlane init: warning: GitLab would reject this pipeline ("
                    + loaded.pipeline().errors().size() + " error(s), see spotlane lint); tags of the jobs it could"
                    + " resolve are used");
        }
        TagSurvey survey = TagSurvey.of(loaded.pipeline());
        InitPlan plan = RulesInit.plan(survey.uses(), runners, survey.unpinnedServices(),
                project == null ? null : project.strip());
        err.println("spotlane init: " + survey.uses().size() + " distinct tag set(s) in " + PipelineFiles.display(file)
                + (plan.decisions().isEmpty() ? ": no job carries tags" : ":"));
        err.print(plan.summary());
        if (dryRun) {
            spec.commandLine().getOut().print(plan.text());
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        try {
            if (force && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Spotlane.writeAtomically(target, plan.text());
            } else {
                Spotlane.createAtomically(target, plan.text());
            }
        } catch (FileAlreadyExistsException e) {
            throw new UserError(shown + ": already exists; --force replaces it");
        }
        err.println("wrote " + shown + " (policy, classes, routes and fleet: the bundled defaults); check it, then"
                + " run spotlane lint");
        return ExitCode.OK;
    }

    /** Refuses an existing file without --force, and anything but a regular file even with it. */
    private void checkTarget(Path target, String shown) {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new UserError(shown + ": exists and is not a regular file; spotlane init does not replace it");
        }
        if (!force) {
            throw new UserError(shown + ": already exists; --force replaces it");
        }
    }
}
