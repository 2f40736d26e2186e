package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/spotlane}, run with a stand-in {@code java} that prints its arguments: the flags it picks for the JDK
 * it finds (its {@code release} file), the start-up archive of that JDK when one sits beside the jar, the huge-page
 * flag exactly when the kernel hands them out on request, and the user's arguments passed on untouched.
 */
class LauncherTest {
    private static final Path LAUNCHER = Path.of("bin/spotlane").toAbsolutePath();
    private static final Path THP = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    @TempDir
    Path tmp;

    @Test
    void jdk17TakesTheClassDataSharingArchiveAndTheShortRunFlags() throws Exception {
        Path jar = jar(".jsa");
        List<String> args = launch("17.0.15", jar, "lint", "a folder", "--format=json");
        assertEquals(List.of("-Dspotlane.jit=jvm", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
                "-XX:C1MaxInlineSize=20", "-XX:+UseSerialGC", "-Xms64m", "-XX:-UsePerfData"), args.subList(0, 7));
        assertTrue(args.contains("-XX:SharedArchiveFile=" + jar.toString().replace(".jar", ".jsa")), args.toString());
        assertFalse(args.stream().anyMatch(a -> a.startsWith("-XX:AOTCache")), args.toString());
        assertEquals(List.of("-jar", jar.toString(), "lint", "a folder", "--format=json"),
                args.subList(args.size() - 5, args.size()));
    }

    @Test
    void jdk25TakesTheAotCache() throws Exception {
        Path jar = jar(".aot");
        List<String> args = launch("25.0.1", jar, "lint");
        assertTrue(args.contains("-XX:AOTCache=" + jar.toString().replace(".jar", ".aot")), args.toString());
        assertFalse(args.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")), args.toString());
    }

    @Test
    void withoutAnArchiveTheJarStillRuns() throws Exception {
        Path jar = jar(null);
        List<String> args = launch("21", jar, "lint");
        assertEquals(List.of("-jar", jar.toString(), "lint"), args.subList(args.size() - 3, args.size()));
        assertFalse(args.stream().anyMatch(a -> a.contains("Archive") || a.contains("AOT")), args.toString());
    }

    @Test
    void hugePagesOnlyWhenTheKernelGivesThemOnRequest() throws Exception {
        String mode = Files.isReadable(THP) ? Files.readString(THP) : "";
        List<String> args = launch("17", jar(null), "lint");
        assertEquals(mode.contains("[madvise]"), args.contains("-XX:+UseTransparentHugePages"),
                "kernel setting '" + mode.strip() + "': " + args);
    }

    private Path jar(String archive) throws IOException {
        Path jar = Files.createDirectories(tmp.resolve("target")).resolve("spotlane.jar");
        Files.writeString(jar, "");
        if (archive != null) {
            Files.writeString(tmp.resolve("target/spotlane" + archive), "");
        }
        return jar;
    }

    /** The arguments the launcher hands to {@code java}, one per element. */
    private List<String> launch(String version, Path jar, String... command) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh: the launcher is a POSIX shell script");
        Path home = Files.createDirectories(tmp.resolve("jdk/bin")).getParent();
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path stand = home.resolve("bin/java");
        Files.writeString(stand, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        assertTrue(stand.toFile().setExecutable(true), "stand-in java executable");
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", LAUNCHER.toString()));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", home.toString());
        pb.environment().put("SPOTLANE_JAR", jar.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher ended");
        assertEquals(0, p.exitValue(), out);
        return List.of(out.split("\n"));
    }
}
