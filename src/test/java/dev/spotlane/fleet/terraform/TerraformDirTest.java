package dev.spotlane.fleet.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spotlane.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing the Terraform folder: only files spotlane wrote are replaced, and a refusal changes nothing. */
class TerraformDirTest {
    @TempDir
    Path tmp;

    private static Map<String, String> files(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("a.tf", TerraformFiles.HEADER + " from test\n" + body);
        m.put("b.tf", TerraformFiles.HEADER + " from test\n" + body);
        return m;
    }

    @Test
    void createsTheFolderThenReplacesOnlyItsOwnFilesAndNamesTheOthers() throws IOException {
        Path dir = tmp.resolve("infra");
        TerraformDir.Written first = TerraformDir.write(dir, files("one\n"), false);
        assertEquals(List.of("a.tf", "b.tf"), first.created());
        assertEquals(List.of(), first.foreign());
        Files.writeString(dir.resolve("backend.tf"), "terraform {}\n");
        Files.writeString(dir.resolve("main.tf"), "# mine\n");
        TerraformDir.Written second = TerraformDir.write(dir, files("two\n"), false);
        assertEquals(List.of(), second.created());
        assertEquals(List.of("a.tf", "b.tf"), second.replaced());
        assertEquals(List.of("backend.tf", "main.tf"), second.foreign());
        assertTrue(Files.readString(dir.resolve("a.tf")).endsWith("two\n"));
        assertEquals("# mine\n", Files.readString(dir.resolve("main.tf")));
    }

    @Test
    void aFileSpotlaneDidNotWriteIsNotReplacedAndNothingIsWritten() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("infra"));
        Files.writeString(dir.resolve("b.tf"), "resource \"x\" \"y\" {}\n");
        TerraformDir.RefusedException e = assertThrows(TerraformDir.RefusedException.class,
                () -> TerraformDir.write(dir, files("one\n"), false));
        assertTrue(e.getMessage().contains("was not written by spotlane"), e.getMessage());
        assertTrue(Files.notExists(dir.resolve("a.tf")), "checked before anything was written");
        assertEquals("resource \"x\" \"y\" {}\n", Files.readString(dir.resolve("b.tf")));
    }

    @Test
    void symbolicLinksFoldersAndFifosAreRefused() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("infra"));
        Path elsewhere = Files.writeString(tmp.resolve("elsewhere.tf"), TerraformFiles.HEADER + " from test\n");
        Files.createSymbolicLink(dir.resolve("a.tf"), elsewhere);
        assertTrue(assertThrows(TerraformDir.RefusedException.class, () -> TerraformDir.write(dir, files("x\n"),
                false)).getMessage().contains("symbolic link"));
        assertEquals(TerraformFiles.HEADER + " from test\n", Files.readString(elsewhere));
        Files.delete(dir.resolve("a.tf"));
        Files.createDirectory(dir.resolve("a.tf"));
        assertTrue(assertThrows(TerraformDir.RefusedException.class, () -> TerraformDir.write(dir, files("x\n"),
                false)).getMessage().contains("not a regular file"));
        Files.delete(dir.resolve("a.tf"));
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", dir.resolve("a.tf").toString()).start();
        } catch (IOException noMkfifo) {
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        assertTrue(assertThrows(TerraformDir.RefusedException.class, () -> TerraformDir.write(dir, files("x\n"),
                false)).getMessage().contains("not a regular file"));
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("infra"), "x");
        assertTrue(assertThrows(TerraformDir.RefusedException.class, () -> TerraformDir.write(file, files("x\n"),
                false)).getMessage().contains("is not a folder"));
    }

    @Test
    void aReadOnlyFileOfSpotlaneIsReplacedOnlyWhenForced() throws IOException {
        Path dir = tmp.resolve("infra");
        TerraformDir.write(dir, files("one\n"), false);
        Files.setPosixFilePermissions(dir.resolve("b.tf"), PosixFilePermissions.fromString("r--r--r--"));
        assertThrows(TerraformDir.RefusedException.class, () -> TerraformDir.write(dir, files("two\n"), false));
        assertTrue(Files.readString(dir.resolve("a.tf")).endsWith("one\n"), "nothing written");
        TerraformDir.write(dir, files("two\n"), true);
        assertTrue(Files.readString(dir.resolve("b.tf")).endsWith("two\n"));
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void runnerConfigWritesTheFolderAndSaysWhatItLeftAlone() throws IOException {
        Path dir = tmp.resolve("infra");
        Path rules = TerraformFilesTest.GOLDEN.resolve("rules.yml");
        Run first = run("runner-config", "--rules", rules.toString(), "--terraform", dir.toString(), "--output",
                tmp.resolve("config.toml").toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("wrote 7 Terraform files to "), first.err());
        assertTrue(first.err().contains("(7 new, 0 replaced)"), first.err());
        assertTrue(Files.readString(tmp.resolve("config.toml")).contains("name = \"ci-t4g-spot\""));
        assertEquals(Files.readString(TerraformFilesTest.GOLDEN.resolve("expected/workers.tf")).replace(
                rules.toString(), "RULES"), Files.readString(dir.resolve("workers.tf")).replace(rules.toString(),
                "RULES"));
        Files.writeString(dir.resolve("backend.tf"), "terraform {}\n");
        Run second = run("runner-config", "--rules", rules.toString(), "--terraform", dir.toString());
        assertEquals(0, second.code(), second.err());
        assertTrue(second.err().contains("(0 new, 7 replaced)"), second.err());
        assertTrue(second.err().contains("also holds 1 entries spotlane did not write, left alone"), second.err());
        assertTrue(second.err().contains("backend.tf"), second.err());

        Files.writeString(dir.resolve("iam.tf"), "# my own\n");
        Run refused = run("runner-config", "--rules", rules.toString(), "--terraform", dir.toString());
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("iam.tf: was not written by spotlane"), refused.err());
        assertEquals("# my own\n", Files.readString(dir.resolve("iam.tf")));
    }

    @Test
    void rulesNoGroupCanBeMadeOfAreBadInput() throws IOException {
        String text = Files.readString(TerraformFilesTest.GOLDEN.resolve("rules.yml"))
                .replace("    c7g.large: { class: c7g, vcpu: 2, memory_gib: 4 }\n", "")
                .replace("    c6g.large: { class: c7g, vcpu: 2, memory_gib: 4 }\n", "")
                .replace("instance_type: c7g.large, ", "");
        Path rules = Files.writeString(tmp.resolve("rules.yml"), text);
        Run r = run("runner-config", "--rules", rules.toString(), "--terraform", tmp.resolve("infra").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("class \"c7g\" has no instance type"), r.err());
        assertTrue(Files.notExists(tmp.resolve("infra")));
    }
}
