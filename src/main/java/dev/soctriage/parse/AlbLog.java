package dev.soctriage.parse;

import java.time.Instant;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * AWS Application Load Balancer access logs, in AWS's field order:
 *
 * <pre>
 *  0 type  1 time  2 elb  3 client:port  4 target:port  5-7 processing times  8 elb_status_code
 *  9 target_status_code  10 received_bytes  11 sent_bytes  12 "request"  13 "user_agent"  14 ssl_cipher
 * 15 ssl_protocol  16 target_group_arn  17 "trace_id"  18 "domain_name"  19 "chosen_cert_arn"
 * 20 matched_rule_priority  21 request_creation_time  22 "actions_executed"  23 "redirect_url"
 * 24 "error_reason"  25... (later additions)
 * </pre>
 *
 * The actor is the client address (IPv4 or IPv6; the port after the last colon is dropped).
 */
final class AlbLog {
    private AlbLog() {
    }

    static boolean looks(String s) {
        int sp = s.indexOf(' ');
        if (sp < 2 || sp > 5) {
            return false;
        }
        String type = s.substring(0, sp);
        return (type.equals("http") || type.equals("https") || type.equals("h2") || type.equals("grpcs")
                || type.equals("ws") || type.equals("wss")) && Times.looksIso(s, sp + 1);
    }

    static boolean parse(Parsed p) {
        String s = p.line;
        if (!looks(s)) {
            return false;
        }
        int[] t = Tokens.split(s, 0, 32);
        int n = Tokens.count(t);
        if (n < 14) {
            return false;
        }
        Instant time = Times.iso(s, t[2], t[3]);
        String client = Ips.canonicalWithPort(Tokens.text(s, t, 3));
        if (time == null || client == null) {
            return false;
        }
        p.format = Format.ALB;
        p.time = time;
        p.actorIp = client;
        p.put(Field.SRC_PORT, portOf(Tokens.text(s, t, 3)));
        p.put(Field.STATUS, Tokens.text(s, t, 8));
        p.put(Field.BYTES, Tokens.text(s, t, 10));
        Request.fill(p, Tokens.text(s, t, 12));
        p.put(Field.USER_AGENT, Tokens.text(s, t, 13));
        if (n > 18) {
            p.put(Field.HOST, Tokens.text(s, t, 18));
        }
        if (n > 24) {
            p.put(Field.ERROR, Tokens.text(s, t, 24));
        }
        return true;
    }

    private static String portOf(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        return colon > 0 && Ips.digits(endpoint, colon + 1, endpoint.length()) ? endpoint.substring(colon + 1) : null;
    }
}
