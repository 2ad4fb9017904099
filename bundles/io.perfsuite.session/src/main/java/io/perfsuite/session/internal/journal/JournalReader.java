// SPDX-License-Identifier: GPL-3.0-or-later
package io.perfsuite.session.internal.journal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.perfsuite.session.internal.Json;

/**
 * Reads a session journal back. A last line without its newline that does not parse is what a crash in the middle of
 * a write leaves: it is reported as truncated and ignored. Any other line that does not parse is reported and
 * skipped, so one damaged line does not lose the rest of a rehearsal.
 *
 * <p>Stateless; any thread but the session thread (it reads a file).
 */
public final class JournalReader {

    /**
     * One parsed line.
     *
     * @param number the 1-based line number
     * @param fields its members
     */
    public record Line(int number, Map<String, Object> fields) {

        /** @return the member as text, or null */
        public String text(String name) {
            Object v = fields.get(name);
            return v == null ? null : v.toString();
        }
    }

    /**
     * What the journal holds.
     *
     * @param lines    the lines that parsed, in order
     * @param warnings what was skipped and why, for people
     */
    public record Result(List<Line> lines, List<String> warnings) {
    }

    private JournalReader() {
    }

    /**
     * Reads a journal file.
     *
     * @param file the file
     * @return its lines and warnings
     * @throws IOException if the file cannot be read
     */
    @SuppressWarnings("unchecked")
    public static Result read(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        List<Line> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        boolean endsWithNewline = text.endsWith("\n");
        int count = endsWithNewline ? raw.length - 1 : raw.length;
        for (int i = 0; i < count; i++) {
            String line = raw[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean last = i == count - 1;
            try {
                Object value = Json.parse(line);
                if (!(value instanceof Map)) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                lines.add(new Line(i + 1, (Map<String, Object>) value));
            } catch (IllegalArgumentException e) {
                if (last && !endsWithNewline) {
                    warnings.add("line " + (i + 1) + " is truncated (the session stopped while writing it, e.g. "
                            + "killed): ignored");
                } else {
                    warnings.add("line " + (i + 1) + " is not a valid journal line (" + e.getMessage()
                            + "): skipped");
                }
            }
        }
        return new Result(List.copyOf(lines), List.copyOf(warnings));
    }
}
