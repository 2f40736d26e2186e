package dev.spotlane.fleet.terraform;

import dev.spotlane.yaml.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Writes {@link TerraformFiles} into a folder that may also hold the user's own Terraform: a file is created when
 * absent and replaced (atomically) only when it is a regular file that spotlane wrote ({@link TerraformFiles#HEADER}
 * on its first line). Everything is checked before anything is written, so a refusal leaves the folder as it was.
 * A symbolic link, a folder, a FIFO or a device where a file goes is refused, never written through.
 */
public final class TerraformDir {
    private TerraformDir() {
    }

    /**
     * What a write did.
     *
     * @param created  files that did not exist
     * @param replaced files spotlane had written before
     * @param foreign  other entries of the folder, left alone (Terraform reads every {@code .tf} file in it)
     */
    public record Written(List<String> created, List<String> replaced, List<String> foreign) {
        public Written {
            created = List.copyOf(created);
            replaced = List.copyOf(replaced);
            foreign = List.copyOf(foreign);
        }
    }

    /** A file in the way that spotlane will not replace; the folder is left unchanged. */
    public static final class RefusedException extends SafeFiles.RefusedException {
        RefusedException(String file, String reason) {
            super(file, reason);
        }
    }

    /**
     * Writes every file into {@code dir}, creating the folder when it does not exist.
     *
     * @param force replace a read-only file spotlane wrote
     */
    public static Written write(Path dir, Map<String, String> files, boolean force) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(files, "files");
        String shown = dir.toString().replace('\\', '/');
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RefusedException(shown, "is not a folder; nothing written");
        }
        Files.createDirectories(dir);
        List<String> created = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (String name : files.keySet()) {
            Path target = dir.resolve(name);
            String display = shown + "/" + name;
            BasicFileAttributes a = attributes(target);
            if (a == null) {
                created.add(name);
            } else if (a.isSymbolicLink()) {
                throw new RefusedException(display, "is a symbolic link; nothing written (spotlane replaces only"
                        + " regular files it wrote)");
            } else if (!a.isRegularFile()) {
                throw new RefusedException(display, "is not a regular file; nothing written");
            } else if (!ours(target, display)) {
                throw new RefusedException(display, "was not written by spotlane (its first line is not spotlane's"
                        + " generated-file header); nothing written: move it away or choose another folder");
            } else if (!force && readOnly(target)) {
                throw new RefusedException(display, "is read-only; nothing written (pass --force to replace it)");
            } else {
                replaced.add(name);
            }
        }
        TreeSet<String> foreign = new TreeSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!files.containsKey(name) && !name.endsWith(".spotlane.tmp")) {
                    foreign.add(name);
                }
            }
        }
        for (Map.Entry<String, String> f : files.entrySet()) {
            SafeFiles.write(dir.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.UTF_8),
                    SafeFiles.WriteOptions.of(null, force));
        }
        return new Written(created, replaced, List.copyOf(foreign));
    }

    private static boolean ours(Path file, String display) throws IOException {
        byte[] head = SafeFiles.read(file, display);
        return new String(head, StandardCharsets.UTF_8).startsWith(TerraformFiles.HEADER);
    }

    private static boolean readOnly(Path p) throws IOException {
        try {
            return !Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)
                    .contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException e) {
            return !Files.isWritable(p);
        }
    }

    private static BasicFileAttributes attributes(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
    }
}
