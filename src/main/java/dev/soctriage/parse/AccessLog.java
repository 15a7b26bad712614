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
 * The actor is the client-address field, the last address before ident: never the virtual host in
 * front of it, which is the Host header the client wrote, even when it looks like an address. When
 * that address is a trusted proxy ({@code TRUSTED_PROXY_CIDRS}) and an X-Forwarded-For list comes
 * with it (joined by commas in front of it, or as a quoted field after the agent), the actor is the
 * right-most entry that is no trusted proxy — the one the proxy appended; the entries left of it are
 * the client's own claims — and the proxy is {@link Field#PEER}. From any other peer the list is
 * the client's own text and is not read.
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
        // before the time: [vhost] client-list ident user. The client-address field ($remote_addr, %h)
        // is the last address before ident; a forwarded list may precede it joined by commas
        // ("a, b, remote"); one token before that is the virtual host, whatever it looks like: it is
        // the Host header, the client's own text (nginx "$host $remote_addr ...")
        String[] head = s.substring(0, open).split(" ");
        if (head.length < 3) {
            return false;
        }
        String user = head[head.length - 1];
        int j = head.length - 3;
        while (j >= 0 && head[j].isEmpty()) {
            j--;
        }
        String remote = j < 0 ? null : Ips.canonicalEndpoint(head[j]);
        if (remote == null) {
            return false;
        }
        String[] clients = new String[j + 1];
        int nClients = 0;
        clients[nClients++] = remote;
        int k = j - 1;
        for (; k >= 0; k--) {
            String tok = head[k];
            if (tok.isEmpty()) {
                continue;
            }
            String ip = tok.endsWith(",") ? Ips.canonicalEndpoint(tok.substring(0, tok.length() - 1)) : null;
            if (ip == null) {
                break;
            }
            clients[nClients++] = ip;
        }
        String vhost = null;
        for (; k >= 0; k--) {
            if (head[k].isEmpty()) {
                continue;
            }
            if (vhost != null) {
                return false;
            }
            vhost = head[k];
        }
        // after the time: "request" status bytes ["referer" "agent"] [more]
        int at = close + 1;
        // API Gateway's CLF template writes no blank between the time and the request
        int quote = s.startsWith(" \"", at) ? at + 1 : s.startsWith("\"", at) ? at : -1;
        if (quote < 0) {
            return false;
        }
        int reqEnd = Tokens.quoteEnd(s, quote);
        if (reqEnd < 0) {
            return false;
        }
        String request = s.substring(quote + 1, reqEnd);
        at = reqEnd + 1;
        int[] rest = Tokens.split(s, at, 12);
        if (rest.length < 4) {
            return false;
        }
        String status = Tokens.text(s, rest, 0);
        if (status.length() != 3 || Times.num(status, 0, 3) < 0) {
            return false;
        }
        p.format = apiGatewayClf(s, rest) ? Format.API_GATEWAY : Format.ACCESS_LOG;
        p.time = time;
        Request.fill(p, request);
        p.put(Field.STATUS, status);
        p.put(Field.BYTES, Tokens.text(s, rest, 1));
        p.put(Field.HOST, vhost);
        String xff = null;
        int quoted = 0;
        for (int q = 2; q < rest.length / 2; q++) {
            String t = Tokens.text(s, rest, q);
            if (Tokens.quoted(s, rest, q)) {
                quoted++;
                if (quoted == 1) {
                    p.put(Field.REFERER, t);
                } else if (quoted == 2) {
                    p.put(Field.USER_AGENT, t);
                } else if (quoted >= 3 && xff == null && looksAddressList(t)) {
                    xff = t;
                }
            }
        }
        String actor = remote;
        if (trusted(p, remote)) {
            // only a trusted proxy's X-Forwarded-For is believed: the right-most entry that is no
            // trusted proxy is the client it saw; the entries left of it are the client's own claims
            if (nClients > 1) {
                actor = rightmostUntrusted(p, clients, 1, nClients, remote, true);
            } else if (xff != null) {
                String[] list = xff.split(",");
                String[] ips = new String[list.length];
                int n = 0;
                for (String e : list) {
                    String ip = Ips.canonicalEndpoint(e.strip());
                    if (ip != null) {
                        ips[n++] = ip;
                    }
                }
                actor = rightmostUntrusted(p, ips, 0, n, remote, false);
            }
        }
        p.actorIp = actor;
        if (!actor.equals(remote)) {
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

    static boolean trusted(Parsed p, String ip) {
        if (p.trustedProxies.isEmpty()) {
            return false;
        }
        byte[] b = Ips.bytes(ip);
        for (dev.soctriage.net.Cidr c : p.trustedProxies) {
            if (c.contains(b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entry nearest the remote end that is no trusted proxy, else the fallback.
     *
     * @param reversed whether {@code ips[from]} is the entry nearest the remote end (the head's list,
     *                 collected right to left) rather than {@code ips[to - 1]} (an X-Forwarded-For field)
     */
    static String rightmostUntrusted(Parsed p, String[] ips, int from, int to, String fallback,
            boolean reversed) {
        for (int i = 0; i < to - from; i++) {
            String ip = ips[reversed ? from + i : to - 1 - i];
            if (!trusted(p, ip)) {
                return ip;
            }
        }
        return fallback;
    }

    /**
     * API Gateway's CLF template: after status and length, its request id (and extended request id),
     * unquoted, and nothing quoted.
     */
    private static boolean apiGatewayClf(String s, int[] rest) {
        int n = Tokens.count(rest);
        if (n < 3 || n > 4) {
            return false;
        }
        for (int q = 2; q < n; q++) {
            String t = Tokens.text(s, rest, q);
            if (Tokens.quoted(s, rest, q) || t.length() < 10 || t.length() > 64) {
                return false;
            }
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!(Character.isLetterOrDigit(c) || c == '-' || c == '=' || c == '_')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean looksAddressList(String t) {
        if (t.isEmpty() || t.equals("-")) {
            return false;
        }
        int comma = t.indexOf(',');
        return Ips.canonicalEndpoint((comma < 0 ? t : t.substring(0, comma)).strip()) != null;
    }
}
