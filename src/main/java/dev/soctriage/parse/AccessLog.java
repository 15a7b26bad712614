package dev.soctriage.parse;

import java.time.Instant;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * nginx and Apache access logs, common and combined, hand-split (no regular expression):
 *
 * <pre>
 *   [vhost[:port]] client[, client...] ident user [24/Nov/2026:10:00:01 +0000] "GET /p HTTP/1.1" 200 512 ["referer" "agent" ["x-forwarded-for"] ...]
 * </pre>
 *
 * The actor is the client address. When the client is a private address (a proxy or load balancer)
 * and an X-Forwarded-For list follows (in place of the client or as a quoted field after the agent),
 * the actor is the right-most public address of that list — the one the trusted proxy appended; the
 * entries left of it are the client's own claims — and the proxy is {@link Field#PEER}.
 */
final class AccessLog {
    private AccessLog() {
    }

    static boolean parse(Parsed p) {
        String s = p.line;
        int open = -1;
        Instant time = null;
        int close = -1;
        for (int from = 0, tries = 0; tries < 4; tries++) {
            int i = s.indexOf(" [", from);
            if (i < 0 || i > 1024) {
                return false;
            }
            int c = s.indexOf(']', i);
            if (c < 0) {
                return false;
            }
            time = Times.clf(s, i + 2, c);
            if (time != null) {
                open = i;
                close = c;
                break;
            }
            from = i + 2;
        }
        if (open < 0) {
            return false;
        }
        // before the time: [vhost] client-list ident user
        String[] head = s.substring(0, open).split(" ");
        if (head.length < 3) {
            return false;
        }
        String user = head[head.length - 1];
        String[] clients = new String[head.length - 2];
        int nClients = 0;
        String vhost = null;
        for (int k = 0; k < head.length - 2; k++) {
            String tok = head[k].endsWith(",") ? head[k].substring(0, head[k].length() - 1) : head[k];
            String ip = Ips.canonicalEndpoint(tok);
            if (ip != null) {
                clients[nClients++] = ip;
            } else if (k == 0 && !tok.isEmpty()) {
                vhost = tok;
            } else if (!tok.isEmpty()) {
                return false;
            }
        }
        if (nClients == 0) {
            return false;
        }
        // after the time: "request" status bytes ["referer" "agent"] [more]
        int at = close + 1;
        if (!s.startsWith(" \"", at)) {
            return false;
        }
        int reqEnd = Tokens.quoteEnd(s, at + 1);
        if (reqEnd < 0) {
            return false;
        }
        String request = s.substring(at + 2, reqEnd);
        at = reqEnd + 1;
        int[] rest = Tokens.split(s, at, 12);
        if (rest.length < 4) {
            return false;
        }
        String status = Tokens.text(s, rest, 0);
        if (status.length() != 3 || Times.num(status, 0, 3) < 0) {
            return false;
        }
        p.format = Format.ACCESS_LOG;
        p.time = time;
        Request.fill(p, request);
        p.put(Field.STATUS, status);
        p.put(Field.BYTES, Tokens.text(s, rest, 1));
        p.put(Field.HOST, vhost);
        String xff = null;
        int quoted = 0;
        for (int k = 2; k < rest.length / 2; k++) {
            String t = Tokens.text(s, rest, k);
            if (Tokens.quoted(s, rest, k)) {
                quoted++;
                if (quoted == 2) {
                    p.put(Field.USER_AGENT, t);
                } else if (quoted >= 3 && xff == null && looksAddressList(t)) {
                    xff = t;
                }
            }
        }
        String remote = clients[nClients - 1];
        String actor = remote;
        if (nClients > 1) {
            actor = rightmostPublic(clients, nClients, remote);
        } else if (xff != null && Ips.isPrivate(remote)) {
            String[] list = xff.split(",");
            String[] ips = new String[list.length];
            int n = 0;
            for (String e : list) {
                String ip = Ips.canonicalEndpoint(e.strip());
                if (ip != null) {
                    ips[n++] = ip;
                }
            }
            actor = rightmostPublic(ips, n, remote);
        }
        p.actorIp = actor;
        if (!actor.equals(remote) || nClients > 1) {
            p.put(Field.PEER, remote);
        }
        if (!user.equals("-")) {
            // a 401 names the user the client claimed, not one who acted
            if (status.equals("401")) {
                p.put(Field.TARGET_USER, user);
            } else {
                p.actorUser = user;
            }
        }
        return true;
    }

    private static String rightmostPublic(String[] ips, int n, String fallback) {
        for (int k = n - 1; k >= 0; k--) {
            if (!Ips.isPrivate(ips[k])) {
                return ips[k];
            }
        }
        return fallback;
    }

    private static boolean looksAddressList(String t) {
        if (t.isEmpty() || t.equals("-")) {
            return false;
        }
        int comma = t.indexOf(',');
        return Ips.canonicalEndpoint((comma < 0 ? t : t.substring(0, comma)).strip()) != null;
    }
}
