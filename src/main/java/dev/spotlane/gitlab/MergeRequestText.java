package dev.spotlane.gitlab;

import dev.spotlane.lint.Finding;
import dev.spotlane.policy.Policy;
import dev.spotlane.transform.Decision;
import dev.spotlane.transform.FixResult;
import dev.spotlane.transform.ImageNote;
import dev.spotlane.transform.Router;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The words of a cutover merge request: title, commit message and a description written for the reviewer. Every
 * text depends only on the change itself (no dates, no commit ids), so a rerun over the same content produces the
 * same text and writes nothing.
 */
final class MergeRequestText {
    static final String TITLE = "Route CI jobs to the ARM spot runners";
    /** Marks descriptions the bot wrote. */
    static final String MARKER = "<!-- spotlane cutover -->";

    private MergeRequestText() {
    }

    static String title(boolean draft) {
        return draft ? "Draft: " + TITLE : TITLE;
    }

    static String commitMessage(FixResult fix) {
        List<Decision> moved = moved(fix);
        long images = set(fix).size();
        StringBuilder b = new StringBuilder("ci: route jobs to the ARM spot runners (spotlane cutover)\n\n");
        b.append(moved.isEmpty() ? "Moves no job" : "Moves " + count(moved.size(), "job") + " ("
                + perClass(moved) + ")");
        b.append(images == 0 ? "" : " and gives " + count(images, "image") + " a pull_policy");
        b.append(", per ").append(fix.policy().source()).append(".\n");
        return b.toString();
    }

    static String description(FixResult fix, List<Finding> remaining) {
        Policy policy = fix.policy();
        StringBuilder b = new StringBuilder();
        List<dev.spotlane.transform.CacheNote> cached = fix.cache().stream()
                .filter(dev.spotlane.transform.CacheNote::rewritten).toList();
        b.append("This merge request routes this project's CI jobs to the AWS ARM spot runners. It was opened by"
                + " `spotlane cutover` and changes only job `tags:` and image `pull_policy:`"
                + (cached.isEmpty() ? "" : ", and points " + count(cached.size(), "Docker Hub image") + " of jobs that"
                        + " run only on the cloud fleet at the ECR pull-through cache (same image, tag and digest)")
                + "; spotlane resolved the pipeline again after the edit to prove that nothing else changed.\n\n");
        var routing = policy.routing();
        b.append("**Policy:** ").append(code(routing.mode().label())).append(" routing from ")
                .append(code(policy.source())).append(". Moved jobs carry ").append(code(routing.cloudTag()))
                .append(routing.localTags().isEmpty() ? "" : " and lose the local tags "
                        + routing.localTags().stream().map(MergeRequestText::code).collect(Collectors.joining(", ")))
                .append(". Images pinned by digest get ").append(code("pull_policy: " + policy.images().pinned()))
                .append(", images with a tag only get ").append(code("pull_policy: " + policy.images().unpinned()))
                .append(".\n");

        List<Decision> moved = moved(fix);
        b.append("\n### Jobs moved (").append(moved.size()).append(")\n\n");
        if (moved.isEmpty()) {
            b.append("None.\n");
        } else {
            b.append("| Job | Old tags | New tags | Class |\n| --- | --- | --- | --- |\n");
            for (Decision d : moved) {
                b.append("| ").append(code(d.job())).append(" | ").append(tags(d.from())).append(" | ")
                        .append(tags(d.to())).append(" | ").append(code(d.className())).append(" |\n");
            }
        }

        List<ImageNote> set = set(fix);
        b.append("\n### Images given a pull_policy (").append(set.size()).append(")\n\n");
        if (set.isEmpty()) {
            b.append("None.\n");
        } else {
            b.append("| Where | Image | pull_policy |\n| --- | --- | --- |\n");
            for (ImageNote i : set) {
                b.append("| ").append(code(i.location().toString())).append(" | ").append(code(i.ref()))
                        .append(" | ").append(code(i.policy())).append(" |\n");
            }
        }

        List<Decision> kept = fix.decisions().stream().filter(d -> d.outcome() == Decision.Outcome.KEEP).toList();
        b.append("\n### Jobs left where they are (").append(kept.size()).append(")\n\n");
        if (kept.isEmpty()) {
            b.append("None.\n");
        } else {
            b.append("| Job | Why |\n| --- | --- |\n");
            for (Decision d : kept) {
                b.append("| ").append(code(d.job())).append(" | ").append(cell(d.reason())).append(" |\n");
            }
        }
        long compliant = fix.decisions().stream().filter(d -> d.outcome() == Decision.Outcome.COMPLIANT).count();
        long noRoute = fix.decisions().stream().filter(d -> d.outcome() == Decision.Outcome.NO_ROUTE).count();
        if (compliant > 0 || noRoute > 0) {
            b.append('\n').append(count(compliant, "job")).append(" already routed, ").append(count(noRoute, "job"))
                    .append(" matched by no route (left as they are).\n");
        }
        List<ImageNote> left = fix.images().stream().filter(i -> i.outcome() == ImageNote.Outcome.LEFT).toList();
        if (!left.isEmpty()) {
            b.append("\nImages left alone:\n\n");
            for (ImageNote i : left) {
                b.append("- ").append(code(i.location().toString())).append(' ').append(code(i.ref())).append(": ")
                        .append(i.reason()).append('\n');
            }
        }

        b.append("\n### Remaining lint findings (").append(remaining.size()).append(")\n\n");
        if (remaining.isEmpty()) {
            b.append("None: `spotlane lint` is clean after this change.\n");
        } else {
            b.append("This merge request does not fix these; `spotlane lint` reports them on the changed"
                    + " pipeline.\n\n");
            for (Finding f : remaining) {
                b.append("- ").append(code(f.location().toString())).append(' ').append(f.severity().label())
                        .append(": ").append(f.message()).append(" [").append(f.checkId()).append("]\n");
            }
        }

        b.append("\n### Keeping a job on the local runners\n\n")
                .append("Write `# ").append(Router.KEEP_LOCAL).append("` on the job's line, on the default branch:\n\n")
                .append("```yaml\ndeploy-prod:  # ").append(Router.KEEP_LOCAL)
                .append("\n  script: ./deploy.sh\n```\n\n")
                .append("The next run of the bot updates this merge request without that job. A commit pushed to this"
                        + " branch by anyone else stops the bot from updating it (it never overwrites other people's"
                        + " commits).\n\n")
                .append(MARKER);
        return b.toString();
    }

    private static List<Decision> moved(FixResult fix) {
        return fix.decisions().stream().filter(d -> d.outcome() == Decision.Outcome.MOVE).toList();
    }

    private static List<ImageNote> set(FixResult fix) {
        return fix.images().stream().filter(i -> i.outcome() == ImageNote.Outcome.SET).toList();
    }

    private static String perClass(List<Decision> moved) {
        Map<String, Integer> n = new TreeMap<>();
        moved.forEach(d -> n.merge(d.className(), 1, Integer::sum));
        return n.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String tags(List<String> tags) {
        return tags.isEmpty() ? "_(none)_"
                : tags.stream().map(MergeRequestText::code).collect(Collectors.joining(", "));
    }

    /** Inline code in a table cell: a backtick inside would end the span, a pipe would end the cell. */
    static String code(String text) {
        String t = text == null ? "" : text;
        String fence = t.contains("`") ? "``" : "`";
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return fence + pad + t.replace("|", "\\|").replace("\n", " ") + pad + fence;
    }

    static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
