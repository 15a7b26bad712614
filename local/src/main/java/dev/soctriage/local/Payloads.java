package dev.soctriage.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.soctriage.servers.ProjectPaths;

/**
 * {@code make payloads PAYLOADS=DIR BENIGN=FILE}: how many attackers the rules propose to block when each
 * sends one payload, URL-encoded in a query parameter of an ordinary GET with a browser User-Agent, from an
 * address of its own, among the real traffic of an access log. DIR holds one folder per payload class, each
 * with text files of one payload a line ({@code #} comments and blank lines skipped); BENIGN is a combined
 * access log of real traffic. Everything goes through the real pipeline on the local stack, rules mode, in
 * deliveries of {@value RealLogs#DELIVERY} lines, as one source. Prints per class the attackers proposed for
 * {@code block_ip} (and named by any verdict), and the real clients proposed for a block: the harness judges
 * nothing, the figures go to docs/benchmarks.md.
 */
public final class Payloads {
    private static final String AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/131.0.0.0 Safari/537.36";
    private static final Pattern CLIENT = Pattern.compile("^(\\S+) ");
    private static final Pattern TIME = Pattern.compile("\\[([^\\]]+)\\]");

    private Payloads() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Payloads PAYLOAD_DIR BENIGN_ACCESS_LOG");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<String> benign = RealLogs.readLines(Path.of(args[1]));
        Set<String> realClients = new HashSet<>();
        for (String l : benign) {
            Matcher m = CLIENT.matcher(l);
            if (m.find()) {
                realClients.add(m.group(1));
            }
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        try (var folders = Files.list(dir)) {
            for (Path c : folders.filter(Files::isDirectory).sorted().toList()) {
                List<String> payloads = new ArrayList<>();
                try (var files = Files.list(c)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        for (String p : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                            if (!p.isBlank() && !p.startsWith("#")) {
                                payloads.add(p);
                            }
                        }
                    }
                }
                classes.put(c.getFileName().toString(), payloads);
            }
        }
        // each attacker its own documentation address (2001:db8:<class>::<n>), each payload one request
        Map<String, Map<String, String>> attackers = new LinkedHashMap<>();
        List<String> attackLines = new ArrayList<>();
        int total = classes.values().stream().mapToInt(List::size).sum();
        int k = 0;
        for (Map.Entry<String, List<String>> c : classes.entrySet()) {
            Map<String, String> ips = new LinkedHashMap<>();
            k++;
            int n = 0;
            for (String p : c.getValue()) {
                String ip = "2001:db8:" + Integer.toHexString(0xa00 + k) + "::" + Integer.toHexString(++n);
                ips.put(ip, p);
                String time = time(benign, (int) ((long) attackLines.size() * benign.size() / Math.max(1, total)));
                attackLines.add(ip + " - - [" + time + "] \"GET /search?q=" + URLEncoder.encode(p, StandardCharsets.UTF_8)
                        + " HTTP/1.1\" 200 5120 \"-\" \"" + AGENT + "\"");
            }
            attackers.put(c.getKey(), ips);
        }
        List<String> mixed = interleave(benign, attackLines);
        Path work = ProjectPaths.root().resolve(".local/payloads");
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, Map.of(), work, s -> { }))) {
            RealLogs.FileResult r = RealLogs.ingest(stack, "payloads/mixed", mixed);
            List<JsonNode> verdicts = RealLogs.verdicts(stack.gatewayUrl());
            Set<String> blocked = new HashSet<>();
            Set<String> named = new HashSet<>();
            for (JsonNode v : verdicts) {
                String target = v.path("target").asText(null);
                if (target == null) {
                    continue;
                }
                named.add(target);
                if ("block_ip".equals(v.path("action").asText())) {
                    blocked.add(target);
                }
            }
            System.out.printf("payloads from %s among %,d real lines of %s (%,d clients); %,d lines in %d deliveries, %.1f s%n",
                    dir, benign.size(), args[1], realClients.size(), mixed.size(), r.deliveries, r.millis / 1000.0);
            for (String e : r.errors) {
                System.out.println("INVOCATION FAILED: " + e);
            }
            System.out.printf("%-12s %8s %14s %16s%n", "class", "payloads", "block_ip", "any verdict");
            int all = 0;
            int allBlocked = 0;
            for (Map.Entry<String, Map<String, String>> c : attackers.entrySet()) {
                int count = c.getValue().size();
                int b = 0;
                int any = 0;
                List<String> missed = new ArrayList<>();
                for (Map.Entry<String, String> a : c.getValue().entrySet()) {
                    boolean isBlocked = blocked.contains(a.getKey());
                    b += isBlocked ? 1 : 0;
                    any += named.contains(a.getKey()) ? 1 : 0;
                    if (!isBlocked) {
                        missed.add(a.getValue());
                    }
                }
                all += count;
                allBlocked += b;
                System.out.printf("%-12s %8d %8d (%3.0f%%) %10d (%3.0f%%)%n", c.getKey(), count, b, pct(b, count), any,
                        pct(any, count));
                if (System.getenv("PAYLOADS_MISSED") != null) {
                    missed.forEach(m -> System.out.println("      missed: " + RealLogs.oneLine(m, 150)));
                }
            }
            long realBlocked = realClients.stream().filter(blocked::contains).count();
            long realNamed = realClients.stream().filter(named::contains).count();
            System.out.printf("%-12s %8d %8d (%3.0f%%)%n", "all", all, allBlocked, pct(allBlocked, all));
            System.out.printf("real clients proposed for block_ip: %d of %d; named by any verdict: %d%n", realBlocked,
                    realClients.size(), realNamed);
            verdicts.stream().filter(v -> realClients.contains(v.path("target").asText(""))).forEach(v -> System.out.printf(
                    "  real client %s: %s %s %s — %s%n", v.path("target").asText(), v.path("severity").asText(),
                    v.path("action").asText(), v.path("threatType").asText(), RealLogs.oneLine(v.path("reasoning").asText(), 140)));
        }
    }

    /** The time of the benign line at {@code i}, beside which the attack line will sit: attacks fall inside the traffic's span. */
    private static String time(List<String> benign, int i) {
        if (benign.isEmpty()) {
            return "24/Nov/2026:10:00:00 +0000";
        }
        Matcher m = TIME.matcher(benign.get(Math.min(benign.size() - 1, i)));
        return m.find() ? m.group(1) : "24/Nov/2026:10:00:00 +0000";
    }

    /** The attack lines spread evenly among the benign ones, order kept within each. */
    static List<String> interleave(List<String> benign, List<String> attacks) {
        List<String> out = new ArrayList<>(benign.size() + attacks.size());
        int every = attacks.isEmpty() ? Integer.MAX_VALUE : Math.max(1, benign.size() / attacks.size());
        int a = 0;
        for (int i = 0; i < benign.size(); i++) {
            out.add(benign.get(i));
            if ((i + 1) % every == 0 && a < attacks.size()) {
                out.add(attacks.get(a++));
            }
        }
        while (a < attacks.size()) {
            out.add(attacks.get(a++));
        }
        return out;
    }

    private static double pct(long n, long of) {
        return of == 0 ? 0 : 100.0 * n / of;
    }
}
