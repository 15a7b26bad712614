package dev.soctriage.detect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of one rule folder's {@code match.log} or {@code nomatch.log}, as the conventions define
 * them (docs/detections.md): UTF-8, one event per line as delivered, {@code #} lines are comments
 * (the last comment before a case names it), a blank line ends a case.
 */
record PackCases(List<Case> cases) {
    record Case(String name, int firstLine, List<String> lines) {
    }

    static PackCases read(Path file) throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String name = null;
        List<String> current = new ArrayList<>();
        int first = 0;
        for (int i = 0; i <= lines.size(); i++) {
            String l = i < lines.size() ? lines.get(i) : "";
            if (l.isBlank()) {
                if (!current.isEmpty()) {
                    out.add(new Case(name == null ? "line " + first : name, first, List.copyOf(current)));
                    current.clear();
                }
                name = null;
            } else if (l.startsWith("#")) {
                name = l.substring(1).strip();
            } else {
                if (current.isEmpty()) {
                    first = i + 1;
                }
                current.add(l);
            }
        }
        return new PackCases(List.copyOf(out));
    }
}
