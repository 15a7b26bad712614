package dev.soctriage.parse;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;
import dev.soctriage.net.Cidr;
import dev.soctriage.text.UntrustedText;

/**
 * The parser chain: recognises each line's format and names its actor. Each line is recognised on its own (JSON records: CloudTrail, WAF, application
 * JSON; VPC flow records; ALB; syslog with sshd and sudo; access logs; logfmt), and a line no parser
 * recognises is kept as {@link Format#TEXT}: nothing is dropped and nothing throws. Formats that
 * declare their fields once per source (a VPC flow log's header line), and the lines of one SSH
 * connection ({@link AuthSessions}), are read through {@link #parseAll}, one source per call.
 */
@ApplicationScoped
public class Parsers {
    private static final Logger LOG = Logger.getLogger(Parsers.class);

    private final Clock clock;
    /** whose X-Forwarded-For an access log is believed from ({@link ParseConfig#trustedProxyCidrs()}) */
    private final List<Cidr> trustedProxies;

    /** the fields of CloudFront real-time records ({@link ParseConfig#cloudfrontRealtimeFields()}), or null */
    private String[] cloudFrontRealtime;

    @Inject
    public Parsers(Clock clock, ParseConfig config) {
        this(clock, config.trustedProxyCidrs().orElse(List.of()).stream().filter(s -> !s.isBlank()).map(Cidr::parse)
                .toList());
        List<String> realtime = config.cloudfrontRealtimeFields().orElse(List.of()).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
        this.cloudFrontRealtime = realtime.isEmpty() ? null : realtime.toArray(String[]::new);
    }

    /** Parsers that trust no proxy's X-Forwarded-For. */
    public Parsers(Clock clock) {
        this(clock, List.of());
    }

    public Parsers(Clock clock, List<Cidr> trustedProxies) {
        this.clock = clock;
        this.trustedProxies = List.copyOf(trustedProxies);
    }

    /**
     * Parses one source's events in order: one result per event, same order. A VPC flow log header
     * line sets the field order for the records that follow it.
     */
    public List<ParsedEvent> parseAll(List<LogEvent> events) {
        List<ParsedEvent> out = new ArrayList<>(events.size());
        Instant now = clock.instant();
        Headers headers = new Headers();
        for (LogEvent e : events) {
            String line = UntrustedText.capLine(strip(e.message()));
            Format declared = headers.read(line);
            if (declared != null) {
                out.add(headerEvent(e, line, now, declared));
                continue;
            }
            out.add(safely(e, line, now, headers));
        }
        // the lines of one sshd connection: an attempt counted once, addresses sshd named given to its other lines
        AuthSessions.link(out);
        return out;
    }

    /**
     * The chain without its safety net: what the fuzz tests drive, so that a parser's failure shows
     * instead of being caught.
     */
    ParsedEvent parseStrict(LogEvent event, String line, Instant now, Headers headers) {
        Instant envelope = event.timestamp() > 0 ? Instant.ofEpochMilli(event.timestamp()) : null;
        String inner = line.startsWith("{") ? JsonLogs.wrapped(line) : null;
        if (inner != null && !inner.startsWith("{")) {
            // a container's line inside a shipper's JSON: read the line itself (one level only)
            Parsed wrapped = new Parsed(event, inner, envelope, envelope != null ? envelope : now, trustedProxies);
            if (recognise(wrapped, headers)) {
                return wrapped.build();
            }
        }
        Parsed p = new Parsed(event, line, envelope, envelope != null ? envelope : now, trustedProxies);
        if (recognise(p, headers)) {
            return p.build();
        }
        Prefixes.Inner inner2 = Prefixes.strip(line);
        if (inner2 != null) {
            // a file name or a log collection's tags in front of a line of a known format
            Instant at = inner2.time() != null ? inner2.time() : envelope;
            Parsed prefixed = new Parsed(event, inner2.line(), at, at != null ? at : now, trustedProxies);
            if (recognise(prefixed, headers)) {
                if (inner2.time() != null) {
                    prefixed.time = inner2.time();
                }
                return prefixed.build();
            }
        }
        Parsed text = new Parsed(event, line, envelope, p.reference, trustedProxies);
        TextLine.parse(text);
        return text.build();
    }

    private boolean recognise(Parsed p, Headers headers) {
        String s = p.line;
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (c == '{') {
            return JsonLogs.parse(p);
        }
        if (c >= '0' && c <= '9' || headers.vpc != null) {
            if (VpcFlow.parse(p, headers.vpc)) {
                return true;
            }
            reset(p);
            if (s.indexOf('\t') > 0) {
                return CloudFrontLog.parse(p, headers.cloudFront, cloudFrontRealtime) || reset(p);
            }
        }
        if (AlbLog.looks(s)) {
            return AlbLog.parse(p) || reset(p);
        }
        if (Syslog.parse(p)) {
            if (p.format == Format.SYSLOG) {
                p.put(Field.MENTIONED_IPS, TextLine.mentionedIps(p.field(Field.MESSAGE)));
            }
            return true;
        }
        reset(p);
        return AccessLog.parse(p) || reset(p) || AppText.parse(p) || reset(p) || Logfmt.parse(p) || reset(p);
    }

    /** Clears what a parser that gave up half-way left behind; always false, to read as "not recognised". */
    private static boolean reset(Parsed p) {
        p.format = Format.TEXT;
        p.time = null;
        p.actorIp = null;
        p.actorUser = null;
        p.clearFields();
        return false;
    }

    private ParsedEvent safely(LogEvent e, String line, Instant now, Headers headers) {
        try {
            return parseStrict(e, line, now, headers);
        } catch (RuntimeException bug) {
            // a parser bug must not lose the line nor stop the batch: keep it as text, say which event
            LOG.warnf("parser failed on event %s (%s); kept as text", e.id(), bug.getClass().getName());
            Instant envelope = e.timestamp() > 0 ? Instant.ofEpochMilli(e.timestamp()) : null;
            Parsed text = new Parsed(e, line, envelope, now, trustedProxies);
            text.format = Format.TEXT;
            return text.build();
        }
    }

    /** The field orders a source declared so far: a VPC flow log's header, a CloudFront log's {@code #Fields:}. */
    static final class Headers {
        String[] vpc;
        String[] cloudFront;

        /** The format a header or comment line declares (remembering its field order), else null. */
        Format read(String line) {
            String[] v = VpcFlow.header(line);
            if (v != null) {
                vpc = v;
                return Format.VPC_FLOW;
            }
            if (line.startsWith("#") && CloudFrontLog.comment(line)) {
                String[] cf = CloudFrontLog.header(line);
                if (cf != null) {
                    cloudFront = cf;
                }
                return Format.CLOUDFRONT;
            }
            return null;
        }
    }

    private ParsedEvent headerEvent(LogEvent e, String line, Instant now, Format format) {
        Instant envelope = e.timestamp() > 0 ? Instant.ofEpochMilli(e.timestamp()) : null;
        Parsed p = new Parsed(e, line, envelope, now, trustedProxies);
        p.format = format;
        p.put(Field.EVENT, "header");
        return p.build();
    }

    /**
     * The line without trailing CR/LF and spaces (what parsers read, at most 64 KiB of it: see
     * {@link UntrustedText#capLine}); the event keeps the line as delivered.
     */
    private static String strip(String s) {
        if (s == null) {
            return "";
        }
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r' || s.charAt(end - 1) == ' ')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }
}
