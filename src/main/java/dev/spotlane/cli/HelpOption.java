package dev.spotlane.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for a subcommand (a picocli mixin); {@code -V/--version} belongs to the top-level command only. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
