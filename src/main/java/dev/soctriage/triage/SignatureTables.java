package dev.soctriage.triage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The signatures' tables: every pattern {@link Signatures} tries, each {@link Gated} pattern with the
 * literals that gate it, the one {@link Literals} of all gates and the masks of its groups, and the
 * cheap checks some gates add. No matching happens here: {@link Signatures} decides the order.
 *
 * <p>Every repeated group is bounded ({@code {0,3}}, never {@code *} or {@code +} over a group): Java
 * recurses once per iteration of a group, and a 64 KiB line of repeats would overflow the stack.
 * A run of blanks inside a repeated group is possessive ({@code \s++}): otherwise the engine tries
 * every way of cutting the run between the iterations, and 100 blanks take minutes.
 */
final class SignatureTables {
    private SignatureTables() {
    }

    /**
     * The payload patterns are written in lower case and run on the lower-cased, decoded line:
     * java.util.regex's case-insensitive matching costs several times more on every line.
     */
    static final int FLAGS = 0;

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
            new Gated("\\b(ai|llm|gpt|language\\s+model|assistant|triage\\s+(bot|model|system))\\s*[:,]\\s*(please\\s+)?(ignore|block|respond|output|return|set|classify|mark|do\\s+not)", SignatureTables::addressesAModel,
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

    /** Shell command separators, the gate of the command-injection pattern. */
    private static final String[] SEPARATORS = { ";", "|", "`", "&&", "$(" };
    static final List<Gated> CMD = List.of(
            new Gated("(?:[;|`]|&&|\\$\\()\\s*(?:cat|id|whoami|uname|wget|curl|nc|ncat|bash|sh|ping|powershell|busybox|chmod|rm)\\b(?![=\\w.-])",
                    SignatureTables::commandAfterSeparator, SEPARATORS).startingWith(SEPARATORS),
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
            new Gated("\\bor\\s+1\\s*=\\s*1\\b", SignatureTables::oneEqualsOne, "=").startingWith("or"),
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
    static final String[] SENSITIVE_NEEDS = { "/etc/", "boot.ini", "win.ini", "/proc/" };
    /** Every gate's literals, found in one pass per line. */
    static final Literals LITERALS;

    /** Every gated pattern. */
    static final List<Gated> ALL_GATED;

    static {
        List<Gated> all = new ArrayList<>();
        all.addAll(INJECTION);
        all.addAll(CMD);
        all.addAll(SQLI);
        all.addAll(List.of(LOG4SHELL_GATED, SSRF_GATED, TRAVERSAL_GATED, XSS_GATED, SCANNER_GATED));
        ALL_GATED = List.copyOf(all);
        List<String> literals = new ArrayList<>(all.stream().flatMap(g -> Arrays.stream(g.needs)).toList());
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
}
