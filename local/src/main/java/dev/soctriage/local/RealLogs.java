package dev.soctriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.soctriage.servers.ProjectPaths;

/**
 * {@code make reallogs DIR=...}: every file of a folder through the real pipeline on the local stack
 * (dynalite, the three functions under the AWS runtime client, rules mode: no model), in deliveries of
 * {@value #DELIVERY} lines, one source per file; then, per file, the lines per format, the lines of no known
 * format with a few of them, and the verdicts with action, target and why. A harness, not a test: it
 * prints what happened and judges nothing. Files named README*, LICENSE* or *.md are documentation and
 * skipped; {@code .gz} files are read decompressed.
 */
public final class RealLogs {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int DELIVERY = 1_000;

    /** One file's deliveries summed: the ingest results' counters and readings. */
    static final class FileResult {
        final String source;
        long lines;
        long deliveries;
        long verdictsWritten;
        long unknown;
        long millis;
        final Map<String, Long> formats = new TreeMap<>();
        final List<String> samples = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        FileResult(String source) {
            this.source = source;
        }

        void add(JsonNode r) {
            verdictsWritten += r.path("verdicts").asLong();
            unknown += r.path("unknownLines").asLong();
            r.path("formats").fields().forEachRemaining(f -> formats.merge(f.getKey(), f.getValue().asLong(), Long::sum));
            for (JsonNode s : r.path("unknownSamples")) {
                if (samples.size() < 3) {
                    samples.add(s.asText());
                }
            }
        }
    }

    private RealLogs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: RealLogs DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        if (!Files.isDirectory(dir)) {
            System.err.println("reallogs: " + dir + " is no folder");
            System.exit(2);
        }
        List<Path> files = logFiles(dir);
        Path work = ProjectPaths.root().resolve(".local/reallogs");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, Map.of(), work, s -> { }))) {
            if (!stack.failures().isEmpty()) {
                throw new IllegalStateException("the local stack did not start: " + stack.failures());
            }
            System.out.println("reallogs over " + dir + ": " + files.size() + " file(s), deliveries of " + DELIVERY
                    + " lines, rules mode (no model), the real pipeline on dynalite");
            List<FileResult> results = new ArrayList<>();
            for (Path f : files) {
                results.add(ingest(stack, dir.relativize(f).toString(), readLines(f)));
            }
            List<JsonNode> verdicts = verdicts(stack.gatewayUrl());
            for (FileResult r : results) {
                print(r, verdicts);
            }
        }
    }

    static List<Path> logFiles(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).filter(p -> !documentation(p.getFileName().toString())).sorted()
                    .toList();
        }
    }

    static boolean documentation(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.startsWith("readme") || n.startsWith("license") || n.endsWith("-license") || n.endsWith(".md");
    }

    static List<String> readLines(Path f) throws IOException {
        try (InputStream raw = Files.newInputStream(f);
                InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(text.lines().toList());
            lines.removeIf(String::isEmpty);
            return lines;
        }
    }

    /** The file's lines in deliveries of {@value #DELIVERY}, as direct events of source {@code source}. */
    static FileResult ingest(LocalStack stack, String source, List<String> lines) {
        FileResult r = new FileResult(source);
        long t0 = System.nanoTime();
        for (int from = 0; from < lines.size(); from += DELIVERY) {
            ObjectNode event = JSON.createObjectNode().put("source", source);
            ArrayNode a = event.putArray("lines");
            lines.subList(from, Math.min(lines.size(), from + DELIVERY)).forEach(a::add);
            RuntimeApiEmulator.Result answer = stack.ingest(event.toString());
            r.deliveries++;
            if (answer.error()) {
                r.errors.add(answer.body());
                continue;
            }
            try {
                r.add(JSON.readTree(answer.body()));
            } catch (IOException e) {
                r.errors.add("unreadable result: " + e.getMessage());
            }
        }
        r.lines = lines.size();
        r.millis = (System.nanoTime() - t0) / 1_000_000;
        return r;
    }

    /** Every open verdict, through the HTTP API as the analyst lists them (all pages). */
    static List<JsonNode> verdicts(String gateway) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<JsonNode> out = new ArrayList<>();
        for (String status : List.of("PENDING", "DISPATCH_FAILED")) {
            String token = null;
            do {
                String q = "/verdicts?status=" + status + "&limit=100"
                        + (token == null ? "" : "&nextToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
                HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(gateway + q)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() != 200) {
                    throw new IllegalStateException("GET " + q + " answered " + res.statusCode() + ": " + res.body());
                }
                JsonNode page = JSON.readTree(res.body());
                page.path("items").forEach(out::add);
                token = page.path("nextToken").isTextual() ? page.path("nextToken").asText() : null;
            } while (token != null);
        }
        return out;
    }

    static void print(FileResult r, List<JsonNode> verdicts) {
        System.out.printf("%n== %s  (%,d lines, %d deliveries, %.1f s)%n", r.source, r.lines, r.deliveries, r.millis / 1000.0);
        for (String e : r.errors) {
            System.out.println("   INVOCATION FAILED: " + e);
        }
        System.out.println("   read as: " + formats(r.formats));
        double pct = r.lines == 0 ? 0 : 100.0 * r.unknown / r.lines;
        System.out.printf("   no known format: %,d (%.1f %%)%s%n", r.unknown, pct, r.unknown == 0 ? "" : ", e.g.:");
        for (String s : r.samples) {
            System.out.println("     | " + oneLine(s, 160));
        }
        List<JsonNode> mine = verdicts.stream().filter(v -> about(v, r.source)).toList();
        System.out.println("   verdicts: " + mine.size());
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (String s : List.of("critical", "high", "medium", "low")) {
            bySeverity.put(s, 0);
        }
        for (JsonNode v : mine) {
            bySeverity.merge(v.path("severity").asText(), 1, Integer::sum);
        }
        if (!mine.isEmpty()) {
            System.out.println("     by severity: " + bySeverity);
        }
        mine.stream().sorted((a, b) -> rank(a) - rank(b)).forEach(v -> System.out.printf("     %-8s %-12s %-28s %s (%d events) — %s%n",
                v.path("severity").asText(), v.path("action").asText(), v.path("target").isNull() ? "-" : v.path("target").asText(),
                v.path("threatType").asText(), v.path("eventCount").asLong(), oneLine(v.path("reasoning").asText(), 160)));
    }

    static boolean about(JsonNode v, String source) {
        if (source.equals(v.path("source").asText())) {
            return true;
        }
        for (JsonNode s : v.path("sources")) {
            if (source.equals(s.asText())) {
                return true;
            }
        }
        return false;
    }

    private static int rank(JsonNode v) {
        return List.of("critical", "high", "medium", "low").indexOf(v.path("severity").asText());
    }

    static String formats(Map<String, Long> formats) {
        if (formats.isEmpty()) {
            return "(nothing read)";
        }
        StringBuilder b = new StringBuilder();
        formats.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .forEach(e -> b.append(b.isEmpty() ? "" : " · ").append(e.getKey()).append(' ')
                        .append(String.format("%,d", e.getValue())));
        return b.toString();
    }

    /** Log text printed on one terminal line: control characters shown as ·, cut. */
    static String oneLine(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '·' : c);
        }
        return s.length() > max ? b + "…" : b.toString();
    }
}
