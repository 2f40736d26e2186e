package dev.spotlane.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void noPhantomLineAtTheEnd() {
        assertEquals("""
                --- a/f.yml
                +++ b/f.yml
                @@ -1,2 +1,2 @@
                 a: 1
                -b: 2
                +b: 3
                """, UnifiedDiff.of("f.yml", "a: 1\nb: 2\n", "a: 1\nb: 3\n"));
    }

    @Test
    void carriageReturnsStayInTheLines() {
        assertEquals("--- a/f.yml\n+++ b/f.yml\n@@ -1,2 +1,2 @@\n a: 1\r\n-b: 2\r\n+b: 3\r\n",
                UnifiedDiff.of("f.yml", "a: 1\r\nb: 2\r\n", "a: 1\r\nb: 3\r\n"));
    }

    @Test
    void aLastLineWithoutBreakIsMarked() {
        assertEquals("""
                --- a/f.yml
                +++ b/f.yml
                @@ -1,2 +1,3 @@
                 a: 1
                -b: 2
                \\ No newline at end of file
                +b: 2
                +c: 3
                \\ No newline at end of file
                """, UnifiedDiff.of("f.yml", "a: 1\nb: 2", "a: 1\nb: 2\nc: 3"));
    }

    @Test
    void absolutePathsGetNoDoubleSlash() {
        assertEquals("--- a/tmp/r/f.yml", UnifiedDiff.of("/tmp/r/f.yml", "a\n", "b\n").lines().findFirst()
                .orElseThrow());
    }

    @Test
    void equalTextsGiveNothing() {
        assertEquals("", UnifiedDiff.of("f.yml", "a\n", "a\n"));
    }
}
