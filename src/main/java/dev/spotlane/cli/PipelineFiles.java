package dev.spotlane.cli;

import dev.spotlane.yaml.EncodingException;
import dev.spotlane.yaml.ParseResult;
import dev.spotlane.yaml.SafeFiles;
import dev.spotlane.yaml.Source;
import dev.spotlane.yaml.YamlFile;
import dev.spotlane.yaml.YamlParser;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Finds, reads and parses the pipeline file a command was pointed at; every failure is a {@link UserError}. */
final class PipelineFiles {
    static final String DEFAULT_NAME = ".gitlab-ci.yml";

    private PipelineFiles() {
    }

    /** A file as given, or {@code .gitlab-ci.yml} inside a directory. */
    static Path locate(Path path) {
        if (Files.isDirectory(path)) {
            Path file = path.resolve(DEFAULT_NAME);
            if (!Files.exists(file)) {
                throw new UserError(display(path) + ": no " + DEFAULT_NAME + " in this directory");
            }
            return file;
        }
        if (!Files.exists(path)) {
            throw new UserError(display(path) + ": no such file or directory");
        }
        return path;
    }

    /** Reads and parses; a syntax error becomes {@code path:line:col: message}. */
    static YamlFile parse(Path path, Path root) {
        ParseResult result = read(path, root);
        if (!result.ok()) {
            throw new UserError(result.error() + " [yaml-syntax]");
        }
        return result.file();
    }

    /**
     * Reads and parses, leaving a syntax error to the caller; a missing or unreadable file is a UserError. The file
     * must resolve (symbolic links included) inside the repository root: a main file that links elsewhere is the
     * repository's doing, not the user's.
     */
    static ParseResult read(Path path, Path root) {
        Path file = locate(path);
        String name = display(file);
        Source source;
        try {
            source = Source.readConfined(root, file, name);
        } catch (EncodingException e) {
            return ParseResult.failed(e.error());
        } catch (SafeFiles.RefusedException e) {
            throw new UserError(e.getMessage() + (e.getReason().contains("outside the repository")
                    ? " (the repository root is \"" + display(root) + "\"; --root names another)" : ""));
        } catch (NoSuchFileException e) {
            throw new UserError(name + ": no such file or directory");
        } catch (AccessDeniedException e) {
            throw new UserError(name + ": permission denied");
        } catch (IOException e) {
            throw new UserError(e.getMessage() == null ? name + ": cannot be read" : e.getMessage());
        }
        return new YamlParser().parse(source);
    }

    /** A path as the user would write it: relative paths stay relative, with {@code /} separators. */
    static String display(Path path) {
        String s = path.normalize().toString().replace('\\', '/');
        return s.isEmpty() ? "." : s;
    }
}
