package dev.soctriage.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.soctriage.model.Field;
import dev.soctriage.parse.ParsedEvent;

/**
 * What the literal prefilter scans for a source, when less than the whole line will do: the values
 * of the fields the rules' literals come from, as the parser already read them (a CloudTrail record's
 * eventName and userAgent, a syslog line's message, a web request's method, target, user agent...).
 * Scanning these instead of the raw line is both cheaper (an ALB or WAF record is mostly fields no
 * web rule reads) and exact (the parser's values are unescaped). When some literal comes from a field
 * without such a value, {@link #of} answers null and the whole line is scanned.
 */
final class ScanTexts {
    /** the name {@link Gates} atoms of keyword searches are listed under here */
    static final String KEYWORDS = "\u0000keywords";

    private static final Map<String, Field> CLOUDTRAIL = Map.of("eventName", Field.EVENT, "eventSource", Field.SERVICE,
            "errorCode", Field.ERROR, "userIdentity.type", Field.IDENTITY_TYPE, "userAgent", Field.USER_AGENT,
            "awsRegion", Field.REGION, "recipientAccountId", Field.ACCOUNT);
    private static final Map<String, Field> AWS_WAF = Map.of("action", Field.OUTCOME, "terminatingRuleId", Field.RULE);

    private ScanTexts() {
    }

    static List<Function<ParsedEvent, String>> of(Source source, Set<String> from) {
        switch (source) {
            case WEB:
                return web();
            case LINUX:
                return fields(from, Map.of("program", Field.PROGRAM, "host", Field.HOST), ScanTexts::message);
            case CLOUDTRAIL:
                return fields(from, CLOUDTRAIL, null);
            case AWS_WAF:
                return fields(from, AWS_WAF, null);
            default:
                return null;
        }
    }

    /** The fields named, each once; null when one has no parsed value (or keywords have no text of their own). */
    private static List<Function<ParsedEvent, String>> fields(Set<String> from, Map<String, Field> parsed,
            Function<ParsedEvent, String> keywordsAndMessage) {
        List<Function<ParsedEvent, String>> out = new ArrayList<>();
        boolean message = false;
        for (String f : from) {
            if ((f.equals(KEYWORDS) || f.equals("message")) && keywordsAndMessage != null) {
                message = true;
            } else if (parsed.containsKey(f)) {
                Field field = parsed.get(f);
                out.add(e -> e.field(field));
            } else {
                return null;
            }
        }
        if (message) {
            out.add(keywordsAndMessage);
        }
        return List.copyOf(out);
    }

    private static String message(ParsedEvent e) {
        String m = e.field(Field.MESSAGE);
        return m != null ? m : e.line();
    }

    /** Every value a web rule's literal can come from: the request (as written and decoded), the headers logged, the status. */
    private static List<Function<ParsedEvent, String>> web() {
        return List.of(ScanTexts::request, ScanTexts::decodedRequest, e -> e.field(Field.USER_AGENT),
                e -> e.field(Field.REFERER), e -> e.field(Field.HOST), e -> e.field(Field.STATUS), e -> e.field(Field.BYTES));
    }

    private static String request(ParsedEvent e) {
        String path = e.field(Field.PATH);
        String method = e.field(Field.METHOD);
        return path == null ? method : method == null ? path : method + " " + path;
    }

    private static String decodedRequest(ParsedEvent e) {
        String path = e.field(Field.PATH);
        if (path == null || !WebDecoding.encoded(path, true)) {
            return null;
        }
        String decoded = WebView.decodedUri(path);
        if (decoded.equals(path)) {
            return null;
        }
        String method = e.field(Field.METHOD);
        return method == null ? decoded : method + " " + decoded;
    }
}
