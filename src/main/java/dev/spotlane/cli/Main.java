package dev.spotlane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spotlane} command line: the only place that prints to the console or exits. */
@Command(name = "spotlane", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reads GitLab CI configuration, routes jobs to cloud runners and lints pipelines for the move.",
        subcommands = {ImagesCommand.class, PreviewCommand.class, FixCommand.class, LintCommand.class,
                RunnerConfigCommand.class, IamPolicyCommand.class, CutoverCommand.class, SimulateCommand.class,
                UsageCommand.class},
        footer = {"", "Exit codes: 0 success, 1 findings or changes, 2 bad usage or input, 3 internal error."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs a command line with the given streams and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("spotlane: " + ex.getMessage());
            c.getErr().println("try '" + c.getCommandSpec().qualifiedName() + " --help'");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError) {
                c.getErr().println(ex.getMessage());
                return ExitCode.USAGE;
            }
            if (ex instanceof java.io.IOException io) {
                c.getErr().println(ioMessage(io));
                return ExitCode.USAGE;
            }
            c.getErr().println("spotlane: internal error: " + ex + (ex.getStackTrace().length > 0
                    ? " at " + ex.getStackTrace()[0] : "") + " (please report this; SPOTLANE_DEBUG=1 shows where)");
            if (System.getenv("SPOTLANE_DEBUG") != null) {
                for (StackTraceElement frame : ex.getStackTrace()) {
                    c.getErr().println("    at " + frame);
                }
            }
            return ExitCode.INTERNAL;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            code = resourceError(e, err);
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The JVM ran out of heap or stack: one line, exit 3. Every input spotlane reads is bounded, so this is its own
     * bug (or a heap set far too small), never something to show as a stack trace.
     */
    static int resourceError(Error e, PrintWriter err) {
        err.println(e instanceof OutOfMemoryError
                ? "spotlane: internal error: out of memory (" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                        + " MiB heap); raise it with JAVA_TOOL_OPTIONS=-Xmx… or report this with the input's size"
                : "spotlane: internal error: stack overflow (input nested too deeply); please report this");
        return ExitCode.INTERNAL;
    }

    /** A file the user named could not be read or written: one line saying which and why. */
    static String ioMessage(java.io.IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "no such file or directory" : f.getReason());
        }
        if (e instanceof java.nio.file.AccessDeniedException f) {
            return f.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() == null ? "cannot be read or written" : f.getReason()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        return "spotlane: " + (e.getMessage() == null ? "input/output error" : e.getMessage());
    }

    /** The version Maven wrote into the jar. */
    static String version() {
        Properties p = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/dev/spotlane/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    /** Prints the version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spotlane " + version()};
        }
    }
}
