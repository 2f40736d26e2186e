package dev.spotlane.yaml;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Strict UTF-8 decoding that says where the first bad byte is (byte offset, line and column in code points). */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Decodes strict UTF-8.
     *
     * @throws EncodingException naming the file, the line and column of the first byte that is not UTF-8, the byte
     *                           and its offset (and saying so when the file is UTF-16 or UTF-32)
     */
    public static String decode(byte[] bytes, String name) throws EncodingException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (!r.isError()) {
            return out.flip().toString();
        }
        int offset = in.position();
        String before = out.flip().toString();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < before.length(); i++) {
            if (before.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = before.codePointCount(lineStart, before.length()) + 1;
        String message = "not valid UTF-8 text: byte 0x" + String.format(Locale.ROOT, "%02X", bytes[offset] & 0xff)
                + " at byte offset " + offset + utf16Hint(bytes) + "; GitLab reads CI configuration as UTF-8";
        throw new EncodingException(new YamlError(name, new Position(line, column), before.length(), message));
    }

    private static String utf16Hint(byte[] b) {
        if (b.length >= 4 && (b[0] == 0 && b[1] == 0 && (b[2] & 0xff) == 0xFE && (b[3] & 0xff) == 0xFF
                || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE && b[2] == 0 && b[3] == 0)) {
            return " (the file is UTF-32: save it as UTF-8)";
        }
        if (b.length >= 2 && ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE
                || (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF)) {
            return " (the file is UTF-16: save it as UTF-8)";
        }
        return "";
    }
}
