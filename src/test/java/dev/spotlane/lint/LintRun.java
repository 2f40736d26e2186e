package dev.spotlane.lint;

import dev.spotlane.Spotlane;
import dev.spotlane.images.AllowlistException;
import dev.spotlane.policy.Policy;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Lints a pipeline the way {@code spotlane lint} does, in process: parse, resolve with a
 * {@link CheckoutIncludeSource} rooted at the case folder, {@link Lint#run} with the AMI allowlist the rules name
 * (when the folder has it). Files are named relative to the working
 * directory (as the include source names them), and {@link #line} makes them relative to the case folder.
 */
final class LintRun {
    private LintRun() {
    }

    /** The case's own rules: {@code root/.spotlane.yml} when present, else the bundled rules. */
    static Policy policy(Path root) throws Exception {
        return Spotlane.policy(root, null);
    }

    /** Every finding for {@code root/mainPath}, sorted. */
    static List<Finding> lint(Path root, String mainPath, Policy policy) throws IOException {
        Path file = root.resolve(mainPath);
        ParseResult parsed = new YamlParser().parse(Source.read(file, display(file)));
        if (!parsed.ok()) {
            return Lint.syntaxError(parsed.error(), policy);
        }
        CheckoutIncludeSource source = new CheckoutIncludeSource(root);
        try {
            return Lint.run(new Resolver().resolve(parsed.file(), source, mainPath), policy, source, mainPath,
                    Map.of(), Lint.allowlist(policy, root));
        } catch (AllowlistException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path as CheckoutIncludeSource names it: relative to the working directory. */
    static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return Path.of("").toAbsolutePath().relativize(abs).toString().replace('\\', '/');
    }

    /** {@code Finding.toString()} with paths relative to {@code dir}. */
    static String line(Finding f, Path dir) {
        return relative(f.toString(), dir);
    }

    /** {@code path:line:col: severity: message [id]}, with paths relative to {@code dir}. */
    static String lineWithSeverity(Finding f, Path dir) {
        return relative(f.location() + ": " + f.severity().label() + ": " + f.message() + " [" + f.checkId() + "]",
                dir);
    }

    private static String relative(String s, Path dir) {
        return s.replace(display(dir) + "/", "");
    }

    /** One line per finding and a final newline (empty for none). */
    static String lines(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}
