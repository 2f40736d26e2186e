package dev.spotlane.cli;

import dev.spotlane.fleet.terraform.TerraformDir;
import dev.spotlane.fleet.terraform.TerraformFiles;
import dev.spotlane.policy.Policy;
import dev.spotlane.report.TerminalText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code runner-config --terraform DIR}: generates the Terraform files and says what was written and left alone. */
final class TerraformOutput {
    private TerraformOutput() {
    }

    static void write(Policy policy, Path dir, boolean force, PrintWriter err) throws IOException {
        TerraformFiles files;
        try {
            files = TerraformFiles.generate(policy);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        files.warnings().forEach(w -> err.println("spotlane: warning: " + w));
        TerraformDir.Written w = TerraformDir.write(dir, files.files(), force);
        String shown = PipelineFiles.display(dir);
        err.println("wrote " + files.files().size() + " Terraform files to " + shown + " (" + w.created().size()
                + " new, " + w.replaced().size() + " replaced): " + String.join(", ", files.files().keySet()));
        if (!w.foreign().isEmpty()) {
            err.println(TerminalText.line("spotlane: " + shown + " also holds " + w.foreign().size()
                    + " entries spotlane did not write, left alone (Terraform reads every .tf file there): " + String.join(", ", w.foreign())));
        }
    }
}
