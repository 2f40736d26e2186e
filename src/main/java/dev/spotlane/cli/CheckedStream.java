package dev.spotlane.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Standard output that remembers why a write failed (a full disk, a closed pipe), for the message. */
final class CheckedStream extends FilterOutputStream {
    private volatile IOException failure;

    CheckedStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            failure = failure == null ? e : failure;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            failure = failure == null ? e : failure;
            throw e;
        }
    }

    String failure() {
        IOException f = failure;
        return f == null || f.getMessage() == null ? null : f.getMessage().toLowerCase(java.util.Locale.ROOT);
    }
}
