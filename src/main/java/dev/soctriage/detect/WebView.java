package dev.soctriage.detect;

import java.util.List;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.parse.ParsedEvent;

/**
 * A web request (access log, ALB, WAF) by the field names of Sigma's {@code webserver} and
 * {@code proxy} categories. The request target's stem and query are matched decoded
 * ({@link WebDecoding}) and as written, so a rule matches every spelling of its text and a rule
 * written for an encoded literal still matches. Keywords search the request line (method, stem,
 * query), decoded and as written: never the referer or the user agent, which a rule reads only
 * by their names (a URL inside a Referer is a URL, not a request).
 */
final class WebView extends EventView {
    /** the names this view answers; a rule naming another is refused for web sources */
    static final Set<String> FIELDS = Set.of("cs-method", "cs-uri-stem", "cs-uri-query", "c-uri", "cs-uri",
            "c-uri-stem", "c-uri-query", "c-uri-extension", "c-useragent", "cs-user-agent", "cs(User-Agent)",
            "cs-referer", "cs(Referer)", "cs-host", "r-dns", "sc-status", "c-ip", "src_ip", "sc-bytes", "cs-username");

    WebView(ParsedEvent event) {
        super(event);
    }

    @Override
    List<String> read(String field) {
        String path = event.field(Field.PATH);
        return switch (field) {
            case "cs-method" -> one(event.field(Field.METHOD));
            case "cs-uri-stem", "c-uri-stem" -> path == null ? ABSENT : both(stem(path), false);
            case "cs-uri-query", "c-uri-query" -> path == null || path.indexOf('?') < 0 ? ABSENT : both(query(path), true);
            case "c-uri", "cs-uri" -> path == null ? ABSENT : uri(path);
            case "c-uri-extension" -> path == null ? ABSENT : one(extension(WebDecoding.decode(stem(path), false)));
            case "c-useragent", "cs-user-agent", "cs(User-Agent)" -> one(event.field(Field.USER_AGENT));
            case "cs-referer", "cs(Referer)" -> one(event.field(Field.REFERER));
            case "cs-host", "r-dns" -> one(event.field(Field.HOST));
            case "sc-status" -> one(event.field(Field.STATUS));
            case "c-ip", "src_ip" -> one(event.actorIp());
            case "sc-bytes" -> one(event.field(Field.BYTES));
            // the user the request authenticated as, or (a 401) the one it claimed
            case "cs-username" -> one(event.field(Field.TARGET_USER) != null ? event.field(Field.TARGET_USER) : event.actorUser());
            default -> ABSENT;
        };
    }

    @Override
    List<String> keywordTexts() {
        String path = event.field(Field.PATH);
        if (path == null) {
            return List.of();
        }
        String method = event.field(Field.METHOD);
        String prefix = method == null ? "" : method + " ";
        String decoded = decodedUri(path);
        return decoded.equals(path) ? List.of(prefix + path) : List.of(prefix + decoded, prefix + path);
    }

    private static List<String> uri(String path) {
        String decoded = decodedUri(path);
        return decoded.equals(path) ? List.of(path) : List.of(decoded, path);
    }

    /** stem and query each decoded by its own rules, joined again. */
    static String decodedUri(String path) {
        int q = path.indexOf('?');
        if (q < 0) {
            return WebDecoding.decode(path, false);
        }
        return WebDecoding.decode(path.substring(0, q), false) + "?" + WebDecoding.decode(path.substring(q + 1), true);
    }

    private static List<String> both(String raw, boolean query) {
        String decoded = WebDecoding.decode(raw, query);
        return decoded.equals(raw) ? List.of(raw) : List.of(decoded, raw);
    }

    static String stem(String path) {
        int q = path.indexOf('?');
        return q < 0 ? path : path.substring(0, q);
    }

    static String query(String path) {
        int q = path.indexOf('?');
        return q < 0 ? "" : path.substring(q + 1);
    }

    private static String extension(String stem) {
        int slash = stem.lastIndexOf('/');
        int dot = stem.lastIndexOf('.');
        return dot > slash && dot < stem.length() - 1 ? stem.substring(dot + 1) : null;
    }
}
