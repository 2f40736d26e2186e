package dev.spotlane.cli;

import dev.spotlane.Timing;
import dev.spotlane.report.TerminalText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code spotlane} command line: the only place that prints to the console or exits. */
@Command(name = "spotlane", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Reads GitLab CI configuration, routes jobs to cloud runners and lints pipelines for the move.",
        footer = {"", "Exit codes: 0 success, 1 findings or changes, 2 bad usage or input, 3 internal error."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /** The subcommands, in the order {@code --help} lists them. */
    static final List<String> COMMANDS = List.of("images", "preview", "fix", "lint", "runner-config", "iam-policy",
            "mirror-config", "cutover", "propose", "simulate", "usage", "init", "rules");

    public static void main(String[] args) {
        if (Timing.enabled()) {
            TimingReport.started();
        }
        boolean directed = ShortRunCompiler.apply();
        Timing.mark(directed ? "compiler directive (c2 off)" : "compiler directive (not set)");
        CheckedStream stdout = new CheckedStream(new FileOutputStream(FileDescriptor.out));
        int code = run(args, new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true),
                new PrintWriter(new EscapingWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)), true),
                stdout::failure);
        if (Timing.enabled()) {
            TimingReport.print(new PrintWriter(System.err, true, StandardCharsets.UTF_8));
        }
        System.exit(code);
    }

    /**
     * A new instance of the named subcommand. Only the command that runs is loaded: picocli reflects over every
     * command it is given, and the GitLab client, the simulator and the TOML writer have no place on the path of
     * {@code spotlane lint}, which runs in every merge request.
     */
    static Object command(String name) {
        return switch (name) {
            case "images" -> new ImagesCommand();
            case "preview" -> new PreviewCommand();
            case "fix" -> new FixCommand();
            case "lint" -> new LintCommand();
            case "runner-config" -> new RunnerConfigCommand();
            case "iam-policy" -> new IamPolicyCommand();
            case "mirror-config" -> new MirrorConfigCommand();
            case "cutover" -> new CutoverCommand();
            case "propose" -> new ProposeCommand();
            case "simulate" -> new SimulateCommand();
            case "usage" -> new UsageCommand();
            case "init" -> new InitCommand();
            case "rules" -> new RulesCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** Runs a command line with the given streams and returns its exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, () -> null);
    }

    /**
     * Runs a command line; a failure to write standard output (a full disk, {@code > /dev/full}) is an error, exit
     * 2, whatever the command found: an empty or cut report must not pass for a clean one.
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, java.util.function.Supplier<String> outFailure) {
        int code = execute(args, out, err);
        if (out.checkError()) {
            String why = outFailure.get();
            err.println("spotlane: cannot write to standard output" + (why == null ? "" : ": " + why)
                    + "; the output is incomplete");
            err.flush();
            return ExitCode.USAGE;
        }
        return code;
    }

    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // models built without reflecting over the annotations (CommandSpecs, generated from them at build time)
        CommandLine cl = new CommandLine(CommandSpecs.model(new Main()));
        // the command named first is all a run needs; help, version and mistakes get every command
        List<String> wanted = args.length > 0 && COMMANDS.contains(args[0]) ? List.of(args[0]) : COMMANDS;
        for (String name : wanted) {
            cl.addSubcommand(name, CommandSpecs.model(command(name)));
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            printLines(ex.getCommandLine().getErr(), usageMessage(ex));
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof UserError) {
                printLines(c.getErr(), ex.getMessage());
                return ExitCode.USAGE;
            }
            if (ex instanceof java.io.IOException io) {
                printLines(c.getErr(), ioMessage(io));
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
        Timing.mark("command line set up");
        int code;
        try {
            code = cl.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            code = resourceError(e, err);
        }
        out.flush();
        err.flush();
        Timing.mark("command done");
        return code;
    }

    /**
     * One line for a command line picocli could not parse: an unknown command or option says so and names the
     * nearest known one; anything else is picocli's message; both end with where help is.
     */
    static String usageMessage(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        String name = c.getCommandSpec().qualifiedName();
        String help = " (see '" + name + " --help')";
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            boolean option = arg.startsWith("-");
            boolean command = !option && c.getSubcommands().size() > 0 && c.getCommandSpec().positionalParameters()
                    .isEmpty();
            java.util.List<String> suggestions = u.getSuggestions();
            String near = suggestions.isEmpty() ? null : suggestions.get(0);
            if (option && near != null && arg.contains("=")) {
                near = near + arg.substring(arg.indexOf('='));
            }
            if (c.getParent() != null && (arg.equals("-V") || arg.equals("--version"))) {
                return name + ": unknown option \"" + arg + "\"; the version is printed by 'spotlane --version'";
            }
            String what = option ? "unknown option" : command ? "unknown command" : "unexpected argument";
            return name + ": " + what + " \"" + arg + "\"" + (near == null ? "" : "; did you mean \"" + near + "\"?")
                    + help;
        }
        String message = ex.getMessage() == null ? "invalid command line" : ex.getMessage();
        return name + ": " + Character.toLowerCase(message.charAt(0)) + message.substring(1) + help;
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

    /** A message of one or more lines, each escaped: names and values from a repository never reach the terminal raw. */
    static void printLines(PrintWriter err, String message) {
        for (String line : String.valueOf(message).split("\n", -1)) {
            err.println(TerminalText.line(line));
        }
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
