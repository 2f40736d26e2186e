package dev.spotlane.resolve;

import dev.spotlane.yaml.SafeFiles;
import dev.spotlane.yaml.Source;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Includes read from a checkout on disk. Paths never leave the root: {@code ../} escapes and symbolic links that
 * point outside are refused. Other projects resolve only when mapped to a local folder.
 */
public final class CheckoutIncludeSource implements IncludeSource {
    private final Path root;
    private final Path realRoot;
    private final String label;
    private final Map<String, Path> projects;
    private final String displayRoot;
    private final Map<String, String> variables;

    /**
     * @param root     the repository root
     * @param label    how this project's files are named in messages ("" for the project being resolved)
     * @param projects project path ({@code group/sub/project}) → local folder, for {@code include:project}
     */
    public CheckoutIncludeSource(Path root, String label, Map<String, Path> projects) {
        this(root, label, projects, null);
    }

    /**
     * @param displayRoot how the root is written in messages, so included files are named like the main file
     *                    ({@code examples/demo} gives {@code examples/demo/ci/a.yml}); null names them relative to
     *                    the working directory
     */
    public CheckoutIncludeSource(Path root, String label, Map<String, Path> projects, String displayRoot) {
        this(root, label, projects, displayRoot, Map.of());
    }

    /**
     * @param variables variables known for this project ({@code --var}), expanded in component paths
     */
    public CheckoutIncludeSource(Path root, String label, Map<String, Path> projects, String displayRoot,
                                 Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
        this.displayRoot = displayRoot;
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        this.label = Objects.requireNonNull(label, "label");
        this.projects = Map.copyOf(projects);
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
    }

    public CheckoutIncludeSource(Path root) {
        this(root, "", Map.of());
    }

    public Path root() {
        return root;
    }

    @Override
    public String label() {
        return label;
    }

    private Path inside(String path) throws IncludeException {
        String rel = path.startsWith("/") ? path.substring(1) : path;
        Path p = root.resolve(rel).normalize();
        if (!p.startsWith(root)) {
            throw new IncludeException("\"" + path + "\" is outside the repository");
        }
        if (Files.exists(p)) {
            try {
                if (!p.toRealPath().startsWith(realRoot)) {
                    throw new IncludeException("\"" + path + "\" links outside the repository");
                }
            } catch (IOException e) {
                throw new IncludeException("\"" + path + "\" cannot be read: " + e.getMessage());
            }
        }
        return p;
    }

    @Override
    public Source read(String path) throws IncludeException {
        Path p = inside(path);
        String name = displayName(p);
        try {
            if (Files.isDirectory(p)) {
                throw new IncludeException("\"" + path + "\" is a directory");
            }
            return Source.readConfined(root, p, name);
        } catch (SafeFiles.RefusedException e) {
            throw new IncludeException("\"" + path + "\" " + e.getReason());
        } catch (NoSuchFileException e) {
            throw new IncludeException("local file \"" + path + "\" does not exist");
        } catch (AccessDeniedException e) {
            throw new IncludeException("\"" + name + "\" cannot be read: permission denied");
        } catch (IOException e) {
            throw new IncludeException("\"" + name + "\" cannot be read: " + e.getMessage());
        }
    }

    /** The name a file of this checkout is reported under: relative to the working directory where possible. */
    private String displayName(Path file) {
        String rel = root.relativize(file).toString().replace('\\', '/');
        if (!label.isEmpty()) {
            return label + ":" + rel;
        }
        if (displayRoot != null) {
            return displayRoot.isEmpty() || displayRoot.equals(".") ? rel
                    : displayRoot.endsWith("/") ? displayRoot + rel : displayRoot + "/" + rel;
        }
        Path cwd = Path.of("").toAbsolutePath();
        try {
            return cwd.relativize(file).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    @Override
    public boolean exists(String path) {
        try {
            return Files.exists(inside(path));
        } catch (IncludeException e) {
            return false;
        }
    }

    @Override
    public List<String> glob(String pattern) throws IncludeException {
        String rel = pattern.startsWith("/") ? pattern.substring(1) : pattern;
        if (rel.contains("..")) {
            throw new IncludeException("\"" + pattern + "\" is outside the repository");
        }
        Pattern re = Glob.toRegex(rel);
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String r = root.relativize(p).toString().replace('\\', '/');
                if (re.matcher(r).matches() && !r.startsWith(".git/")) {
                    out.add(r);
                }
            });
        } catch (IOException e) {
            throw new IncludeException("cannot list files for \"" + pattern + "\": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    @Override
    public Optional<IncludeSource> project(String project, String ref) {
        Path dir = projects.get(project);
        return dir == null ? Optional.empty()
                : Optional.of(new CheckoutIncludeSource(dir, project, projects, null, variables));
    }

    @Override
    public Map<String, String> variables() {
        return variables;
    }
}
