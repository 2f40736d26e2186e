package dev.spotlane.cli;

import dev.spotlane.gitlab.Backoff;
import dev.spotlane.gitlab.FileProposal;
import dev.spotlane.gitlab.GitLabClient;
import dev.spotlane.gitlab.GitLabException;
import dev.spotlane.gitlab.Secret;
import dev.spotlane.yaml.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spotlane propose}: one file proposed as one merge request, updated in place on every run. */
@Command(name = "propose", sortOptions = false,
        description = {"Propose one file of a project as one merge request from the bot's own branch, with the"
                + " cutover bot's machinery: a later run updates the same merge request (a new commit only when the"
                + " content differs), a file the default branch already holds as proposed writes nothing, and a"
                + " branch holding someone else's commits is never overwritten.",
                "The AMI bake proposes its refreshed ci/ami/images.txt this way.",
                "Exit 0 when proposed, updated or unchanged, 1 when someone else's work stopped the bot or GitLab"
                        + " failed, 2 for bad usage."})
final class ProposeCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    /** Where the token and CI variables are read from; tests replace it. */
    static Function<String, String> environment = System::getenv;
    /** How API requests are retried; tests replace it with one that does not sleep. */
    static Supplier<Backoff> backoff = Backoff::standard;
    /** The largest file proposed (GitLab's own limits are far larger; an images list is a few kilobytes). */
    static final long MAX_BYTES = 1 << 20;

    @Spec
    CommandSpec spec;

    @Mixin
    GitLabOptions gitlab;

    @Option(names = "--project", paramLabel = "PATH",
            description = "The project, e.g. platform/spotlane (default: $CI_PROJECT_PATH).")
    String project;

    @Option(names = "--file", paramLabel = "PATH", required = true,
            description = "The file's path in the repository, e.g. ci/ami/images.txt.")
    String file;

    @Option(names = "--from", paramLabel = "FILE",
            description = "The local file holding the proposed content (default: --file, from the current directory).")
    Path from;

    @Option(names = "--branch", paramLabel = "NAME", required = true,
            description = "The bot's own branch, the only one it writes to, e.g. spotlane/ami-images.")
    String branch;

    @Option(names = "--title", paramLabel = "TEXT", required = true, description = "The merge request's title.")
    String title;

    @Option(names = "--description", paramLabel = "TEXT", defaultValue = "",
            description = "The merge request's description.")
    String description;

    @Option(names = "--labels", split = ",", paramLabel = "LABEL", description = "Labels for a new merge request.")
    List<String> labels = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String url = GitLabOptions.url(gitlab.given() ? gitlab.gitlabUrl : required("CI_SERVER_URL", "--gitlab-url"));
        String path = project != null ? project.strip() : required("CI_PROJECT_PATH", "--project");
        String repoPath = file.strip().replace('\\', '/');
        if (repoPath.isEmpty() || repoPath.startsWith("/") || List.of(repoPath.split("/")).contains("..")) {
            throw new UserError("spotlane: --file must be a relative path inside the repository, got \"" + file
                    + "\"");
        }
        Path local = from != null ? from : Path.of(repoPath);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(SafeFiles.read(local, PipelineFiles.display(local), MAX_BYTES)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new UserError(PipelineFiles.display(local) + ": no such file or directory");
        } catch (CharacterCodingException e) {
            throw new UserError(PipelineFiles.display(local) + ": not UTF-8 text");
        }
        Secret token = gitlab.token(environment);
        FileProposal.Request request;
        try {
            request = new FileProposal.Request(path, repoPath, text, branch.strip(), title.strip(), description,
                    labels.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            throw new UserError("spotlane: " + e.getMessage());
        }
        FileProposal.Result result;
        try (GitLabClient client = GitLabClient.connect(url, token, backoff.get())) {
            result = new FileProposal(client).propose(request);
        } catch (GitLabException e) {
            err.println("spotlane: " + path + ": " + e.getMessage());
            return ExitCode.FINDINGS;
        }
        err.println("spotlane: " + path + ": " + result.outcome().label() + " (" + result.detail() + ")");
        if (result.url() != null) {
            out.println(result.url());
        }
        out.flush();
        return result.outcome() == FileProposal.Outcome.REFUSED ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private static String required(String variable, String option) {
        String v = environment.apply(variable);
        if (v == null || v.isBlank()) {
            throw new UserError("spotlane: " + option + " is required outside GitLab CI (" + variable
                    + " is not set)");
        }
        return v.strip();
    }
}
