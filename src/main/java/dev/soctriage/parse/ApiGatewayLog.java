package dev.soctriage.parse;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * Amazon API Gateway's access logs in the JSON template the console offers (REST and HTTP APIs):
 *
 * <pre>
 *   {"requestId":"…","ip":"$context.identity.sourceIp","requestTime":"24/Nov/2026:10:00:01 +0000",
 *    "httpMethod":"GET","resourcePath":"/items/{id}","routeKey":"GET /items/{id}","path":"/items/7",
 *    "status":"200","protocol":"HTTP/1.1","responseLength":"52","userAgent":"…"}
 * </pre>
 *
 * The actor is the source address API Gateway saw ({@code ip}, {@code sourceIp} or
 * {@code identity.sourceIp}). The request's own path is {@code path} ({@code $context.path}) when the template
 * logs it; {@code resourcePath} and {@code routeKey} are the API's templates, which carry no payload. The
 * CLF template is read by {@link AccessLog} (its request id after the length tells it apart).
 */
final class ApiGatewayLog {
    private ApiGatewayLog() {
    }

    /** Whether a JSON record is an API Gateway access log record. */
    static boolean looks(JsonNode r) {
        return r.has("requestId") && (r.has("httpMethod") || r.has("routeKey"))
                && (r.has("ip") || r.has("sourceIp") || r.path("identity").has("sourceIp"));
    }

    static void parse(Parsed p, JsonNode r) {
        p.format = Format.API_GATEWAY;
        String ip = first(r, "ip", "sourceIp");
        if (ip == null) {
            ip = JsonLogs.text(r.path("identity"), "sourceIp");
        }
        p.actorIp = Ips.canonical(ip);
        String method = JsonLogs.text(r, "httpMethod");
        String route = JsonLogs.text(r, "routeKey");
        if (method == null && route != null && route.indexOf(' ') > 0) {
            method = route.substring(0, route.indexOf(' '));
        }
        p.put(Field.METHOD, method);
        String path = first(r, "path", "resourcePath");
        if (path == null && route != null) {
            path = route.indexOf(' ') > 0 ? route.substring(route.indexOf(' ') + 1) : route;
        }
        p.put(Field.PATH, path);
        String status = JsonLogs.text(r, "status");
        if (status != null && status.length() == 3 && Times.num(status, 0, 3) >= 0) {
            p.put(Field.STATUS, status);
        }
        p.put(Field.BYTES, JsonLogs.text(r, "responseLength"));
        String agent = first(r, "userAgent");
        p.put(Field.USER_AGENT, agent != null ? agent : JsonLogs.text(r.path("identity"), "userAgent"));
        p.put(Field.HOST, first(r, "domainName"));
        p.put(Field.ERROR, first(r, "errorMessage", "integrationErrorMessage"));
        p.time = time(r);
    }

    private static Instant time(JsonNode r) {
        String epoch = JsonLogs.text(r, "requestTimeEpoch");
        if (epoch != null && Times.num(epoch, 0, epoch.length()) >= 0 && epoch.length() >= 10 && epoch.length() <= 13) {
            long v = Long.parseLong(epoch);
            return epoch.length() == 13 ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        String t = JsonLogs.text(r, "requestTime");
        if (t == null) {
            return null;
        }
        Instant clf = Times.clf(t, 0, t.length());
        return clf != null ? clf : Times.iso(t, 0, t.length());
    }

    private static String first(JsonNode r, String... keys) {
        for (String k : keys) {
            String v = JsonLogs.text(r, k);
            if (v != null && !v.isEmpty() && !v.equals("-")) {
                return v;
            }
        }
        return null;
    }
}
