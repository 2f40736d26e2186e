package dev.spotlane.transform;

import dev.spotlane.yaml.SafeFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes the files a {@link FixResult} changes, each through {@link SafeFiles#write}: atomically, and only when the
 * file still holds the bytes the plan was made from (SHA-256, checked just before the replace), so an edit made
 * while {@code fix} ran is never lost: that file is refused and the others are written. A file that cannot be
 * written (read-only, a link out of the repository, a full disk) does not stop the others; the {@link Report} says
 * which were written and which not, and why.
 */
public final class FixWriter {
    private FixWriter() {
    }

    /**
     * What was written.
     *
     * @param written    the files replaced (in the order written)
     * @param inPlace    those of them written in place (they have other hard links), not atomically
     * @param notWritten file → why it was not written
     */
    public record Report(List<String> written, List<String> inPlace, Map<String, String> notWritten) {
        public Report {
            written = List.copyOf(written);
            inPlace = List.copyOf(inPlace);
            notWritten = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(notWritten));
        }

        /** True when every changed file was written. */
        public boolean complete() {
            return notWritten.isEmpty();
        }
    }

    /**
     * Writes every changed file.
     *
     * @param root    the repository root: a symbolic link is followed only to a regular file inside it (null: none)
     * @param force   replace read-only files too
     * @param written told of each file as soon as it is written (to report an interrupted run), or null
     */
    public static Report write(FixResult result, Path root, boolean force, Consumer<String> written) {
        return write(result, root, force, written, null);
    }

    /** As {@link #write(FixResult, Path, boolean, Consumer)}, with a hook run just before each replace (tests). */
    static Report write(FixResult result, Path root, boolean force, Consumer<String> written, SafeFiles.Hook hook) {
        Objects.requireNonNull(result, "result");
        List<String> done = new ArrayList<>();
        List<String> inPlace = new ArrayList<>();
        Map<String, String> refused = new LinkedHashMap<>();
        for (FileChange c : result.changes()) {
            try {
                SafeFiles.Outcome outcome = SafeFiles.write(Path.of(c.name()),
                        c.newText().getBytes(StandardCharsets.UTF_8),
                        new SafeFiles.WriteOptions(root, force, c.oldText().getBytes(StandardCharsets.UTF_8), hook));
                done.add(c.name());
                if (outcome == SafeFiles.Outcome.IN_PLACE) {
                    inPlace.add(c.name());
                }
                if (written != null) {
                    written.accept(c.name());
                }
            } catch (FileSystemException e) {
                refused.put(c.name(), e.getReason() != null ? e.getReason()
                        : e.getMessage() == null ? "cannot be written" : e.getMessage());
            } catch (IOException e) {
                refused.put(c.name(), e.getMessage() == null ? "input/output error" : e.getMessage());
            }
        }
        return new Report(done, inPlace, refused);
    }
}
