package dev.soctriage.parse;

import java.time.Instant;
import java.util.Map;

import dev.soctriage.model.Field;
import dev.soctriage.net.Ips;

/**
 * Application logs as key/value pairs (JSON objects flattened, or logfmt): the common key names for
 * the client address, the user, the message and HTTP fields. Keys compare without case, dots,
 * dashes and underscores ("client_ip", "clientIp", "client.ip" are one key). A value is the actor's
 * address only when it is an address.
 */
final class AppLogs {
    private static final String[] IP_KEYS = {"clientip", "clientaddr", "clientaddress", "remoteaddr", "remoteaddress",
            "remoteip", "srcip", "sourceip", "sourceaddress", "sourceipaddress", "srcaddr", "ip", "ipaddress", "src",
            "client", "peer", "peeraddr"};
    private static final String[] USER_KEYS = {"user", "username", "usr", "userid", "login", "useremail", "email",
            "principal", "usrname", "actor"};
    /** Keys that name who acted, by their name alone: the admin who reset another account's password. */
    private static final String[] ACTING_KEYS = {"actor", "actoruser", "actorname", "actorid", "performedby",
            "initiatedby", "adminuser", "operator"};
    /** Keys that name the account a line is about. */
    private static final String[] ACCOUNT_KEYS = {"user", "username", "usr", "userid", "login", "useremail", "email",
            "usrname", "account", "accountname", "targetaccount"};
    private static final String[] MESSAGE_KEYS = {"msg", "message", "log", "text"};
    private static final String[] EVENT_KEYS = {"event", "eventname", "eventtype", "action", "activity"};
    private static final String[] METHOD_KEYS = {"method", "httpmethod", "requestmethod", "reqmethod", "httprequestmethod"};
    private static final String[] PATH_KEYS = {"path", "url", "uri", "requesturi", "requestpath", "requrl", "reqpath",
            "urlpath", "urloriginal", "endpoint"};
    private static final String[] STATUS_KEYS = {"status", "statuscode", "httpstatus", "responsestatus", "resstatus",
            "httpresponsestatuscode"};
    private static final String[] LEVEL_KEYS = {"level", "lvl", "severity", "loglevel"};
    private static final String[] TIME_KEYS = {"time", "timestamp", "ts", "@timestamp", "datetime"};
    private static final String[] AGENT_KEYS = {"useragent", "ua", "httpuseragent", "useragentoriginal"};
    private static final String[] TARGET_USER_KEYS = {"targetuser", "targetusername"};

    private AppLogs() {
    }

    static void fill(Parsed p, Map<String, String> raw) {
        Map<String, String> kv = new java.util.HashMap<>(raw.size() * 2);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            kv.putIfAbsent(normalise(e.getKey()), e.getValue());
        }
        for (String k : IP_KEYS) {
            String ip = Ips.canonicalEndpoint(kv.get(k));
            if (ip != null) {
                p.actorIp = ip;
                break;
            }
        }
        p.actorUser = first(kv, USER_KEYS);
        p.put(Field.MESSAGE, first(kv, MESSAGE_KEYS));
        p.put(Field.EVENT, first(kv, EVENT_KEYS));
        p.put(Field.METHOD, first(kv, METHOD_KEYS));
        p.put(Field.PATH, first(kv, PATH_KEYS));
        String status = first(kv, STATUS_KEYS);
        if (status != null && status.length() == 3 && Times.num(status, 0, 3) >= 0) {
            p.put(Field.STATUS, status);
        }
        p.put(Field.LEVEL, first(kv, LEVEL_KEYS));
        p.put(Field.USER_AGENT, first(kv, AGENT_KEYS));
        p.put(Field.TARGET_USER, first(kv, TARGET_USER_KEYS));
        String outcome = first(kv, OUTCOME_KEYS);
        if (p.actorUser != null && (failedAuthentication(p.field(Field.EVENT), p.field(Field.MESSAGE),
                p.field(Field.STATUS), outcome) || aboutAnAccount(p.field(Field.EVENT), p.field(Field.MESSAGE), outcome))) {
            // the account a failed login, a reset, a lock or an MFA step names is the one tried, never the
            // actor (docs/contract.md, invariant 2): the actor is the client, or a user a key names as acting
            String account = first(kv, ACCOUNT_KEYS);
            String acting = first(kv, ACTING_KEYS);
            if (account == null && acting == null) {
                account = p.actorUser; // named by another key (principal): still the account tried
            }
            if (p.field(Field.TARGET_USER) == null && account != null) {
                p.put(Field.TARGET_USER, account);
            }
            p.actorUser = acting != null && !acting.equals(account) && !acting.equals(p.field(Field.TARGET_USER))
                    ? acting : null;
        }
        String t = first(kv, TIME_KEYS);
        if (t != null) {
            p.time = time(t);
        }
    }

    private static final String[] OUTCOME_KEYS = {"outcome", "result", "eventoutcome", "authresult"};
    private static final String[] AUTH_WORDS = {"login", "log in", "log-in", "logon", "signin", "sign-in", "sign in",
            "sign_in", "auth", "password", "credential", "passcode", "mfa", "otp"};
    private static final String[] FAILURE_WORDS = {"fail", "denied", "invalid", "wrong", "bad", "incorrect", "reject",
            "unauthori", "error"};

    /**
     * Whether the line reports a failed or denied authentication: its event or message speaks of a
     * login, a password or credentials together with a failure, or its status is 401. Reading too
     * much as a failure only ever takes an actor away, never makes one.
     */
    static boolean failedAuthentication(String event, String message, String status, String outcome) {
        if ("401".equals(status)) {
            return true;
        }
        String text = ((event == null ? "" : event) + " " + (message == null ? "" : message) + " "
                + (outcome == null ? "" : outcome)).toLowerCase(java.util.Locale.ROOT);
        return containsAny(text, AUTH_WORDS) && containsAny(text, FAILURE_WORDS);
    }

    /**
     * Words of an event about an account rather than by it: a password reset or recovery, a lock or
     * lockout, an MFA, one-time-code or verification step, a login attempt of any outcome.
     */
    private static final String[] ACCOUNT_WORDS = {"reset", "forgot", "recover", "lock", "mfa", "2fa", "two-factor",
            "two factor", "otp", "one-time", "one time", "passcode", "verification", "verify", "attempt", "challenge",
            "enrol", "suspend"};

    /**
     * Whether the line reports an event about an account's access (its event, message or outcome speaks
     * of a reset, a lock, an MFA step, an attempt, ...): anyone can cause one for any account, so the
     * account it names is no actor. As with failures, reading too much so only takes an actor away.
     */
    static boolean aboutAnAccount(String event, String message, String outcome) {
        String text = ((event == null ? "" : event) + " " + (message == null ? "" : message) + " "
                + (outcome == null ? "" : outcome)).toLowerCase(java.util.Locale.ROOT);
        return containsAny(text, ACCOUNT_WORDS);
    }

    private static boolean containsAny(String text, String[] words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, String> kv, String[] keys) {
        for (String k : keys) {
            String v = kv.get(k);
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** ISO 8601, or epoch seconds / milliseconds (with an optional fraction). */
    static Instant time(String t) {
        Instant iso = Times.iso(t, 0, t.length());
        if (iso != null) {
            return iso;
        }
        int dot = t.indexOf('.');
        String whole = dot < 0 ? t : t.substring(0, dot);
        if (whole.length() == 10 && Times.num(whole, 0, 10) >= 0) {
            return Instant.ofEpochSecond(Long.parseLong(whole));
        }
        if (whole.length() == 13 && Times.num(whole, 0, 13 - 4) >= 0 && Times.num(whole, 9, 4) >= 0) {
            return Instant.ofEpochMilli(Long.parseLong(whole));
        }
        return null;
    }

    static String normalise(String key) {
        StringBuilder b = null;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean drop = c == '_' || c == '-' || c == '.';
            boolean upper = c >= 'A' && c <= 'Z';
            if ((drop || upper) && b == null) {
                b = new StringBuilder(key.length()).append(key, 0, i);
            }
            if (b != null && !drop) {
                b.append(upper ? (char) (c + 32) : c);
            }
        }
        return b == null ? key : b.toString();
    }
}
