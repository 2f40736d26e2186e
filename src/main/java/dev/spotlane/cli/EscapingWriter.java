package dev.spotlane.cli;

import dev.spotlane.report.TerminalText;
import java.io.IOException;

/**
 * Standard error never carries a raw control character (spotlane writes no colour there): whatever a command
 * prints — a diagnostic naming an include, a job name in a summary — an escape sequence from a repository is
 * written escaped ({@link TerminalText}), line breaks and tabs kept.
 */
final class EscapingWriter extends java.io.FilterWriter {
    EscapingWriter(java.io.Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        write(new String(buf, off, len), 0, len);
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        StringBuilder b = new StringBuilder(len);
        int start = off;
        for (int i = off; i < off + len; i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && i + 1 < off + len && s.charAt(i + 1) == '\n')) {
                b.append(TerminalText.escape(s.substring(start, i))).append(c);
                start = i + 1;
            }
        }
        b.append(TerminalText.escape(s.substring(start, off + len)));
        out.write(b.toString());
    }
}
