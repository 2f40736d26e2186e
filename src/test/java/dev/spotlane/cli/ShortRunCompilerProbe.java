package dev.spotlane.cli;

/**
 * Run in a child JVM by {@link ShortRunCompilerTest}: applies the directive as {@link Main#main} does, then prints
 * what the JVM answers and the directives it now holds ({@code jcmd <pid> Compiler.directives_print}).
 */
public final class ShortRunCompilerProbe {
    private ShortRunCompilerProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("applied: " + ShortRunCompiler.apply());
        String directives;
        try {
            directives = ShortRunCompiler.diagnosticCommand("Compiler.directives_print");
        } catch (ReflectiveOperationException | RuntimeException e) {
            directives = "unreadable: " + e;
        }
        System.out.println(directives);
    }
}
