package dev.soctriage.bench.stack;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.soctriage.local.LocalHttp;

/** A line handed to ingest-triage and its verdict listed: the event the benches send, and the wait for the listing. */
final class RoundTrip {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LISTED_WITHIN = Duration.ofSeconds(30);
    /** The console queue's page (src/main/webui/src/queue.js, PAGE). */
    private static final int CONSOLE_PAGE = 50;

    private RoundTrip() {
    }

    /** A fresh 20-line SSH brute force from an address of its own per round, as a direct invoke of {@code source}. */
    static ObjectNode bruteForce(String source, int round) {
        ObjectNode e = JSON.createObjectNode().put("source", source);
        ArrayNode lines = e.putArray("lines");
        String ip = "203.0.113." + (1 + round % 200);
        for (int i = 0; i < 20; i++) {
            lines.add(String.format("Nov 25 01:00:%02d bench sshd[%d]: Failed password for user%d from %s port %d ssh2",
                    i, 1000 + i, i % 4, ip, 40000 + i));
        }
        return e;
    }

    /**
     * Polls the gateway's {@code GET /verdicts?limit=50} until a verdict of {@code source} is listed (30 s at most):
     * the console's first page (its queue asks for pages of 50), which is what "on the analyst's screen" means. The
     * newest verdict of a severity is on it while fewer than 50 are more pressing; when not, the wait fails.
     */
    static void waitListed(LocalHttp http, String gateway, String source) {
        long deadline = System.nanoTime() + LISTED_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode v : http.get(gateway + "/verdicts?limit=" + CONSOLE_PAGE).json().path("items")) {
                if (source.equals(v.path("source").asText())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("verdict for " + source + " not listed within " + LISTED_WITHIN.toSeconds() + " s");
    }
}
