package dev.spotlane.registry;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two real registries on 127.0.0.1, started once per test run and stopped at its end: {@link #open()} without auth
 * and {@link #locked()} behind htpasswd ({@link #USER}/{@link #PASSWORD}), each holding {@code spotlane/amd64:1},
 * {@code spotlane/arm64:1} and {@code spotlane/multi:1} ({@link OciLayout#standard(Path)}). A test asks for it as a
 * parameter of a {@code @BeforeEach} method
 * ({@code @ExtendWith(Registries.Resolver.class)}); the resolver skips the test (fails it under
 * {@code CI=true}) when docker-registry or skopeo is missing.
 *
 * @param open   the open registry
 * @param locked the registry behind htpasswd
 * @param images the descriptors of amd64, arm64 and multi
 * @param dir    the temp folder (layout, storage, logs), removed at the end
 */
public record Registries(LocalRegistry open, LocalRegistry locked, List<OciLayout.Descriptor> images, Path dir)
        implements AutoCloseable {
    public static final String USER = "ci-user";
    public static final String PASSWORD = "Shared-Registry-Pa55";

    /** Resolves {@link Registries} parameters with the run's one instance. */
    public static final class Resolver implements ParameterResolver, BeforeEachCallback {
        /**
         * Skips (or under CI fails) each test, with the message, before a {@code @BeforeEach} method asks for the
         * registries: a resolver cannot skip, and a class-level skip shows no message.
         */
        @Override
        public void beforeEach(ExtensionContext c) {
            LocalRegistry.requireTools();
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == Registries.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            LocalRegistry.requireTools();
            return c.getRoot().getStore(ExtensionContext.Namespace.create(Registries.class))
                    .computeIfAbsent("registries", k -> start(), Registries.class);
        }
    }

    private static Registries start() {
        Path dir = null;
        LocalRegistry open = null;
        LocalRegistry locked = null;
        try {
            dir = Files.createTempDirectory("spotlane-registries");
            List<OciLayout.Descriptor> images = OciLayout.standard(dir.resolve("layout"));
            open = LocalRegistry.start(Files.createDirectories(dir.resolve("open")), null, null);
            locked = LocalRegistry.start(Files.createDirectories(dir.resolve("locked")), USER, PASSWORD);
            for (LocalRegistry r : List.of(open, locked)) {
                for (String tag : List.of("amd64", "arm64", "multi")) {
                    r.push(dir.resolve("layout"), tag, "spotlane/" + tag + ":1");
                }
            }
            return new Registries(open, locked, images, dir);
        } catch (IOException e) {
            new Registries(open, locked, List.of(), dir).close();
            throw new IllegalStateException("cannot start the test registries", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            new Registries(open, locked, List.of(), dir).close();
            throw new IllegalStateException("interrupted while starting the test registries", e);
        }
    }

    @Override
    public void close() {
        if (open != null) {
            open.close();
        }
        if (locked != null) {
            locked.close();
        }
        if (dir != null) {
            try {
                Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
                        Files.delete(f);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                // a leftover temp folder is not worth failing the run for
            }
        }
    }
}
