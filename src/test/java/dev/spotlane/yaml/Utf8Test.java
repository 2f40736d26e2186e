package dev.spotlane.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Strict UTF-8 with the place of the first bad byte: byte offset, line, and column in code points. */
class Utf8Test {

    private static EncodingException refused(byte[] bytes) {
        return assertThrows(EncodingException.class, () -> Utf8.decode(bytes, "ci.yml"));
    }

    @Test
    void validTextIsKeptAsIs() throws Exception {
        String text = "\ufeffa: \"𝄞 é\"\r\nb: 2";
        assertEquals(text, Utf8.decode(text.getBytes(StandardCharsets.UTF_8), "ci.yml"));
        assertEquals("", Utf8.decode(new byte[0], "ci.yml"));
    }

    @Test
    void theFirstBadByteIsNamedWithItsLineAndColumnInCodePoints() {
        byte[] before = "a: 1\nb: \"𝄞é".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[before.length + 2];
        System.arraycopy(before, 0, bytes, 0, before.length);
        bytes[before.length] = (byte) 0xe9;
        bytes[before.length + 1] = '"';
        EncodingException e = refused(bytes);
        // 𝄞 is one code point (two chars), é one: the bad byte is the 7th code point of line 2
        assertEquals(new Position(2, 7), e.error().position());
        assertEquals("ci.yml:2:7: not valid UTF-8 text: byte 0xE9 at byte offset " + before.length
                + "; GitLab reads CI configuration as UTF-8 [yaml-syntax]", e.getMessage());
    }

    @Test
    void utf16AndTruncatedSequencesAreNamed() {
        EncodingException e = refused(new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 0});
        assertEquals("ci.yml:1:1: not valid UTF-8 text: byte 0xFF at byte offset 0 (the file is UTF-16: save it as"
                + " UTF-8); GitLab reads CI configuration as UTF-8 [yaml-syntax]", e.getMessage());
        EncodingException cut = refused(new byte[] {'a', ':', ' ', (byte) 0xc3});
        assertEquals(new Position(1, 4), cut.error().position());
    }

    @Test
    void sourceReadThrowsTheEncodingError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.yml");
        Files.write(f, new byte[] {'a', ':', '\n', (byte) 0x80});
        EncodingException e = assertThrows(EncodingException.class, () -> Source.read(f, "x.yml"));
        assertEquals(new Position(2, 1), e.error().position());
    }
}
