package dev.spotlane.cli;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a command-line run off the JVM's optimizing compiler (C2), and keeps C1 from inlining, when the JVM was
 * started without the launcher's flags ({@code java -jar spotlane.jar}). A run lasts about a second; on {@code lint}
 * of an 18-file pipeline C2 spent about 290 ms of CPU compiling methods whose faster code would repay only in a
 * longer run. {@code bin/spotlane} passes {@code -XX:TieredStopAtLevel=1}; a jar cannot choose its JVM's flags, but
 * it can ask the running JVM, as {@code jcmd <pid> Compiler.directives_add <file>} does, for a compiler directive:
 * every method excluded from C2 (HotSpot then compiles a hot method with C1 alone once C2 has refused it), and no
 * inlining in C1's compiles (without C2 these are C1's profiling compiles, where inlining makes each compile larger
 * for code that runs only a second). Measured with {@code java -jar} on the largest corpus pipelines: C2 off
 * took 11-17% off the CPU time, no inlining 4-10% more.
 *
 * <p>Only the command line does this ({@link Main#main}); a library caller's JVM is left as it is. It is skipped
 * when {@code -Dspotlane.jit=jvm} is given (the launcher does, having chosen the flags itself). The diagnostic
 * command is reached through the JDK's own {@code jdk.management} module, opened to the jar by its manifest's
 * {@code Add-Opens}; any JDK where that is missing or different simply keeps its compilers: nothing is printed and
 * the run is the same, only slower. The directive goes through a file of ours, written new in the temporary folder
 * and deleted at once. Directives change how code is compiled, never what it does.
 */
final class ShortRunCompiler {
    /** Every method: C2 excluded, C1 inlining nothing (HotSpot's compiler directives format, JEP 165). */
    static final String DIRECTIVE = "[{match: \"*.*\", c1: {inline: \"-*.*\"}, c2: {Exclude: true}}]";

    private ShortRunCompiler() {
    }

    /**
     * Asks the JVM to leave C2 out and C1's inlining off; true when it said yes. Never throws: this only changes how
     * fast the run is.
     */
    static boolean apply() {
        if ("jvm".equals(System.getProperty("spotlane.jit"))) {
            return false;
        }
        Path file = null;
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"));
            file = dir.resolve("spotlane-jit-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".json");
            if (!plain(file.toString())) {
                return false; // the command's own arguments are split at spaces
            }
            // CREATE_NEW: fails on anything already there, a symbolic link included (the run then keeps its
            // compilers); in the usual sticky temporary folder no other user can replace the file after that
            Files.write(file, DIRECTIVE.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            String answer = diagnosticCommand("Compiler.directives_add " + file);
            return answer != null && answer.contains("1 compiler directives added");
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            return false;
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException | RuntimeException e) {
                    // a 40-byte file left in the temporary folder; nothing to tell the user
                }
            }
        }
    }

    /** A path the diagnostic command's argument parser reads whole: no spaces, quotes or control characters. */
    static boolean plain(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs one diagnostic command in this JVM and returns its output: the JDK's {@code DiagnosticCommandImpl},
     * without the platform MBean server (starting that costs a cold JVM about 150 ms). Its native library is loaded
     * by {@code PlatformMBeanProviderImpl}'s initializer.
     */
    static String diagnosticCommand(String command) throws ReflectiveOperationException {
        Class.forName("com.sun.management.internal.PlatformMBeanProviderImpl");
        Class<?> impl = Class.forName("com.sun.management.internal.DiagnosticCommandImpl");
        Method get = impl.getDeclaredMethod("getDiagnosticCommandMBean");
        get.setAccessible(true);
        Object bean = get.invoke(null);
        if (bean == null) {
            return null; // this JVM does not take diagnostic commands from inside
        }
        Method execute = impl.getDeclaredMethod("executeDiagnosticCommand", String.class);
        execute.setAccessible(true);
        return (String) execute.invoke(bean, command);
    }
}
