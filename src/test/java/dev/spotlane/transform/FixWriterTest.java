package dev.spotlane.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spotlane.Spotlane;
import dev.spotlane.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code fix} never loses an edit made while it ran, and says which files it wrote when a write fails
 * part-way (a full disk, an interruption), leaving no temporary file behind. The hook runs just before each replace,
 * where a concurrent editor or a full disk would strike.
 */
class FixWriterTest {
    @TempDir
    Path repo;
    FixResult plan;

    @BeforeEach
    void plan() throws Exception {
        Files.writeString(repo.resolve(".gitlab-ci.yml"),
                "include:\n  - local: ci/jobs.yml\nbuild:\n  image: golang:1.26\n  script: [make]\n");
        Files.createDirectories(repo.resolve("ci"));
        Files.writeString(repo.resolve("ci/jobs.yml"), "test:\n  image: golang:1.26\n  script: [make test]\n");
        plan = Spotlane.fix(repo, PolicyLoader.bundled());
        assertEquals(2, plan.changes().size(), "both files need a change");
    }

    @Test
    void aFileEditedAfterThePlanIsRefusedAndKeepsTheEdit() throws IOException {
        Path included = repo.resolve("ci/jobs.yml");
        String appended = Files.readString(included) + "added-meanwhile:\n  script: [echo]\n";
        List<String> told = new ArrayList<>();
        FixWriter.Report report = FixWriter.write(plan, repo, false, told::add, target -> {
            if (target.endsWith("ci/jobs.yml")) {
                Files.writeString(included, appended);
            }
        });
        String name = plan.changes().get(1).name();
        assertEquals(Map.of(name, "changed since spotlane read it; not written (run spotlane again)"),
                report.notWritten());
        assertEquals(List.of(plan.changes().get(0).name()), report.written());
        assertEquals(report.written(), told);
        assertEquals(appended, Files.readString(included), "the concurrent edit was lost");
        assertTrue(Files.readString(repo.resolve(".gitlab-ci.yml")).contains("tags:"));
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void aFullDiskPartWaySaysWhatWasWrittenAndLeavesNoTemporaryFile() throws IOException {
        FixWriter.Report report = FixWriter.write(plan, repo, false, null, target -> {
            if (target.endsWith("ci/jobs.yml")) {
                throw new IOException("No space left on device");
            }
        });
        assertEquals(List.of(plan.changes().get(0).name()), report.written());
        assertEquals(List.of(plan.changes().get(1).name()), List.copyOf(report.notWritten().keySet()));
        assertEquals("No space left on device", report.notWritten().get(plan.changes().get(1).name()));
        assertFalse(Files.readString(repo.resolve("ci/jobs.yml")).contains("tags:"), "half a write");
        assertEquals(List.of(), temporaryFiles());
    }

    @Test
    void theLibraryWriteNamesWhatWasAndWasNotWritten() throws IOException {
        Files.writeString(repo.resolve("ci/jobs.yml"), "test:\n  script: [edited by hand]\n");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class, () -> Spotlane.write(plan));
        assertTrue(e.getMessage().contains("jobs.yml: changed since spotlane read it; not written"), e.getMessage());
        assertTrue(e.getMessage().contains("written: "), e.getMessage());
        assertEquals("test:\n  script: [edited by hand]\n", Files.readString(repo.resolve("ci/jobs.yml")));
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> s = Files.walk(repo)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".spotlane.tmp")).toList();
        }
    }
}
