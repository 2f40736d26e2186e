package dev.spotlane.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.cli.Main;
import dev.spotlane.model.ImageRef;
import dev.spotlane.resolve.CheckoutIncludeSource;
import dev.spotlane.resolve.RNode;
import dev.spotlane.resolve.RNode.RList;
import dev.spotlane.resolve.RNode.RScalar;
import dev.spotlane.resolve.ResolvedJob;
import dev.spotlane.resolve.ResolvedPipeline;
import dev.spotlane.resolve.Resolver;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed bake files: {@code ci/ami/worker.pkr.hcl} (the Packer template of the ARM worker AMI) and
 * {@code templates/ami-bake.yml} (the weekly component that regenerates the list and runs the bake).
 */
class BakeTemplatesTest {
    static final Path WORKER = Path.of("ci/ami/worker.pkr.hcl");
    static final Path COMPONENT = Path.of("templates/ami-bake.yml");

    static Hcl.Block worker() throws IOException {
        return Hcl.parse(Files.readString(WORKER, StandardCharsets.UTF_8));
    }

    @Test
    void workerTemplateParsesAndDeclaresTheImageList() throws IOException {
        Hcl.Block images = worker().block("variable", "images");
        assertEquals("list(string)", images.attributes().get("type"));
        assertEquals("[]", images.attributes().get("default"));
    }

    @Test
    void everyVariableAndLocalTheTemplateUsesIsDeclared() throws IOException {
        String text = Files.readString(WORKER, StandardCharsets.UTF_8);
        Hcl.Block root = Hcl.parse(text);
        Set<String> declared = new TreeSet<>();
        root.blocks("variable").forEach(b -> declared.add(b.labels().get(0)));
        Set<String> locals = new TreeSet<>();
        root.blocks("locals").forEach(b -> locals.addAll(b.attributes().keySet()));
        Set<String> usedVars = used(text, "var");
        Set<String> usedLocals = used(text, "local");
        assertTrue(declared.containsAll(usedVars), "used " + usedVars + ", declared " + declared);
        assertTrue(locals.containsAll(usedLocals), "used " + usedLocals + ", declared " + locals);
        assertTrue(usedVars.contains("images"), usedVars.toString());
    }

    private static Set<String> used(String text, String prefix) {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("\\b" + prefix + "\\.([A-Za-z_][A-Za-z0-9_-]*)").matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void workerTemplateBuildsAnArmImageFromADeclaredSource() throws IOException {
        Hcl.Block root = worker();
        assertTrue(root.block("packer").block("required_plugins").attributes().containsKey("amazon"));
        Hcl.Block source = root.block("source", "amazon-ebs", "worker");
        Hcl.Block filter = source.block("source_ami_filter");
        assertTrue(Pattern.compile("\\barchitecture\\s*=\\s*\"arm64\"").matcher(filter.attributes().get("filters"))
                .find(), filter.attributes().toString());
        Hcl.Block build = root.block("build");
        assertEquals("[\"source.amazon-ebs.worker\", \"source.hcloud.worker\", \"source.oracle-oci.worker\"]",
                build.attributes().get("sources"));
        Hcl.Block volume = source.block("launch_block_device_mappings");
        assertEquals("var.root_volume_gib", volume.attributes().get("volume_size"));
        assertEquals("true", volume.attributes().get("delete_on_termination"), "no volumes left behind");
        for (String plugin : List.of("amazon", "hcloud", "oracle")) {
            assertTrue(root.block("packer").block("required_plugins").attributes().containsKey(plugin), plugin);
        }
        // the same template on Hetzner (CAX: Ampere arm64) and Oracle (A1 Flex: Ampere arm64)
        assertTrue(root.block("source", "hcloud", "worker").attributes().get("server_type")
                .contains("var.hcloud_server_type"));
        assertEquals("\"cax21\"", root.block("variable", "hcloud_server_type").attributes().get("default"));
        assertEquals("\"VM.Standard.A1.Flex\"", root.block("source", "oracle-oci", "worker").attributes()
                .get("shape"));
    }

    @Test
    void workerTemplateWritesTheMirrorIntoDaemonJson() throws IOException {
        Hcl.Block root = worker();
        assertTrue(root.block("locals").attributes().get("daemon_json").contains("\"registry-mirrors\" = var"
                + ".registry_mirrors"), root.block("locals").attributes().toString());
        String all = String.join("\n", root.block("build").blocks("provisioner").stream()
                .map(p -> p.attributes().toString()).toList());
        assertTrue(all.contains("/etc/docker/daemon.json"), all);
        assertTrue(all.contains("amazon-ecr-credential-helper"), all);
    }

    @Test
    void workerTemplateInstallsDockerAndPullsEveryListedImageForArm64() throws IOException {
        List<Hcl.Block> shells = worker().block("build").blocks("provisioner").stream()
                .filter(p -> p.labels().equals(List.of("shell"))).toList();
        String all = String.join("\n", shells.stream().map(p -> p.attributes().toString()).toList());
        assertTrue(all.contains("dnf install -y docker"), all);
        assertTrue(all.contains("usermod -aG docker ${var.ssh_username}"), all);
        Hcl.Block pull = shells.stream().filter(p -> p.attributes().getOrDefault("script", "")
                .contains("bake-pull.sh")).findFirst()
                .orElseThrow(() -> new AssertionError("no provisioner runs bake-pull.sh: " + all));
        assertTrue(pull.attributes().get("environment_vars").contains("var.images"), pull.attributes().toString());
        assertTrue(pull.attributes().get("environment_vars").contains("var.registries"), pull.attributes().toString());
        // the credentials go through Packer's environment file, not the command line, and it is removed once read
        assertEquals("true", pull.attributes().get("use_env_var_file"));
        assertTrue(pull.attributes().get("execute_command").contains("rm -f {{ .EnvVarFile }}"),
                pull.attributes().toString());
        String script = Files.readString(WORKER.resolveSibling("bake-pull.sh"), StandardCharsets.UTF_8);
        assertTrue(script.contains("docker pull --platform linux/arm64 \"$image\" || exit 1"),
                "a failed pull fails the bake");
        assertTrue(all.contains("rm -f /root/.docker/config.json"), "no credential file is left in the image");
    }

    @Test
    void secretsAreSensitiveVariablesAndTheBuildInstanceCarriesTheBakeRolesTag() throws IOException {
        Hcl.Block root = worker();
        for (String secret : List.of("ecr_logins", "gitlab_registry_password", "docker_auth_config")) {
            assertEquals("true", root.block("variable", secret).attributes().get("sensitive"), secret);
        }
        Hcl.Block ebs = root.block("source", "amazon-ebs", "worker");
        assertTrue(ebs.attributes().get("run_tags").contains("\"spotlane-bake\" = \"worker\""),
                ebs.attributes().toString());
        assertTrue(ebs.attributes().get("run_volume_tags").contains("\"spotlane-bake\" = \"worker\""),
                ebs.attributes().toString());
        assertEquals("\"packer-manifest.json\"", root.block("build").block("post-processor", "manifest")
                .attributes().get("output"));
    }

    @Test
    void generatedVariablesFileSetsOnlyWhatTheTemplateDeclares() throws IOException, AllowlistException {
        Set<String> declared = new TreeSet<>();
        worker().blocks("variable").forEach(b -> declared.add(b.labels().get(0)));
        String vars = BakeFiles.packer(BakeFilesTest.discovered(), BakeFilesTest.manual(), "test");
        Map<String, List<String>> set = Hcl.listVariables(vars);
        assertTrue(declared.containsAll(set.keySet()), set.keySet() + " not all in " + declared);
    }

    static ResolvedPipeline component() throws IOException {
        ParseResult parsed = new YamlParser().parse(Source.read(COMPONENT, COMPONENT.toString()));
        assertTrue(parsed.ok(), () -> String.valueOf(parsed.error()));
        return new Resolver().resolve(parsed.file(), new CheckoutIncludeSource(Path.of(".")),
                COMPONENT.toString());
    }

    static List<String> script(ResolvedJob job) {
        return strings(job.get("script"));
    }

    /** The scalar items of a list (or a lone scalar). */
    static List<String> strings(RNode node) {
        List<String> out = new ArrayList<>();
        if (node instanceof RScalar s) {
            out.add(s.value());
        }
        if (node instanceof RList l) {
            for (RNode n : l.items()) {
                if (n instanceof RScalar s) {
                    out.add(s.value());
                }
            }
        }
        return out;
    }

    @Test
    void bakeComponentResolvesWithoutErrors() throws IOException {
        ResolvedPipeline p = component();
        assertEquals(List.of(), p.errors());
        assertEquals(Set.of("spotlane-images", "ami-bake", "ami-images-proposal"), p.jobs().keySet());
    }

    @Test
    void bakeComponentRegeneratesTheListsAndBakesWithThem() throws IOException {
        ResolvedPipeline p = component();
        List<String> images = script(p.job("spotlane-images").orElseThrow());
        String packerLine = images.stream().filter(l -> l.startsWith("spotlane images ")
                && l.contains(" --format packer ")).findFirst().orElseThrow(() -> new AssertionError(images));
        assertTrue(images.stream().anyMatch(l -> l.startsWith("spotlane images ")
                && l.contains(" --format allowlist ")), images.toString());
        Matcher written = Pattern.compile("--write (\\S+)").matcher(packerLine);
        assertTrue(written.find(), packerLine);
        String varFile = written.group(1);

        ResolvedJob bake = p.job("ami-bake").orElseThrow();
        assertTrue(script(bake).stream().anyMatch(l -> l.startsWith("packer build ")
                && l.contains("-var-file=" + varFile)), script(bake).toString());
        assertEquals(List.of("spotlane-images"), strings(bake.get("needs")));
        RNode artifacts = p.job("spotlane-images").orElseThrow().get("artifacts");
        assertTrue(artifacts instanceof RNode.RMap m && strings(m.get("paths")).contains(varFile),
                String.valueOf(artifacts));
        RNode image = bake.get("image") instanceof RNode.RMap m ? m.get("name") : bake.get("image");
        assertEquals("docker.io/hashicorp/packer:1.11",
                ImageRef.parse(((RScalar) image).value()).normalized(), "the packer_image default");
    }

    @Test
    void theCommandTheComponentRunsIsOneSpotlaneAccepts(@TempDir Path dir) throws IOException, AllowlistException {
        List<String> lines = script(component().job("spotlane-images").orElseThrow()).stream()
                .filter(l -> l.startsWith("spotlane ")).toList();
        assertEquals(4, lines.size(), lines.toString());
        for (String line : lines) {
            // "$@" is the optional --rules (none here); '$AMI_ID' reaches spotlane without its shell quotes
            List<String> args = new ArrayList<>(List.of(line.replace(" \"$@\"", "").replace("'", "")
                    .split(" +")));
            assertEquals("spotlane", args.remove(0), line);
            // the component's default pipeline folder is the including project's root; use the demo instead
            if (args.contains(".")) {
                args.set(args.indexOf("."), "examples/demo");
            }
            int write = args.contains("--write") ? args.indexOf("--write") : args.indexOf("--output");
            args.set(write + 1, dir.resolve(args.get(write + 1)).toString());
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
            assertEquals(0, code, line + "\n" + err);
            assertTrue(Files.isRegularFile(Path.of(args.get(write + 1))), line);
        }
        Map<String, List<String>> vars = Hcl.listVariables(Files.readString(dir.resolve("images.pkrvars.hcl")));
        assertTrue(vars.get("images").contains("docker.io/hashicorp/packer:1.11"), vars.toString());
        Allowlist.read(dir.resolve("images.txt"));
        assertTrue(Files.readString(dir.resolve("registries.txt")).contains("docker.io\tdocker-hub\t\n"));
        assertTrue(Files.readString(dir.resolve("rollout.sh")).contains("ami=\"${AMI_ID:?"));
    }

    @Test
    void theBakeJobAssumesTheRoleWithItsIdTokenAndNeverPrintsACredential() throws IOException {
        ResolvedPipeline p = component();
        ResolvedJob bake = p.job("ami-bake").orElseThrow();
        RNode image = bake.get("image");
        assertTrue(image instanceof RNode.RMap m && strings(m.get("entrypoint")).equals(List.of("")),
                "entrypoint cleared as in the other components: " + image);
        for (String job : List.of("spotlane-images", "ami-images-proposal")) {
            RNode i = p.job(job).orElseThrow().get("image");
            assertTrue(i instanceof RNode.RMap m && strings(m.get("entrypoint")).equals(List.of("")), job);
        }
        RNode tokens = bake.get("id_tokens");
        assertTrue(tokens instanceof RNode.RMap m && m.get("AWS_ID_TOKEN") instanceof RNode.RMap t
                && t.get("aud") != null, String.valueOf(tokens));
        String all = String.join("\n", script(bake));
        assertTrue(all.contains("aws sts assume-role-with-web-identity --cli-input-json \"file://$request\""), all);
        assertFalse(all.contains("--web-identity-token"), "the token is never a command-line argument");
        assertFalse(Pattern.compile("(?m)^\\s*(echo|printf)[^|>\\n]*\\$(AWS_SECRET|AWS_SESSION|AWS_ID_TOKEN|password|"
                + "PKR_VAR_)").matcher(all).find(), "nothing prints a credential");
        assertFalse(all.contains("set -x"), all);
        assertTrue(all.contains("packer validate -only=\"$SPOTLANE_SOURCE\""), all);
        assertTrue(all.contains("packer build -only=\"$SPOTLANE_SOURCE\""), all);
        assertTrue(all.contains("sh rollout.sh"), all);
        ResolvedJob propose = p.job("ami-images-proposal").orElseThrow();
        assertEquals(List.of("spotlane-images", "ami-bake"), strings(propose.get("needs")));
        assertTrue(script(propose).get(0).startsWith("spotlane propose "), script(propose).toString());
    }
}
