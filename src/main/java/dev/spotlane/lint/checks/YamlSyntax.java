package dev.spotlane.lint.checks;

import dev.spotlane.lint.LintContext;
import dev.spotlane.lint.Severity;
import dev.spotlane.model.Location;
import dev.spotlane.yaml.YamlError;

/** {@code yaml-syntax}: invalid YAML (or text that is not UTF-8), at the parser's problem position. */
public final class YamlSyntax extends DiagnosticCheck {

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
