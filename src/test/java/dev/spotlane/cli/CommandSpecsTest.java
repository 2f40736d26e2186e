package dev.spotlane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertIterableEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code CommandSpecs.java} is what {@link CommandSpecsSource} writes from the annotations, and each model it builds
 * equals the one picocli builds by reflection: every argument's attributes, the usage help, and where each parsed
 * value lands in the command object. {@code -Dspecs.update=true} rewrites the file.
 */
class CommandSpecsTest {
    private static final Path FILE = Path.of("src/main/java/dev/spotlane/cli/CommandSpecs.java");

    @Test
    void theFileIsWhatTheAnnotationsSay() throws IOException {
        String expected = CommandSpecsSource.generate();
        if (Boolean.getBoolean("specs.update")) {
            Files.writeString(FILE, expected);
        }
        assertEquals(expected, Files.readString(FILE), FILE + " is stale: rewrite it with"
                + " ./mvnw -q test -Dtest=CommandSpecsTest -Dspecs.update=true");
    }

    static Stream<String> commands() {
        List<String> all = new ArrayList<>(Main.COMMANDS);
        all.add(0, "spotlane");
        return all.stream();
    }

    private static Object fresh(String name) {
        return name.equals("spotlane") ? new Main() : Main.command(name);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void eachModelEqualsPicocliReflection(String name) throws Exception {
        Object command = fresh(name);
        Object model = CommandSpecs.model(command);
        if (model == command) {
            assertTrue(CommandSpecsSource.hasArgGroup(command.getClass()),
                    name + " is left to reflection but has no @ArgGroup");
            return;
        }
        CommandSpec generated = (CommandSpec) model;
        CommandSpec reflected = CommandSpec.forAnnotatedObject(fresh(name));
        assertIterableEquals(List.of(describe(reflected).split("\n")), List.of(describe(generated).split("\n")));
        assertEquals(new CommandLine(reflected).getUsageMessage(CommandLine.Help.Ansi.OFF),
                new CommandLine(generated).getUsageMessage(CommandLine.Help.Ansi.OFF));
        assertSpecInjected(command, generated);
    }

    /** Each option, given a value of its type, lands in the same field of the command object either way. */
    @ParameterizedTest
    @MethodSource("commands")
    void parsedValuesLandInTheSameFields(String name) throws Exception {
        Object probe = CommandSpecs.model(fresh(name));
        if (!(probe instanceof CommandSpec spec)) {
            return;
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(List.of());
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            lines.add(o.arity().max() == 0 ? List.of(o.longestName()) : List.of(o.longestName(), sample(o)));
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            lines.add(List.of(sample(p)));
        }
        assertTrue(lines.size() > 1 || spec.options().size() <= 2, name + ": nothing to parse");
        for (List<String> line : lines) {
            Object viaModel = fresh(name);
            Object viaReflection = fresh(name);
            String a = parse(new CommandLine(CommandSpecs.model(viaModel)), line);
            String b = parse(new CommandLine(viaReflection), line);
            assertEquals(b, a, name + " " + line);
            assertEquals(state(viaReflection), state(viaModel), name + " " + line);
        }
    }

    private static String parse(CommandLine cl, List<String> args) {
        try {
            cl.parseArgs(args.toArray(String[]::new));
            return "ok";
        } catch (CommandLine.ParameterException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String sample(ArgSpec a) {
        Class<?> t = a.type();
        Class<?>[] aux = a.auxiliaryTypes();
        if (Map.class.isAssignableFrom(t)) {
            return one(aux[0]) + "=" + one(aux[aux.length - 1]);
        }
        if (List.class.isAssignableFrom(t) || t.isArray()) {
            String v = one(aux[0]);
            return a.splitRegex().isEmpty() ? v : v + "," + v;
        }
        return one(t);
    }

    private static String one(Class<?> t) {
        if (t.isEnum()) {
            Object[] values = t.getEnumConstants();
            return values[values.length - 1].toString();
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "7";
        }
        if (t == double.class || t == Double.class) {
            return "0.5";
        }
        if (t == java.time.Duration.class) {
            return "PT5M";
        }
        return "x";
    }

    /** Every annotated field of a command and its mixins, by path, as text. */
    private static Map<String, String> state(Object o) throws IllegalAccessException {
        Map<String, String> out = new TreeMap<>();
        state(o, "", out);
        return out;
    }

    private static void state(Object o, String prefix, Map<String, String> out) throws IllegalAccessException {
        for (Field f : o.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                state(f.get(o), prefix + f.getName() + ".", out);
            } else if (f.isAnnotationPresent(CommandLine.Option.class)
                    || f.isAnnotationPresent(CommandLine.Parameters.class)) {
                Object v = f.get(o);
                out.put(prefix + f.getName(), v != null && v.getClass().isArray() ? Arrays.toString((Object[]) v)
                        : String.valueOf(v));
            }
        }
    }

    private static void assertSpecInjected(Object command, CommandSpec spec) throws IllegalAccessException {
        for (Field f : command.getClass().getDeclaredFields()) {
            f.setAccessible(true);
            if (f.isAnnotationPresent(CommandLine.Spec.class)) {
                assertSame(spec, f.get(command), f.getName());
            } else if (f.isAnnotationPresent(CommandLine.Mixin.class)) {
                assertNotSame(null, f.get(command), f.getName());
            }
        }
    }

    /** The attributes of a model that decide parsing and help, one line each. */
    private static String describe(CommandSpec s) {
        StringBuilder b = new StringBuilder();
        b.append("name ").append(s.name()).append('\n')
                .append("mixins ").append(s.mixins().keySet()).append('\n')
                .append("version ").append(s.versionProvider() == null ? null
                        : s.versionProvider().getClass().getName()).append('\n')
                .append("standard help ").append(s.mixinStandardHelpOptions()).append('\n')
                .append("description ").append(Arrays.toString(s.usageMessage().description())).append('\n')
                .append("footer ").append(Arrays.toString(s.usageMessage().footer())).append('\n')
                .append("sort ").append(s.usageMessage().sortOptions()).append('\n');
        for (ArgSpec a : s.args()) {
            b.append(a instanceof OptionSpec o ? "option " + Arrays.toString(o.names())
                            + " usageHelp=" + o.usageHelp() + " versionHelp=" + o.versionHelp()
                            + " negatable=" + o.negatable() + " order=" + o.order()
                            + " fallback=" + o.fallbackValue()
                            : "positional " + ((PositionalParamSpec) a).index())
                    .append(" arity=").append(a.arity()).append(a.arity().isUnspecified() ? "(unspecified)" : "")
                    .append(" type=").append(a.type().getName())
                    .append(" aux=").append(Arrays.toString(a.auxiliaryTypes()))
                    .append(" label=").append(a.paramLabel())
                    .append(" hideSyntax=").append(a.hideParamSyntax())
                    .append(" description=").append(Arrays.toString(a.description()))
                    .append(" descriptionKey=").append(a.descriptionKey())
                    .append(" default=").append(a.defaultValue())
                    .append(" required=").append(a.required())
                    .append(" split=").append(a.splitRegex())
                    .append(" hidden=").append(a.hidden())
                    .append(" interactive=").append(a.interactive())
                    .append(" showDefault=").append(a.showDefaultValue())
                    .append(" candidates=").append(a.completionCandidates())
                    .append(" initial=").append(a.hasInitialValue()).append('/').append(a.initialValue())
                    .append(" converters=").append(a.converters().length)
                    .append(" scope=").append(a.scopeType())
                    .append(" inherited=").append(a.inherited())
                    .append(" mapFallback=").append(a.mapFallbackValue())
                    .append('\n');
        }
        return b.toString();
    }
}
