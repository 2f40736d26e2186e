package dev.spotlane.lint.checks;

import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.yaml.YamlError;
import java.util.Set;

/** {@code yaml-syntax}: invalid YAML (or a top level that is not a mapping), at the parser's problem position. */
public final class YamlSyntax extends DiagnosticCheck {
    public YamlSyntax() {
        super(Set.of("yaml-syntax", "config-format"));
    }

    @Override
    public String id() {
        return "yaml-syntax";
    }

    @Override
    public String summary() {
        return "invalid YAML, at the parser's problem position";
    }

    @Override
    public Severity defaultSeverity() {
        return Severity.ERROR;
    }

    @Override
    public void run(LintContext context, Reporter reporter) {
        YamlError e = context.mainError();
        if (e != null) {
            reporter.report(finding(e.message(), new Location(e.file(), e.position().line(), e.position().column()),
                    null));
        }
        super.run(context, reporter);
    }
}
