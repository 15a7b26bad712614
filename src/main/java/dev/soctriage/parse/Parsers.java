package dev.soctriage.parse;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.ingest.LogEvent;

/** The parser chain: the first format that recognises a line wins; text is the fallback. */
@ApplicationScoped
public class Parsers implements LineParser {
    private static final Pattern SSHD = Pattern.compile(
            "sshd\\[\\d+\\]: (Failed password|Invalid user|Accepted password|Accepted publickey) (?:for )?(?:invalid user )?(\\S+) from (\\S+) port (\\d+)");
    private static final Pattern ACCESS = Pattern.compile(
            "^(\\S+) \\S+ (\\S+) \\[([^\\]]+)\\] \"(\\S+) (\\S+) [^\"]*\" (\\d{3}) (\\S+)(?: \"[^\"]*\" \"([^\"]*)\")?");

    /** Parses a batch in order; one result per event. */
    public java.util.List<ParsedEvent> parseAll(java.util.List<LogEvent> events) {
        java.util.List<ParsedEvent> out = new java.util.ArrayList<>(events.size());
        for (LogEvent e : events) {
            out.add(parse(e));
        }
        return out;
    }

    @Override
    public ParsedEvent parse(LogEvent event) {
        String line = event.message();
        Instant time = event.timestamp() > 0 ? Instant.ofEpochMilli(event.timestamp()) : null;
        Matcher m = SSHD.matcher(line);
        if (m.find()) {
            Map<String, String> f = new HashMap<>();
            f.put(Fields.EVENT, m.group(1));
            f.put(Fields.TARGET_USER, m.group(2));
            return new ParsedEvent(event, Formats.SSHD, time, m.group(3), null, f);
        }
        m = ACCESS.matcher(line);
        if (m.find()) {
            Map<String, String> f = new HashMap<>();
            f.put(Fields.METHOD, m.group(4));
            f.put(Fields.PATH, m.group(5));
            f.put(Fields.STATUS, m.group(6));
            if (m.group(8) != null) {
                f.put(Fields.USER_AGENT, m.group(8));
            }
            return new ParsedEvent(event, Formats.ACCESS_LOG, time, m.group(1), null, f);
        }
        return new ParsedEvent(event, Formats.TEXT, time, null, null, Map.of());
    }
}
