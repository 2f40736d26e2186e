package dev.spotlane.fleet.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated files and the Packer template read by HashiCorp's own HCL parser: {@code terraform fmt} parses its
 * input (a syntax error exits non-zero) and prints it in canonical layout, which the generated files must already
 * have. Terraform is not a Debian package, so {@code .ci/run} cannot install it: where the binary is missing the
 * test is skipped with a message (the structural reader of {@link TerraformFilesTest} still checks every file).
 */
class TerraformFmtTest {
    @TempDir
    Path tmp;

    private static Path terraform() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, "terraform");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private record Fmt(int code, String out, String err) {
    }

    private Fmt fmt(String text) throws IOException, InterruptedException {
        Path bin = terraform();
        assumeTrue(bin != null, "terraform is not on PATH: generated HCL checked by the structural reader only");
        Path config = tmp.resolve("terraformrc");
        Files.writeString(config, "");
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "fmt", "-no-color", "-");
        pb.environment().put("TF_CLI_CONFIG_FILE", config.toString());
        pb.environment().put("CHECKPOINT_DISABLE", "1");
        pb.redirectInput(Files.writeString(tmp.resolve("in.hcl"), text).toFile());
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("terraform fmt did not finish");
        }
        return new Fmt(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void generatedFilesParseAndAreInCanonicalLayout() throws Exception {
        for (String rules : new String[] {"fixture", "bundled"}) {
            TerraformFiles files = TerraformFiles.generate(rules.equals("fixture") ? TerraformFilesTest.fixture()
                    : dev.spotlane.policy.PolicyLoader.load(dev.spotlane.yaml.Source.read(Path.of(
                            "rules/spotlane.yml")), Path.of(".")));
            for (Map.Entry<String, String> f : files.files().entrySet()) {
                Fmt r = fmt(f.getValue());
                assertEquals(0, r.code(), rules + " " + f.getKey() + ": " + r.err());
                assertEquals(f.getValue(), r.out(), rules + " " + f.getKey() + " is not laid out as terraform fmt");
            }
        }
    }

    @Test
    void thePackerTemplateParses() throws Exception {
        Fmt r = fmt(Files.readString(Path.of("ci/ami/worker.pkr.hcl"), StandardCharsets.UTF_8));
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aSyntaxErrorIsCaught() throws Exception {
        Fmt r = fmt("resource \"a\" \"b\" {\n  x = 1\n");
        assertEquals(false, r.code() == 0, "an unclosed block must not parse: " + r.out());
    }
}
