package dev.soctriage.triage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One labelled case of the evaluation set (src/test/resources/eval/*.txt): raw log lines delivered as
 * one batch, whether they are an attack, the threat types and the targets that count as right
 * ({@code null} in {@link #targets()} stands for "no target").
 */
record EvalCase(String file, String id, boolean attack, Set<String> families, Set<String> targets, List<String> lines) {
    static final List<String> FILES = List.of("sshd", "sudo", "access_log", "alb", "cloudtrail", "vpc_flow", "waf",
            "json", "logfmt", "text");
    private static final Pattern HEADER = Pattern.compile("^=== (\\S+) \\| (attack|benign) \\| (.*?) \\| (.*)$");

    static List<EvalCase> load() throws IOException {
        List<EvalCase> out = new ArrayList<>();
        for (String f : FILES) {
            out.addAll(load(f));
        }
        return out;
    }

    static List<EvalCase> load(String file) throws IOException {
        List<EvalCase> out = new ArrayList<>();
        try (InputStream in = EvalCase.class.getResourceAsStream("/eval/" + file + ".txt")) {
            if (in == null) {
                throw new IOException("missing eval/" + file + ".txt");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String id = null;
            boolean attack = false;
            Set<String> families = Set.of();
            Set<String> targets = Set.of();
            List<String> lines = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Matcher m = HEADER.matcher(line);
                if (m.matches()) {
                    if (id != null) {
                        out.add(new EvalCase(file, id, attack, families, targets, List.copyOf(lines)));
                    }
                    id = m.group(1);
                    attack = m.group(2).equals("attack");
                    families = split(m.group(3));
                    targets = split(m.group(4));
                    lines.clear();
                } else if (id != null && !line.isEmpty()) {
                    lines.add(line);
                }
            }
            if (id != null) {
                out.add(new EvalCase(file, id, attack, families, targets, List.copyOf(lines)));
            }
        }
        return out;
    }

    private static Set<String> split(String s) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : Arrays.asList(s.split(";"))) {
            out.add(p.strip().equals("-") ? null : p.strip());
        }
        return out;
    }

    /** The parser formats that count as "this case's format was recognised". */
    Set<String> acceptedFormats() {
        return switch (file) {
            case "sudo" -> Set.of("sudo", "syslog");
            case "text" -> Set.of("text", "syslog");
            default -> Set.of(file);
        };
    }
}
