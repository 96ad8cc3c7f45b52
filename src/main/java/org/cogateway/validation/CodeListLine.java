package org.cogateway.validation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A meaningful line of a code-list file: its content without comment, and its number for error messages. */
record CodeListLine(String file, int number, String content) {

    /** Reads every line that is not blank once '#' comments are removed; closes the stream. */
    static List<CodeListLine> read(String file, InputStream in) {
        List<CodeListLine> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int number = 0;
            for (String raw = reader.readLine(); raw != null; raw = reader.readLine()) {
                number++;
                int comment = raw.indexOf('#');
                String content = (comment < 0 ? raw : raw.substring(0, comment)).strip();
                if (!content.isEmpty()) {
                    lines.add(new CodeListLine(file, number, content));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read code list " + file, e);
        }
        return lines;
    }

    MalformedCodeListException malformed(String problem) {
        return new MalformedCodeListException(file, number, problem + ": '" + content + "'");
    }
}
