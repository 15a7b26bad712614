package dev.soctriage.triage;

import static dev.soctriage.triage.SignatureTables.*;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.group.LineClassifier;
import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * Per-line attack signatures (labels in {@link Signal}). The label keeps attack lines out of benign
 * groups and tells the {@link RulesEngine} what a group is. Matching runs on the raw line, decoded
 * ({@link Decoding}), because the payload may sit in any field (path, referer, user agent, user name);
 * the parser's fields are used where a decision needs one field (status, method, event name), with a
 * pattern on the raw line as fallback for lines whose format was not recognised.
 *
 * <p>It runs on every line, so most lines must cost a single pass: every pattern is {@link Gated}
 * behind literals that all its matches contain, found for all patterns at once while the line is
 * folded ({@link MatchText}, {@link Literals}); a pattern whose gate passes is tried only where its
 * matches can begin.
 *
 * <p>Order matters: text addressed to a model wins over everything, then the most severe payloads.
 * The patterns and their gates are the {@link SignatureTables}; this class is the order they are tried in.
 */
@ApplicationScoped
public class Signatures implements LineClassifier {
    @Override
    public Signal classify(ParsedEvent e) {
        String line = e.line();
        if (line == null || line.isEmpty()) {
            return Signal.NONE;
        }
        MatchText m = new MatchText(line, LITERALS);
        if (Gated.any(INJECTION, m)) {
            return Signal.PROMPT_INJECTION;
        }
        if (LOG4SHELL_GATED.find(m)) {
            return Signal.LOG4SHELL;
        }
        String eventName = CloudTrailSignatures.eventName(e, line);
        if (eventName != null) {
            return CloudTrailSignatures.classify(e, line, eventName);
        }
        if (e.format() == Format.VPC_FLOW || line.contains(" eni-") && VPC_LINE.matcher(line).find()) {
            String outcome = e.field(Field.OUTCOME);
            boolean reject = outcome != null ? "REJECT".equalsIgnoreCase(outcome) : line.contains(" REJECT ");
            return reject ? Signal.FLOW_REJECT : Signal.NONE;
        }
        if (e.format() == Format.SSHD || e.format() == Format.SUDO
                || (line.contains("sshd") || line.contains("sudo")) && HOST_AUTH.matcher(line).find()) {
            // sshd and sudo lines name commands and files by design (COMMAND=/bin/bash, /etc/shadow):
            // only their own signatures apply
            return hostAuth(line);
        }
        String path = e.field(Field.PATH);
        Signal web = webAttack(m, e, path);
        if (web != Signal.NONE) {
            return web;
        }
        // the user agent is part of the line: the line's literals gate it too
        if (m.has(SCANNER_GATED.mask)) {
            String ua = e.field(Field.USER_AGENT);
            if (SCANNER_GATED.matches(ua != null ? ua.toLowerCase(Locale.ROOT) : m.text())) {
                return Signal.SCANNER;
            }
        }
        // a request for .env is a probe; an application saying it loaded its .env is not
        // (the path is part of the line, so the line's literals gate it)
        if (path != null && m.has(PROBE_MASK) && PROBE.matcher(" " + request(path)).find()) {
            return Signal.PROBE;
        }
        if (isLoginFailure(e, m)) {
            return Signal.LOGIN_FAILURE;
        }
        boolean waf = e.format() == Format.WAF || line.contains("\"terminatingRuleId\"");
        if (waf && ("BLOCK".equalsIgnoreCase(e.field(Field.OUTCOME)) || WAF_BLOCK.matcher(line).find())) {
            return Signal.WAF_BLOCK;
        }
        return Signal.NONE;
    }

    /** Failed logins: the user they name is the one the sender tried. */
    @Override
    public boolean namesAttemptedUser(Signal label) {
        return label.isFailedLogin();
    }

    /** The phrases of sshd's failed authentications, each after a blank or at the start of the line. */
    private static final String[] SSH_FAILURES = { "Failed password for", "Failed publickey for",
            "Failed keyboard-interactive/pam for", "Failed none for", "error: maximum authentication attempts",
            "Disconnecting authenticating user", "Connection closed by authenticating user" };

    /** sshd's "Invalid user" as a whole word, tried where the phrase follows a blank. */
    private static final Pattern INVALID_USER = Pattern.compile("Invalid user\\b");

    private static Signal hostAuth(String line) {
        for (String phrase : SSH_FAILURES) {
            if (afterBlank(line, phrase, 0) >= 0) {
                return Signal.AUTH_FAILURE;
            }
        }
        for (int i = afterBlank(line, "Invalid user", 0); i >= 0; i = afterBlank(line, "Invalid user", i + 1)) {
            // the phrase must end a word: the regex itself decides, since what \b counts as a word
            // character changed between JDKs (Unicode letters up to 17, ASCII ones from 19)
            if (INVALID_USER.matcher(line).useTransparentBounds(true).region(i, line.length()).lookingAt()) {
                return Signal.INVALID_USER;
            }
        }
        if (containsAny(line, "user NOT in sudoers", "incorrect password attempts", "command not allowed")
                && SUDO_DENIED.matcher(line).find()) {
            return Signal.SUDO_DENIED;
        }
        return Signal.NONE;
    }

    /** Where {@code phrase} next occurs from {@code from} at the line's start or after a blank, or -1. */
    static int afterBlank(String line, String phrase, int from) {
        for (int i = line.indexOf(phrase, from); i >= 0; i = line.indexOf(phrase, i + 1)) {
            if (i == 0 || isRegexBlank(line.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    /** java.util.regex's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean isRegexBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The decoded, lower-cased request path, for the patterns that read only the request. */
    private static String request(String path) {
        return Decoding.forMatching(path).toLowerCase(Locale.ROOT);
    }

    /**
     * Each pattern runs only on text holding what every one of its alternatives needs (a literal
     * check costs a fraction of a regex scan, and most lines hold none of them).
     */
    static Signal webAttack(MatchText m, ParsedEvent e, String path) {
        if (Gated.any(CMD, m)) {
            return Signal.CMD_INJECTION;
        }
        if (Gated.any(SQLI, m)) {
            return Signal.SQLI;
        }
        if (SSRF_GATED.find(m)) {
            return Signal.SSRF;
        }
        if (TRAVERSAL_GATED.find(m) || namesSensitiveFile(m, e, path)) {
            return Signal.PATH_TRAVERSAL;
        }
        if (XSS_GATED.find(m)) {
            return Signal.XSS;
        }
        return Signal.NONE;
    }

    /** A request (its path field, or the whole line of a request-log format) naming a sensitive file. */
    private static boolean namesSensitiveFile(MatchText m, ParsedEvent e, String path) {
        String request;
        if (path != null) {
            request = request(path);
        } else if (e.format() == Format.ACCESS_LOG || e.format() == Format.ALB
                || e.format() == Format.WAF) {
            request = m.text();
        } else {
            return false;
        }
        return containsAny(request, SENSITIVE_NEEDS) && SENSITIVE_FILE.matcher(request).find();
    }

    private static boolean isLoginFailure(ParsedEvent e, MatchText m) {
        String path = e.field(Field.PATH);
        String status = e.field(Field.STATUS);
        if (path != null && status != null) {
            return "POST".equalsIgnoreCase(e.field(Field.METHOD)) && (status.equals("401") || status.equals("403"))
                    && LOGIN_PATH.matcher(path).find();
        }
        String line = m.line;
        if (line.contains("\"POST ")) {
            Matcher matcher = ACCESS_LOGIN_FAILURE.matcher(line);
            if (matcher.find()) {
                return LOGIN_PATH.matcher(matcher.group(1)).find();
            }
        }
        boolean structured = e.format() == Format.JSON || e.format() == Format.LOGFMT
                || e.format() == Format.TEXT || e.format() == Format.SYSLOG;
        // every alternative ends in failed/failure/denied/error or names a password or credentials
        return structured && m.has(LOGIN_FAILURE_MASK) && APP_LOGIN_FAILURE.matcher(line).find();
    }
}
