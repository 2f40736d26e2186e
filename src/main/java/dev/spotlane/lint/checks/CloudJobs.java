package dev.spotlane.lint.checks;

import dev.spotlane.lint.LintContext;
import dev.spotlane.transform.Decision;
import java.util.LinkedHashMap;
import java.util.Map;

/** The jobs that run on the cloud fleet once the pipeline follows the rules, with the class each runs on. */
final class CloudJobs {
    private CloudJobs() {
    }

    static Map<String, String> of(LintContext context) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Decision d : context.decisions().values()) {
            if (d.onCloud()) {
                out.put(d.job(), d.className());
            }
        }
        return out;
    }
}
