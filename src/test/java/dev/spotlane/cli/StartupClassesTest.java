package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a command loads is part of its start-up time: the merge request lint job and the Renovate hook must not pay
 * for the GitLab client (gitlab4j, Jersey), the runner side (simulator, TOML writer) or commands they do not run.
 * Each case runs one command in a fresh JVM with class-loading logged and checks the log.
 */
class StartupClassesTest {
    /** Packages that only cutover, usage, simulate and runner-config need. */
    private static final List<String> NOT_ON_THE_LINT_PATH = List.of("org.gitlab4j.", "org.glassfish.jersey.",
            "jakarta.ws.rs.", "dev.spotlane.gitlab.", "dev.spotlane.fleet.", "dev.spotlane.registry.",
            "java.net.http.", "tools.jackson.dataformat.toml.",
            "dev.spotlane.cli.CutoverCommand", "dev.spotlane.cli.UsageCommand", "dev.spotlane.cli.SimulateCommand",
            "dev.spotlane.cli.RunnerConfigCommand",
            // annotations read at run time (a proxy class generated per annotation type): the command line is
            // built from CommandSpecs, not by picocli's reflection
            "jdk.proxy", "com.sun.proxy.",
            // the schema validator's formats (e-mail, domain names, IRIs, dates): spotlane's schemas use none
            "com.networknt.schema.format.", "com.networknt.org.apache.commons.validator.");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"lint", "fix --check", "images", "preview"})
    void mergeRequestCommandsLoadNothingOfTheGitLabClientOrTheRunnerSide(String command) throws Exception {
        Path log = tmp.resolve("classes.log");
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.add("examples/demo");
        ChildJvm.Run run = ChildJvm.run(tmp, List.of("-Xshare:off", "-Xlog:class+load=info:file=" + log),
                Main.class, args, env -> { });
        assertTrue(run.code() <= 1, "exit " + run.code() + ": " + run.out() + run.err());
        List<String> loaded = loaded(log);
        assertTrue(loaded.contains(Main.class.getName()), "the log lists the classes: " + loaded.size());
        List<String> unwanted = loaded.stream()
                .filter(c -> NOT_ON_THE_LINT_PATH.stream().anyMatch(c::startsWith)).toList();
        assertEquals(List.of(), unwanted, "classes '" + command + "' has no use for");
    }

    /**
     * picocli runs on every command, so its classes must be ones a start-up archive can hold: class files of Java 6
     * or newer (picocli's published jar holds Java 5 ones, which CDS and the AOT cache skip and the old verifier
     * checks on every run; the build compiles picocli from its sources instead).
     */
    @ParameterizedTest
    @ValueSource(classes = {picocli.CommandLine.class, picocli.CommandLine.Model.CommandSpec.class,
            picocli.CommandLine.Help.class})
    void picocliIsCompiledAsClassesAStartUpArchiveCanHold(Class<?> type) throws IOException {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (java.io.InputStream in = type.getResourceAsStream(resource)) {
            assertTrue(in != null, resource);
            byte[] header = in.readNBytes(8);
            int major = (header[6] & 0xff) << 8 | header[7] & 0xff;
            assertTrue(major >= 61, resource + " is a class file of version " + major + ", not Java 17's (61)");
        }
    }

    /** Class names from a {@code -Xlog:class+load} file: {@code [..][info][class,load] NAME source: ...}. */
    private static List<String> loaded(Path log) throws IOException {
        return Files.readAllLines(log).stream()
                .map(line -> line.substring(line.lastIndexOf(']') + 1).trim())
                .filter(rest -> !rest.isEmpty())
                .map(rest -> rest.split(" ")[0])
                .toList();
    }
}
