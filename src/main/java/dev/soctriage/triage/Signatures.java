package dev.soctriage.triage;

import java.util.List;
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
 * Every repeated group is bounded ({@code {0,3}}, never {@code *} or {@code +} over a group): Java
 * recurses once per iteration of a group, and a 64 KiB line of repeats would overflow the stack.
 * A run of blanks inside a repeated group is possessive ({@code \s++}): otherwise the engine tries
 * every way of cutting the run between the iterations, and 100 blanks take minutes.
 */
@ApplicationScoped
public class Signatures implements LineClassifier {
    /**
     * The payload patterns are written in lower case and run on the lower-cased, decoded line:
     * java.util.regex's case-insensitive matching costs several times more on every line.
     */
    private static final int FLAGS = 0;

    /** Text that tries to instruct a model: override phrases, role markers, our own schema words. */
    static final List<Gated> INJECTION = List.of(
            new Gated("\\b(ignore|disregard|forget|override)\\s+[\\w\\s]{0,40}?(previous|prior|above|earlier|preceding|system|existing)\\s+(instructions?|prompts?|rules|directives|guidelines|context)", "ignore", "disregard", "forget", "override")
                    .startingWith("ignore", "disregard", "forget", "override"),
            new Gated("\\b(ignore|disregard|forget)\\s+(all\\s+|any\\s+|the\\s+|your\\s+){0,2}(instructions|prompts?)\\b", "ignore", "disregard", "forget")
                    .startingWith("ignore", "disregard", "forget"),
            new Gated("\\b(new|updated|real|system|developer)\\s+(instructions?|prompt)\\s*:", "instruction", "prompt")
                    .startingWith("new", "updated", "real", "system", "developer"),
            new Gated("\\byou\\s+are\\s+now\\s+(an?\\s+(ai|assistant|model|llm|different|new|unrestricted|security)\\b|in\\s+(developer|maintenance|god|admin|debug)\\s+mode)", "now").startingWith("you"),
            new Gated("\\b(system|developer)\\s+prompt\\s*(:|override)|\\b(system|developer)\\s+(message|role)\\s+override", "prompt", "override")
                    .startingWith("system", "developer"),
            new Gated("<\\|?\\s*(im[ _]start|im[ _]end|system|endoftext)\\s*\\|?>|\\[/?inst\\]|<<sys>>|###\\s*(system|instruction)", "im start", "im end", "system", "endoftext", "inst]", "<<sys", "###")
                    .startingWith("<", "[", "###"),
            new Gated("\\b(classify|mark|treat|report|label|consider)\\s+(this|these|it|all|the\\s+following)(\\s+\\w+){0,3}\\s+as\\s+(benign|harmless|a\\s+false\\s+positive|false\\s+positive|not\\s+malicious)", "benign", "harmless", "positive", "malicious")
                    .startingWith("classify", "mark", "treat", "report", "label", "consider"),
            new Gated("\\b(ai|llm|gpt|language\\s+model|assistant|triage\\s+(bot|model|system))\\s*[:,]\\s*(please\\s+)?(ignore|block|respond|output|return|set|classify|mark|do\\s+not)", Signatures::addressesAModel,
                    "ai", "llm", "gpt", "model", "assistant", "triage")
                    .startingWith("ai", "llm", "gpt", "language", "assistant", "triage"),
            new Gated("\\b(respond|reply|answer|output)\\s+(only\\s+)?with\\s+(\\{|json\\b|the\\s+following)", "with")
                    .startingWith("respond", "reply", "answer", "output"),
            new Gated("\\b(block[ _]ip|disable[ _]user)\\b", "block", "disable").startingWith("block", "disable"),
            new Gated("\\b(block|ban|blacklist)\\s+(the\\s+)?(ip|address|host)\\s+(\\d{1,3}\\.){3}\\d{1,3}", "block", "ban", "blacklist")
                    .startingWith("block", "ban", "blacklist"),
            new Gated("\\bplease\\s+(block|ban)\\s+(\\d{1,3}\\.){3}\\d{1,3}", "block", "ban").startingWith("please"),
            new Gated("\\bblock\\s+(\\d{1,3}\\.){3}\\d{1,3}\\s+(instead|immediately|now)\\b", "block").startingWith("block"),
            new Gated("\\bdo\\s+not\\s+(flag|report|alert|block|escalate)\\s+(this|these|it|me|the)\\b", "not").startingWith("do"));

    static final Pattern LOG4SHELL = Pattern.compile("\\$\\{\\s*(jndi|(\\$\\{|lower:|upper:|env:|::-|date:)[^}]{0,40}[jJ])", FLAGS);
    /**
     * A pattern and the literals one of which every match contains (plus, for some, a cheap scan
     * every match passes): the pattern runs only on a line that has them, which most lines do not.
     * The literals of all patterns are found in one pass per line ({@link Literals}).
     */
    static final class Gated {
        final Pattern pattern;
        final String[] needs;
        final java.util.function.Predicate<String> extra;
        /** Literals one of which every match begins with, or null: then the pattern is tried only there. */
        String[] starts;
        long[] mask;

        Gated(String regex, String... needs) {
            this(regex, null, needs);
        }

        Gated(String regex, java.util.function.Predicate<String> extra, String... needs) {
            this.pattern = Pattern.compile(regex, FLAGS);
            this.needs = needs;
            this.extra = extra;
        }

        /**
         * Declares that every match begins with one of {@code literals} (after a leading {@code \b}):
         * the pattern is then tried only where they occur instead of at every position of the line.
         */
        Gated startingWith(String... literals) {
            this.starts = literals;
            return this;
        }

        /** Whether the line has one of the literals and the pattern finds a match in its text. */
        boolean find(MatchText m) {
            return m.has(mask) && matches(m.text());
        }

        /** The pattern (and its extra check) on some text, ungated. */
        boolean matches(String text) {
            if (extra != null && !extra.test(text)) {
                return false;
            }
            return starts == null ? pattern.matcher(text).find() : matchesAtStarts(text);
        }

        /**
         * {@code find()}, trying only the positions where a match can begin: at each occurrence of a
         * start literal the pattern must match there (lookingAt), seeing the text before it for
         * {@code \b} (transparent bounds) and not taking it for the start of input (non-anchoring).
         */
        boolean matchesAtStarts(String text) {
            Matcher m = null;
            for (String start : starts) {
                for (int i = text.indexOf(start); i >= 0; i = text.indexOf(start, i + 1)) {
                    if (m == null) {
                        m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    }
                    if (m.region(i, text.length()).lookingAt()) {
                        return true;
                    }
                }
            }
            return false;
        }

        static boolean any(List<Gated> patterns, MatchText m) {
            for (Gated g : patterns) {
                if (g.find(m)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Shell command separators, the gate of the command-injection pattern. */
    private static final String[] SEPARATORS = { ";", "|", "`", "&&", "$(" };
    static final List<Gated> CMD = List.of(
            new Gated("(?:[;|`]|&&|\\$\\()\\s*(?:cat|id|whoami|uname|wget|curl|nc|ncat|bash|sh|ping|powershell|busybox|chmod|rm)\\b(?![=\\w.-])",
                    Signatures::commandAfterSeparator, SEPARATORS).startingWith(SEPARATORS),
            new Gated("/bin/(ba)?sh\\b", "/bin/").startingWith("/bin/"),
            new Gated("\\bcmd(\\.exe)?\\s*/c\\b", "cmd").startingWith("cmd"),
            new Gated("\\bpowershell(\\.exe)?\\s+-(enc|e|nop|w)", "powershell").startingWith("powershell"));
    static final List<Gated> SQLI = List.of(
            new Gated("\\bunion(\\s++|/\\*[^*]{0,100}\\*/){1,8}(all\\s+)?select\\b", "union").startingWith("union"),
            new Gated("'\\s*(or|and)\\s*'?\\d+'?\\s*=\\s*'?\\d+|'\\s*or\\s*'[^']*'\\s*=\\s*'"
                    + "|'\\s*;\\s*(drop|insert|update|delete|select)\\b|'\\s*--", "'").startingWith("'"),
            new Gated("\\b(sleep|benchmark|pg[ _]sleep)\\s*\\(\\s*\\d+", "sleep", "benchmark")
                    .startingWith("sleep", "benchmark", "pg"),
            new Gated("\\bwaitfor\\s+delay\\b", "waitfor").startingWith("waitfor"),
            new Gated("\\binformation[ _]schema\\b", "information").startingWith("information"),
            new Gated("\\bor\\s+1\\s*=\\s*1\\b", Signatures::oneEqualsOne, "=").startingWith("or"),
            new Gated("\\bselect\\b.{1,80}\\bfrom\\b.{1,40}\\b(users|mysql\\.user|pg[ _]|sys\\.)", "select").startingWith("select"),
            new Gated("\\bxp[ _]cmdshell\\b", "cmdshell").startingWith("xp"));
    static final Pattern SSRF = Pattern.compile(
            "(=|//|@)\\s*(169\\.254\\.169\\.254|169\\.254\\.170\\.2|metadata\\.google\\.internal|\\[?fd00:ec2::254)"
                    + "|/latest/(meta-data|api/token|user-data)",
            FLAGS);
    static final Pattern TRAVERSAL = Pattern.compile("(\\.\\./|\\.\\.\\\\){2}", FLAGS);
    /** Files a request has no business naming; in free text (auditd, AIDE, useradd) they are routine. */
    static final Pattern SENSITIVE_FILE = Pattern.compile(
            "/etc/(passwd|shadow)|\\bboot\\.ini\\b|win\\.ini\\b|/proc/self/environ", FLAGS);
    static final Pattern XSS = Pattern.compile(
            "<\\s*script|javascript\\s*:|\\bon(error|load|mouseover|focus)\\s*=|<\\s*(img|svg|iframe)[^>]{0,200}\\bsrc\\s*=|\\balert\\s*\\(|document\\.cookie",
            FLAGS);
    static final Pattern SCANNER = Pattern.compile(
            "\\b(sqlmap|nikto|nmap|masscan|zgrab|nuclei|dirbuster|gobuster|wpscan|acunetix|nessus|openvas|w3af|"
                    + "hydra|ffuf|feroxbuster|whatweb|zmeu|netsparker|arachni|skipfish|wfuzz|jaeles|commix|havij|"
                    + "dirb|jorgee|censysinspect|l9explore|fuzz faster u fool)\\b",
            FLAGS);
    /** Literals of {@link #SCANNER}: its gate. */
    private static final String[] SCANNER_NAMES = { "sqlmap", "nikto", "nmap", "masscan", "zgrab", "nuclei", "dirbuster",
            "gobuster", "wpscan", "acunetix", "nessus", "openvas", "w3af", "hydra", "ffuf", "feroxbuster", "whatweb",
            "zmeu", "netsparker", "arachni", "skipfish", "wfuzz", "jaeles", "commix", "havij", "dirb", "jorgee",
            "censysinspect", "l9explore", "fuzz faster u fool" };
    static final Gated LOG4SHELL_GATED = new Gated(LOG4SHELL.pattern(), "${").startingWith("${");
    static final Gated SSRF_GATED = new Gated(SSRF.pattern(), "169.254.", "metadata", "fd00:ec2", "/latest/")
            .startingWith("=", "//", "@", "/latest/");
    static final Gated TRAVERSAL_GATED = new Gated(TRAVERSAL.pattern(), "..").startingWith("..");
    static final Gated XSS_GATED = new Gated(XSS.pattern(), "<", "javascript", "alert", "cookie", "onerror", "onload",
            "onmouseover", "onfocus")
            .startingWith("<", "javascript", "onerror", "onload", "onmouseover", "onfocus", "alert", "document.cookie");
    static final Gated SCANNER_GATED = new Gated(SCANNER.pattern(), SCANNER_NAMES).startingWith(SCANNER_NAMES);
    /** Literals of {@link #PROBE}, one of which a matching path contains (after decoding: "_" is a blank). */
    private static final String[] PROBE_NEEDS = { ".env", ".git/", ".aws/", ".ssh/", "wp-config", "phpmyadmin", ".ds",
            "phpunit", "actuator/", ".htpasswd", "cgi-bin/", "config.", "backup." };
    static final long[] PROBE_MASK;
    /** Words every {@link #APP_LOGIN_FAILURE} match holds, after decoding and lower-casing. */
    private static final String[] LOGIN_FAILURE_WORDS = { "fail", "denied", "error", "password", "credential" };
    static final long[] LOGIN_FAILURE_MASK;
    /** Files {@link #SENSITIVE_FILE} names. */
    private static final String[] SENSITIVE_NEEDS = { "/etc/", "boot.ini", "win.ini", "/proc/" };
    /** Every gate's literals, found in one pass per line. */
    static final Literals LITERALS;

    /** Every gated pattern. */
    static final List<Gated> ALL_GATED;

    static {
        List<Gated> all = new java.util.ArrayList<>();
        all.addAll(INJECTION);
        all.addAll(CMD);
        all.addAll(SQLI);
        all.addAll(List.of(LOG4SHELL_GATED, SSRF_GATED, TRAVERSAL_GATED, XSS_GATED, SCANNER_GATED));
        ALL_GATED = List.copyOf(all);
        List<String> literals = new java.util.ArrayList<>(all.stream().flatMap(g -> java.util.Arrays.stream(g.needs)).toList());
        literals.addAll(List.of(PROBE_NEEDS));
        literals.addAll(List.of(LOGIN_FAILURE_WORDS));
        LITERALS = new Literals(literals);
        PROBE_MASK = LITERALS.mask(PROBE_NEEDS);
        LOGIN_FAILURE_MASK = LITERALS.mask(LOGIN_FAILURE_WORDS);
        for (Gated g : all) {
            g.mask = LITERALS.mask(g.needs);
        }
    }

    static final Pattern PROBE = Pattern.compile(
            "\\s[^\\s\"]*(/\\.env\\b|/\\.git/|/\\.aws/|/\\.ssh/|/wp-config\\.php|/phpmyadmin|/\\.ds[ _]store|/vendor/phpunit|"
                    + "/actuator/(env|heapdump)|/\\.htpasswd|/cgi-bin/|/config\\.(json|yml|php)\\b|/backup\\.(zip|sql|tar))",
            FLAGS);

    static final Pattern HOST_AUTH = Pattern.compile("^\\S.{0,80}?\\s(sshd|sudo)(\\[\\d+\\])?:\\s");
    static final Pattern SUDO_DENIED = Pattern.compile(
            "\\s\\S+\\s+:\\s+(user NOT in sudoers|[3-9]\\d* incorrect password attempts|command not allowed)");
    static final Pattern LOGIN_PATH = Pattern.compile(
            "(?i)/(login|signin|sign-in|sign_in|logon|auth|authenticate|session|sessions|wp-login\\.php|xmlrpc\\.php|"
                    + "oauth/token|token|j_security_check|user/login|account/login|api/(v\\d+/)?(login|auth|token|session))\\b");
    static final Pattern ACCESS_LOGIN_FAILURE = Pattern.compile("\"POST (\\S+) HTTP/[\\d.]+\" (401|403) ");
    static final Pattern APP_LOGIN_FAILURE = Pattern.compile(
            "(?i)\\b(login|log-in|sign-in|signin|authentication|auth)[ _-]?(failed|failure|denied|error)\\b|\\b(invalid|wrong|bad) (password|credentials)\\b");

    static final Pattern VPC_LINE = Pattern.compile(
            "^\\s*\\d+ \\S+ eni-\\S+ \\S+ \\S+ \\S+ (\\S+) \\S+ \\S+ \\S+ \\S+ \\S+ (ACCEPT|REJECT) (OK|NODATA|SKIPDATA)");
    static final Pattern WAF_BLOCK = Pattern.compile("\"action\"\\s*:\\s*\"BLOCK\"");

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

    /** A model addressed by name ("llm:", "assistant,", "ai:"), the gate of that injection alternative. */
    static boolean addressesAModel(String lower) {
        if (containsAny(lower, "llm", "gpt", "model", "assistant", "triage")) {
            return true;
        }
        // "ai:" / "ai ," without the common substring "ai" costing a match
        for (int i = lower.indexOf("ai"); i >= 0; i = lower.indexOf("ai", i + 2)) {
            int j = i + 2;
            while (j < lower.length() && Character.isWhitespace(lower.charAt(j))) {
                j++;
            }
            if (j < lower.length() && (lower.charAt(j) == ':' || lower.charAt(j) == ',')) {
                return true;
            }
        }
        return false;
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

    private static final String[] COMMANDS = { "cat", "id", "whoami", "uname", "wget", "curl", "nc", "ncat", "bash",
            "sh", "ping", "powershell", "busybox", "chmod", "rm" };

    /** A shell separator (; | ` && $() followed, after blanks, by a command name: the gate of the command pattern. */
    static boolean commandAfterSeparator(String t) {
        for (String separator : SEPARATORS) {
            for (int i = t.indexOf(separator); i >= 0; i = t.indexOf(separator, i + 1)) {
                int next = i + separator.length();
                while (next < t.length() && Character.isWhitespace(t.charAt(next))) {
                    next++;
                }
                for (String cmd : COMMANDS) {
                    if (t.startsWith(cmd, next)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** "1 = 1" (blanks allowed): the gate of the tautology pattern. */
    static boolean oneEqualsOne(String t) {
        for (int i = t.indexOf('='); i >= 0; i = t.indexOf('=', i + 1)) {
            int l = i - 1;
            while (l >= 0 && Character.isWhitespace(t.charAt(l))) {
                l--;
            }
            int r = i + 1;
            while (r < t.length() && Character.isWhitespace(t.charAt(r))) {
                r++;
            }
            if (l >= 0 && t.charAt(l) == '1' && r < t.length() && t.charAt(r) == '1') {
                return true;
            }
        }
        return false;
    }

    static boolean containsAny(String text, String... needles) {
        for (String n : needles) {
            if (text.contains(n)) {
                return true;
            }
        }
        return false;
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
