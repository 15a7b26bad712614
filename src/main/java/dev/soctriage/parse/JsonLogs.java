package dev.soctriage.parse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;
import dev.soctriage.text.Texts;
import dev.soctriage.text.UntrustedText;

/**
 * One JSON object per line: a CloudTrail record, an AWS WAF log record, or an application's JSON log.
 * A line that is not a valid JSON object is not JSON (the caller keeps it as text): one bad record
 * never stops the rest.
 */
final class JsonLogs {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** requestParameters are kept compact and at most this many characters, marker included */
    static final int REQUEST_LIMIT = 1024;

    private JsonLogs() {
    }

    /** keys a log shipper adds around a container's line (Docker json-file, Fluent Bit, FireLens) */
    private static final java.util.Set<String> WRAPPER_KEYS = java.util.Set.of("log", "stream", "time", "source",
            "container_id", "container_name", "kubernetes", "docker", "ecs_cluster", "ecs_task_arn",
            "ecs_task_definition", "partial_message", "partial_id", "partial_ordinal", "partial_last", "tag", "date");

    /**
     * The inner line when the record only wraps a container's log line ({"log":"...","stream":"stdout",...}),
     * else null: that line is parsed in its own right, so an nginx line shipped by Fluent Bit keeps its actor.
     */
    static String wrapped(String line) {
        if (!line.startsWith("{\"log\":") && !line.contains("\"log\":")) {
            return null;
        }
        try {
            JsonNode root = MAPPER.readTree(line);
            if (root == null || !root.isObject() || !root.path("log").isTextual()) {
                return null;
            }
            Iterator<String> names = root.fieldNames();
            while (names.hasNext()) {
                if (!WRAPPER_KEYS.contains(names.next())) {
                    return null;
                }
            }
            String inner = root.get("log").asText();
            int end = inner.length();
            while (end > 0 && (inner.charAt(end - 1) == '\n' || inner.charAt(end - 1) == '\r')) {
                end--;
            }
            return inner.substring(0, end);
        } catch (JsonProcessingException notJson) {
            // not a wrapper; the caller reads the line as it is
            return null;
        }
    }

    static boolean parse(Parsed p) {
        JsonNode root;
        try {
            root = MAPPER.readTree(p.line);
        } catch (JsonProcessingException notJson) {
            // kept as text by the caller; the reason is of no use downstream
            return false;
        }
        if (root == null || !root.isObject()) {
            return false;
        }
        if (root.has("eventVersion") && root.has("eventSource") && root.has("eventName")) {
            cloudTrail(p, root);
        } else if (root.path("httpRequest").has("clientIp")) {
            waf(p, root);
        } else if (ApiGatewayLog.looks(root)) {
            ApiGatewayLog.parse(p, root);
        } else if (root.has("c-ip") && (root.has("cs-uri-stem") || root.has("cs-method"))) {
            Map<String, String> flat = new HashMap<>();
            flatten(root, "", 0, flat);
            if (!CloudFrontLog.fill(p, flat)) {
                p.format = Format.JSON;
                AppLogs.fill(p, flat);
            }
        } else {
            p.format = Format.JSON;
            Map<String, String> flat = new HashMap<>();
            flatten(root, "", 0, flat);
            AppLogs.fill(p, flat);
        }
        return true;
    }

    private static void cloudTrail(Parsed p, JsonNode r) {
        p.format = Format.CLOUDTRAIL;
        JsonNode who = r.path("userIdentity");
        // the user name as the log names it (an IAM user's userName); other principals (root, roles,
        // federated sessions) by their ARN, which names them for the analyst but is no user name
        String userName = text(who, "userName");
        p.actorUser = userName != null && !"Root".equals(text(who, "type")) ? userName : text(who, "arn");
        p.actorIp = Ips.canonical(text(r, "sourceIPAddress"));
        p.time = instant(r.get("eventTime"));
        String event = text(r, "eventName");
        p.put(Field.EVENT, event);
        p.put(Field.SERVICE, text(r, "eventSource"));
        p.put(Field.ERROR, text(r, "errorCode"));
        p.put(Field.IDENTITY_TYPE, text(who, "type"));
        p.put(Field.REGION, text(r, "awsRegion"));
        p.put(Field.ACCOUNT, text(r, "recipientAccountId"));
        p.put(Field.USER_AGENT, text(r, "userAgent"));
        JsonNode params = r.get("requestParameters");
        if (params != null && !params.isNull()) {
            String compact = params.toString();
            p.put(Field.REQUEST, Texts.cap(compact, REQUEST_LIMIT, UntrustedText.TRUNCATED));
            p.put(Field.TARGET_USER, text(params, "userName"));
        }
        if ("ConsoleLogin".equals(event)) {
            String outcome = text(r.path("responseElements"), "ConsoleLogin");
            p.put(Field.OUTCOME, outcome);
            if ("Failure".equalsIgnoreCase(outcome) || "Failed authentication".equals(text(r, "errorMessage"))) {
                // a failed sign-in names the account tried, never the actor (docs/contract.md, invariant 2)
                p.put(Field.TARGET_USER, p.actorUser);
                p.actorUser = null;
            }
        }
    }

    private static void waf(Parsed p, JsonNode r) {
        p.format = Format.WAF;
        JsonNode req = r.path("httpRequest");
        p.actorIp = Ips.canonical(text(req, "clientIp"));
        p.time = instant(r.get("timestamp"));
        p.put(Field.OUTCOME, text(r, "action"));
        p.put(Field.RULE, text(r, "terminatingRuleId"));
        p.put(Field.METHOD, text(req, "httpMethod"));
        String uri = text(req, "uri");
        String args = text(req, "args");
        p.put(Field.PATH, args == null || args.isEmpty() ? uri : (uri == null ? "" : uri) + "?" + args);
        JsonNode headers = req.path("headers");
        if (headers.isArray()) {
            for (JsonNode h : headers) {
                String name = text(h, "name");
                if ("user-agent".equalsIgnoreCase(name)) {
                    p.put(Field.USER_AGENT, text(h, "value"));
                } else if ("referer".equalsIgnoreCase(name)) {
                    p.put(Field.REFERER, text(h, "value"));
                } else if ("host".equalsIgnoreCase(name)) {
                    p.put(Field.HOST, text(h, "value"));
                }
            }
        }
    }

    /** Scalar members, nested objects joined by dots, to depth 3 and at most 64 entries. */
    private static void flatten(JsonNode node, String prefix, int depth, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext() && out.size() < 64) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (v.isObject()) {
                if (depth < 3) {
                    flatten(v, key, depth + 1, out);
                }
            } else if (v.isValueNode() && !v.isNull()) {
                out.putIfAbsent(key, v.asText());
            }
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** ISO text or epoch milliseconds (WAF), else null. */
    static Instant instant(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isIntegralNumber()) {
            long ms = v.asLong();
            return ms > 0 && ms < 253402300800000L ? Instant.ofEpochMilli(ms) : null;
        }
        if (v.isTextual()) {
            String t = v.asText();
            return Times.iso(t, 0, t.length());
        }
        return null;
    }
}
