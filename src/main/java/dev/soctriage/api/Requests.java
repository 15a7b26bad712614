package dev.soctriage.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;
import dev.soctriage.verdict.VerdictIds;
import dev.soctriage.verdict.VerdictStore.Order;

/**
 * Reads and checks what a request carries: the id, the listing's query, the JSON bodies. Each check
 * that fails is a 400 naming what was wrong. Bodies are read as trees and typed by hand, so that
 * {@code {"comment": 5}} is refused rather than coerced to {@code "5"}.
 */
final class Requests {
    /** API Gateway caps payloads itself; this is a sanity bound for a decision body. */
    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_EXECUTION_ID = 200;

    private Requests() {
    }

    record ListQuery(Status status, Severity minSeverity, Order order, int limit, String nextToken) {
    }

    record Outcome(String executionId, boolean success, String detail) {
    }

    static String id(Route route) {
        if (!VerdictIds.isValid(route.id())) {
            throw HttpProblem.badRequest("invalid_id", "a verdict id is v_ and 32 lower-case hex digits");
        }
        return route.id();
    }

    static ListQuery listQuery(HttpEvent r) {
        Map<String, String> q = query(r);
        Status status = Status.PENDING;
        if (q.containsKey("status")) {
            try {
                status = Status.parse(q.get("status").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("invalid_query", e.getMessage());
            }
        }
        Severity severity = null;
        if (q.containsKey("severity")) {
            try {
                severity = Severity.fromWire(q.get("severity").toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("invalid_query", e.getMessage());
            }
        }
        Order order = Order.SEVERITY;
        if (q.containsKey("order")) {
            try {
                order = Order.fromWire(q.get("order"));
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("invalid_query", e.getMessage());
            }
        }
        int limit = limit(q);
        String token = q.get("nextToken");
        if (token != null && (token.isEmpty() || token.length() > 2048)) {
            throw HttpProblem.badRequest("invalid_next_token", "nextToken is not a token this API issued");
        }
        return new ListQuery(status, severity, order, limit, token);
    }

    /** {@code GET /verdicts/sources?limit=50}: how many sources to list, 1..100. */
    static int sourcesLimit(HttpEvent r) {
        Map<String, String> q = query(r);
        for (String name : q.keySet()) {
            if (!name.equals("limit")) {
                throw HttpProblem.badRequest("invalid_query", "the sources take limit only");
            }
        }
        return limit(q);
    }

    private static int limit(Map<String, String> q) {
        if (!q.containsKey("limit")) {
            return 50;
        }
        String l = q.get("limit");
        if (!l.matches("\\d{1,3}") || Integer.parseInt(l) < 1 || Integer.parseInt(l) > 100) {
            throw HttpProblem.badRequest("invalid_query", "limit must be an integer from 1 to 100");
        }
        return Integer.parseInt(l);
    }

    /** {@code {"comment":"..."}}, the body optional. @return the comment or null */
    static String approveComment(HttpEvent r, ObjectMapper mapper, int maxText) {
        JsonNode body = body(r, mapper, false);
        return text(body, "comment", false, maxText);
    }

    /** {@code {"reason":"..."}}, the reason required. */
    static String rejectReason(HttpEvent r, ObjectMapper mapper, int maxText) {
        return text(body(r, mapper, true), "reason", true, maxText);
    }

    /** {@code {"executionId":"...","state":"SUCCESS"|"FAILED","detail":"..."}}. */
    static Outcome outcome(HttpEvent r, ObjectMapper mapper, int maxText) {
        JsonNode body = body(r, mapper, true);
        String executionId = text(body, "executionId", true, MAX_EXECUTION_ID);
        String state = text(body, "state", true, 20);
        boolean success = switch (state) {
            case "SUCCESS" -> true;
            case "FAILED" -> false;
            default -> throw HttpProblem.badRequest("invalid_body", "state must be SUCCESS or FAILED");
        };
        return new Outcome(executionId, success, text(body, "detail", false, maxText));
    }

    private static JsonNode body(HttpEvent r, ObjectMapper mapper, boolean required) {
        String raw = r.body();
        if (raw != null && r.base64Encoded()) {
            try {
                raw = new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badRequest("invalid_body", "the body is marked base64 but is not");
            }
        }
        if (raw == null || raw.isBlank()) {
            if (required) {
                throw HttpProblem.badRequest("invalid_body", "a JSON object body is required");
            }
            return mapper.createObjectNode();
        }
        if (raw.length() > MAX_BODY) {
            throw HttpProblem.badRequest("invalid_body", "the body is larger than " + MAX_BODY + " characters");
        }
        JsonNode n;
        try {
            n = mapper.readTree(raw);
        } catch (JsonProcessingException e) {
            throw HttpProblem.badRequest("invalid_body", "the body is not valid JSON");
        }
        if (n == null || !n.isObject()) {
            throw HttpProblem.badRequest("invalid_body", "the body must be a JSON object");
        }
        return n;
    }

    private static String text(JsonNode body, String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw HttpProblem.badRequest("invalid_body", field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw HttpProblem.badRequest("invalid_body", field + " must be a string");
        }
        String s = v.asText();
        if (required && s.isBlank()) {
            throw HttpProblem.badRequest("invalid_body", field + " must not be empty");
        }
        if (s.length() > max) {
            throw HttpProblem.badRequest("invalid_body", field + " is longer than " + max + " characters");
        }
        return s;
    }

    private static Map<String, String> query(HttpEvent r) {
        if (r.queryStringParameters() != null) {
            return r.queryStringParameters();
        }
        Map<String, String> q = new HashMap<>();
        if (r.rawQueryString() != null && !r.rawQueryString().isEmpty()) {
            for (String pair : r.rawQueryString().split("&")) {
                int eq = pair.indexOf('=');
                try {
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    q.merge(k, v, (a, b) -> a + "," + b); // API Gateway joins repeated values with commas
                } catch (IllegalArgumentException e) {
                    throw HttpProblem.badRequest("invalid_query", "the query string is not URL-encoded correctly");
                }
            }
        }
        return q;
    }
}
