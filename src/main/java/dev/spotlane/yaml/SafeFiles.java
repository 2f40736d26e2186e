package dev.spotlane.yaml;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one gate every file read and write of spotlane goes through, because every file a repository names is hostile
 * (the merge request lint job reads files the author of the merge request controls).
 * <ul>
 *   <li><b>Reads</b>: only regular files (never a FIFO, a device or a directory), and the size is checked before
 *   reading, then bounded while reading (a file that grows stops at {@code limit + 1} bytes).
 *   {@link #confine} checks that a path a repository file named resolves, symbolic links included, inside the
 *   repository root.</li>
 *   <li><b>Writes</b> ({@link #write}): a regular file is replaced atomically (a temporary file beside it, then a
 *   rename) keeping its mode, owner and group; a device, FIFO or socket (e.g. {@code /dev/null},
 *   {@code /dev/stdout}) is written through, never replaced; a block device or a directory is refused; a read-only
 *   file is refused unless forced; a file with several hard links is written in place so the links stay one file
 *   (the write is then not atomic, and the outcome says so); a symbolic link inside the repository is followed only
 *   to a regular file inside the repository, else refused. Temporary files are named
 *   {@code .NAME.*.spotlane.tmp}; stale ones beside the target are removed first, and live ones are removed when the
 *   process is interrupted.</li>
 * </ul>
 */
public final class SafeFiles {
    /** The largest file spotlane reads as input: 8 MiB. */
    public static final long MAX_BYTES = 8L * 1024 * 1024;
    private static final String TMP_SUFFIX = ".spotlane.tmp";
    private static final Set<Path> LIVE_TEMPS = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookInstalled;

    private SafeFiles() {
    }

    /** A file spotlane will not read or write, with a message naming it and saying why (never its content). */
    public static class RefusedException extends FileSystemException {
        public RefusedException(String file, String reason) {
            super(file, null, reason);
        }
    }

    /** A file changed between the moment spotlane read it and the moment it was to be replaced. */
    public static final class ChangedException extends RefusedException {
        public ChangedException(String file) {
            super(file, "changed since spotlane read it; not written (run spotlane again)");
        }
    }

    /** Reads a whole regular file of at most {@link #MAX_BYTES}, reported under {@code name}. */
    public static byte[] read(Path file, String name) throws IOException {
        return read(file, name, MAX_BYTES);
    }

    /**
     * Reads a whole regular file of at most {@code limit} bytes. The type and size are checked before anything is
     * read; a file that grows while being read is cut at {@code limit + 1} bytes and refused.
     *
     * @throws RefusedException when it is not a regular file or is too large
     */
    public static byte[] read(Path file, String name, long limit) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (!attrs.isRegularFile()) {
            throw new RefusedException(name, "is " + kind(attrs) + ", not a regular file; not read");
        }
        if (attrs.size() > limit) {
            throw tooLarge(name, attrs.size(), limit);
        }
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(limit + 1, Math.max(attrs.size() + 1, 8192)));
            while (true) {
                if (!buf.hasRemaining()) {
                    if (buf.capacity() > limit) {
                        throw tooLarge(name, -1, limit);
                    }
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(limit + 1, (long) buf.capacity() * 2));
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            if (buf.position() > limit) {
                throw tooLarge(name, -1, limit);
            }
            return Arrays.copyOf(buf.array(), buf.position());
        }
    }

    private static RefusedException tooLarge(String name, long size, long limit) {
        return new RefusedException(name, (size >= 0 ? "is " + size + " bytes" : "is larger than the limit") + ", over the limit of "
                + limit + " bytes; not read");
    }

    private static String kind(BasicFileAttributes a) {
        return a.isDirectory() ? "a directory" : a.isSymbolicLink() ? "a symbolic link"
                : a.isOther() ? "a device, FIFO or socket" : "not a regular file";
    }

    /**
     * The real path of {@code file}, which a repository file named, provided it lies (symbolic links resolved)
     * inside {@code root}.
     *
     * @param asWritten how the path was written, for the message
     * @throws RefusedException when it resolves outside the root
     * @throws NoSuchFileException when it does not exist
     */
    public static Path confine(Path root, Path file, String asWritten) throws IOException {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(file, "file");
        Path abs = file.toAbsolutePath().normalize();
        Path absRoot = root.toAbsolutePath().normalize();
        if (!abs.startsWith(absRoot)) {
            throw new RefusedException(asWritten, "is outside the repository; not read");
        }
        Path real = abs.toRealPath();
        if (!real.startsWith(realRoot(absRoot))) {
            throw new RefusedException(asWritten, "links outside the repository; not read");
        }
        return real;
    }

    /** Reads a file a repository file named: confined to {@code root}, regular, size-checked. */
    public static byte[] readConfined(Path root, Path file, String name) throws IOException {
        return read(confine(root, file, name), name);
    }

    private static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (IOException e) {
            return root;
        }
    }

    /** SHA-256 of some bytes, to tell whether a file still holds what was read. */
    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How a write reached its file. */
    public enum Outcome {
        /** a new file, created atomically */
        CREATED,
        /** an existing regular file, replaced atomically with its mode, owner and group kept */
        REPLACED,
        /** a regular file with several hard links (or an owner that cannot be kept), rewritten in place */
        IN_PLACE,
        /** a device, FIFO or socket, written through */
        THROUGH
    }

    /** Called just before a file is replaced; tests use it to change the file behind spotlane's back. */
    @FunctionalInterface
    public interface Hook {
        void beforeReplace(Path target) throws IOException;
    }

    /**
     * How to write.
     *
     * @param root     the repository root: a symbolic link (or a folder) at or below it is followed only inside it;
     *                 null when the command has no repository
     * @param force    replace a read-only file
     * @param expected the bytes the file must still hold (compared by SHA-256 just before replacing), or null
     * @param hook     called just before replacing, or null
     */
    public record WriteOptions(Path root, boolean force, byte[] expected, Hook hook) {
        public static WriteOptions of(Path root, boolean force) {
            return new WriteOptions(root, force, null, null);
        }
    }

    /** Writes {@code data} to {@code target} by the rules in the class comment. */
    public static Outcome write(Path target, byte[] data, WriteOptions o) throws IOException {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(o, "o");
        String name = target.toString().replace('\\', '/');
        Path abs = target.toAbsolutePath().normalize();
        Path root = o.root() == null ? null : o.root().toAbsolutePath().normalize();
        boolean inRepo = root != null && abs.startsWith(root);
        BasicFileAttributes link = attributes(abs, LinkOption.NOFOLLOW_LINKS);
        if (link != null && link.isSymbolicLink()) {
            BasicFileAttributes to = attributes(abs);
            if (to == null) {
                throw new RefusedException(name, "is a symbolic link to nothing; not written");
            }
            if (inRepo) {
                Path real = abs.toRealPath();
                if (!real.startsWith(realRoot(root))) {
                    throw new RefusedException(name, "is a symbolic link to outside the repository; not written");
                }
                if (!to.isRegularFile()) {
                    throw new RefusedException(name, "is a symbolic link to " + kind(to) + "; not written");
                }
                return write(real, data, o);
            }
            if (to.isRegularFile() || to.isDirectory()) {
                return write(abs.toRealPath(), data, o);
            }
            return through(abs, name, data);
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new NoSuchFileException(name, null, "its folder does not exist");
        }
        if (inRepo && !dir.toRealPath().startsWith(realRoot(root))) {
            throw new RefusedException(name, "its folder links outside the repository; not written");
        }
        if (link == null) {
            if (o.expected() != null) {
                throw new ChangedException(name);
            }
            replace(abs, name, data, null, o);
            return Outcome.CREATED;
        }
        if (link.isDirectory()) {
            throw new RefusedException(name, "is a directory; not written");
        }
        if (link.isOther()) {
            return through(abs, name, data);
        }
        if (!o.force() && readOnly(abs)) {
            throw new RefusedException(name, "is read-only; not replaced (pass --force to replace it)");
        }
        checkUnchanged(abs, name, o);
        Object links = attribute(abs, "unix:nlink");
        if (links instanceof Integer n && n > 1) {
            return inPlace(abs, name, data, o);
        }
        PosixFileAttributes posix = posix(abs);
        if (!replace(abs, name, data, posix, o)) {
            return inPlace(abs, name, data, o);
        }
        return Outcome.REPLACED;
    }

    /** Creates or replaces a file; false (nothing changed) when its owner or group cannot be kept. */
    private static boolean replace(Path abs, String name, byte[] data, PosixFileAttributes posix, WriteOptions o)
            throws IOException {
        Path dir = abs.getParent();
        cleanStale(abs);
        installHook();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", TMP_SUFFIX);
        LIVE_TEMPS.add(tmp);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                out.write(data);
            } catch (FileSystemException e) {
                throw e;
            } catch (IOException e) {
                throw failed(name, e);
            }
            if (posix == null && posix(tmp) != null) {
                // a new file gets what a shell redirect gives under the usual umask, not the temporary file's 0600
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            if (posix != null) {
                PosixFileAttributes mine = posix(tmp);
                try {
                    if (mine != null && !mine.owner().equals(posix.owner())) {
                        Files.setOwner(tmp, posix.owner());
                    }
                    if (mine != null && !mine.group().equals(posix.group())) {
                        Files.getFileAttributeView(tmp, PosixFileAttributeView.class).setGroup(posix.group());
                    }
                } catch (IOException | UnsupportedOperationException e) {
                    return false;
                }
                Files.setPosixFilePermissions(tmp, posix.permissions());
            }
            if (o.hook() != null) {
                o.hook().beforeReplace(abs);
            }
            checkUnchanged(abs, name, o);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } finally {
            Files.deleteIfExists(tmp);
            LIVE_TEMPS.remove(tmp);
        }
    }

    private static Outcome inPlace(Path abs, String name, byte[] data, WriteOptions o) throws IOException {
        if (o.hook() != null) {
            o.hook().beforeReplace(abs);
        }
        checkUnchanged(abs, name, o);
        try (OutputStream out = Files.newOutputStream(abs, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS)) {
            out.write(data);
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw failed(name, e);
        }
        return Outcome.IN_PLACE;
    }

    /** A write that failed (a full disk), as an exception naming the file. */
    private static FileSystemException failed(String name, IOException e) {
        FileSystemException f = new FileSystemException(name, null, e.getMessage() == null ? "input/output error"
                : e.getMessage().toLowerCase(java.util.Locale.ROOT));
        f.initCause(e);
        return f;
    }

    private static Outcome through(Path abs, String name, byte[] data) throws IOException {
        Object mode = attribute(abs, "unix:mode");
        if (mode instanceof Integer m && (m & 0170000) == 0060000) {
            throw new RefusedException(name, "is a block device; not written");
        }
        try (OutputStream out = Files.newOutputStream(abs, StandardOpenOption.WRITE)) {
            out.write(data);
            out.flush();
        } catch (FileSystemException e) {
            throw e;
        } catch (IOException e) {
            throw failed(name, e);
        }
        return Outcome.THROUGH;
    }

    private static void checkUnchanged(Path abs, String name, WriteOptions o) throws IOException {
        if (o.expected() == null) {
            return;
        }
        byte[] now;
        try {
            now = read(abs, name, Math.max(MAX_BYTES, o.expected().length));
        } catch (NoSuchFileException e) {
            throw new ChangedException(name);
        }
        if (!MessageDigest.isEqual(sha256(now), sha256(o.expected()))) {
            throw new ChangedException(name);
        }
    }

    private static boolean readOnly(Path abs) {
        PosixFileAttributes p = posix(abs);
        if (p != null && !p.permissions().contains(PosixFilePermission.OWNER_WRITE)
                && !p.permissions().contains(PosixFilePermission.GROUP_WRITE)
                && !p.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            return true;
        }
        return !Files.isWritable(abs);
    }

    /** Removes temporary files an interrupted earlier run left beside {@code target}. */
    private static void cleanStale(Path target) {
        String prefix = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target.getParent(),
                p -> {
                    String n = p.getFileName().toString();
                    return n.startsWith(prefix) && n.endsWith(TMP_SUFFIX);
                })) {
            for (Path p : ds) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !LIVE_TEMPS.contains(p)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            // best effort: a stale temporary file is untidy, not wrong
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        synchronized (SafeFiles.class) {
            if (!hookInstalled) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    for (Path p : LIVE_TEMPS) {
                        try {
                            Files.deleteIfExists(p);
                        } catch (IOException e) {
                            // nothing more can be done while the process ends
                        }
                    }
                }, "spotlane-temp-cleanup"));
                hookInstalled = true;
            }
        }
    }

    private static BasicFileAttributes attributes(Path p, LinkOption... options) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, options);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static PosixFileAttributes posix(Path p) {
        try {
            return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static Object attribute(Path p, String name) {
        try {
            return Files.getAttribute(p, name);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
