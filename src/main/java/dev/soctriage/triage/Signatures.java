package dev.soctriage.triage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.group.LineClassifier;
import dev.soctriage.parse.Fields;
import dev.soctriage.parse.Formats;
import dev.soctriage.parse.ParsedEvent;

/**
 * Per-line attack signatures (labels in {@link Signal}). The label keeps attack lines out of benign
 * groups and tells the {@link RulesEngine} what a group is. Matching runs on the raw line, decoded
 * ({@link Decoding}), because the payload may sit in any field (path, referer, user agent, user name);
 * the parser's fields are used where a decision needs one field (status, method, event name), with a
 * pattern on the raw line as fallback for lines whose format was not recognised.
 *
 * <p>Order matters: text addressed to a model wins over everything, then the most severe payloads.
 * Every repeated group is bounded ({@code {0,3}}, never {@code *} or {@code +} over a group): Java
 * recurses once per iteration of a group, and a 64 KiB line of repeats would overflow the stack.
 */
@ApplicationScoped
public class Signatures implements LineClassifier {
    private static final int FLAGS = Pattern.CASE_INSENSITIVE;

    /** Text that tries to instruct a model: override phrases, role markers, our own schema words. */
    static final Pattern INJECTION = Pattern.compile(String.join("|",
            "\\b(ignore|disregard|forget|override)\\s+[\\w\\s]{0,40}?(previous|prior|above|earlier|preceding|system|existing)\\s+(instructions?|prompts?|rules|directives|guidelines|context)",
            "\\b(ignore|disregard|forget)\\s+(all\\s+|any\\s+|the\\s+|your\\s+){0,2}(instructions|prompts?)\\b",
            "\\b(new|updated|real|system|developer)\\s+(instructions?|prompt)\\s*:",
            "\\byou\\s+are\\s+now\\s+(an?\\s+(ai|assistant|model|llm|different|new|unrestricted|security)\\b|in\\s+(developer|maintenance|god|admin|debug)\\s+mode)",
            "\\b(system|developer)\\s+prompt\\s*(:|override)|\\b(system|developer)\\s+(message|role)\\s+override",
            "<\\|?\\s*(im_start|im_end|system|endoftext)\\s*\\|?>|\\[/?inst\\]|<<sys>>|###\\s*(system|instruction)",
            "\\b(classify|mark|treat|report|label|consider)\\s+(this|these|it|all|the\\s+following)(\\s+\\w+){0,3}\\s+as\\s+(benign|harmless|a\\s+false\\s+positive|false\\s+positive|not\\s+malicious)",
            "\\b(ai|llm|gpt|language\\s+model|assistant|triage\\s+(bot|model|system))\\s*[:,]\\s*(please\\s+)?(ignore|block|respond|output|return|set|classify|mark|do\\s+not)",
            "\\b(respond|reply|answer|output)\\s+(only\\s+)?with\\s+(\\{|json\\b|the\\s+following)",
            "\\b(block[ _]ip|disable[ _]user)\\b",
            "\\b(block|ban|blacklist)\\s+(the\\s+)?(ip|address|host)\\s+(\\d{1,3}\\.){3}\\d{1,3}",
            "\\bplease\\s+(block|ban)\\s+(\\d{1,3}\\.){3}\\d{1,3}",
            "\\bblock\\s+(\\d{1,3}\\.){3}\\d{1,3}\\s+(instead|immediately|now)\\b",
            "\\bdo\\s+not\\s+(flag|report|alert|block|escalate)\\s+(this|these|it|me|the)\\b"), FLAGS);

    static final Pattern LOG4SHELL = Pattern.compile("\\$\\{\\s*(jndi|(\\$\\{|lower:|upper:|env:|::-|date:)[^}]{0,40}[jJ])", FLAGS);
    static final Pattern CMD = Pattern.compile(String.join("|",
            "(;|\\||&&|\\$\\(|`)\\s*(cat|id|whoami|uname|wget|curl|nc|ncat|bash|sh|ping|powershell|busybox|chmod|rm)\\b(?![=\\w.-])",
            "/bin/(ba)?sh\\b", "\\bcmd(\\.exe)?\\s*/c\\b", "\\bpowershell(\\.exe)?\\s+-(enc|e|nop|w)"), FLAGS);
    static final Pattern SQLI = Pattern.compile(String.join("|",
            "\\bunion(\\s+|/\\*[^*]{0,100}\\*/){1,8}(all\\s+)?select\\b", "'\\s*(or|and)\\s*'?\\d+'?\\s*=\\s*'?\\d+",
            "'\\s*or\\s*'[^']*'\\s*=\\s*'", "\\b(sleep|benchmark|pg[ _]sleep)\\s*\\(\\s*\\d+", "\\bwaitfor\\s+delay\\b",
            "\\binformation[ _]schema\\b", "'\\s*;\\s*(drop|insert|update|delete|select)\\b", "\\bor\\s+1\\s*=\\s*1\\b",
            "'\\s*--", "\\bselect\\b.{1,80}\\bfrom\\b.{1,40}\\b(users|mysql\\.user|pg[ _]|sys\\.)", "\\bxp[ _]cmdshell\\b"),
            FLAGS);
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
    static final Pattern PROBE = Pattern.compile(
            "\\s[^\\s\"]*(/\\.env\\b|/\\.git/|/\\.aws/|/\\.ssh/|/wp-config\\.php|/phpmyadmin|/\\.ds_store|/vendor/phpunit|"
                    + "/actuator/(env|heapdump)|/\\.htpasswd|/cgi-bin/|/config\\.(json|yml|php)\\b|/backup\\.(zip|sql|tar))",
            FLAGS);

    static final Pattern SSH_FAILURE = Pattern.compile(
            "(?<=\\s|^)(Failed (password|publickey|keyboard-interactive/pam|none) for|error: maximum authentication attempts|"
                    + "Disconnecting authenticating user|Connection closed by authenticating user)");
    static final Pattern HOST_AUTH = Pattern.compile("^\\S.{0,80}?\\s(sshd|sudo)(\\[\\d+\\])?:\\s");
    static final Pattern SSH_INVALID_USER = Pattern.compile("(?<=\\s|^)Invalid user\\b");
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
    public String classify(ParsedEvent e) {
        String line = e.line();
        if (line == null || line.isEmpty()) {
            return Signal.NONE;
        }
        String text = Decoding.forMatching(line);
        if (INJECTION.matcher(text).find()) {
            return Signal.PROMPT_INJECTION;
        }
        if (LOG4SHELL.matcher(text).find()) {
            return Signal.LOG4SHELL;
        }
        String eventName = CloudTrailSignatures.eventName(e, line);
        if (eventName != null) {
            return CloudTrailSignatures.classify(e, line, eventName);
        }
        Matcher vpc = VPC_LINE.matcher(line);
        if (Formats.VPC_FLOW.equals(e.format()) || vpc.find()) {
            String outcome = e.field(Fields.OUTCOME);
            boolean reject = outcome != null ? "REJECT".equalsIgnoreCase(outcome) : line.contains(" REJECT ");
            return reject ? Signal.FLOW_REJECT : Signal.NONE;
        }
        if (Formats.SSHD.equals(e.format()) || Formats.SUDO.equals(e.format()) || HOST_AUTH.matcher(line).find()) {
            // sshd and sudo lines name commands and files by design (COMMAND=/bin/bash, /etc/shadow):
            // only their own signatures apply
            return hostAuth(line);
        }
        String web = webAttack(text, requestText(e, text));
        if (!web.isEmpty()) {
            return web;
        }
        String ua = e.field(Fields.USER_AGENT);
        if (SCANNER.matcher(ua != null ? ua : text).find()) {
            return Signal.SCANNER;
        }
        // a request for .env is a probe; an application saying it loaded its .env is not
        String path = e.field(Fields.PATH);
        if (path != null && PROBE.matcher(" " + Decoding.forMatching(path)).find()) {
            return Signal.PROBE;
        }
        if (isLoginFailure(e, line)) {
            return Signal.LOGIN_FAILURE;
        }
        boolean waf = Formats.WAF.equals(e.format()) || line.contains("\"terminatingRuleId\"");
        if (waf && ("BLOCK".equalsIgnoreCase(e.field(Fields.OUTCOME)) || WAF_BLOCK.matcher(line).find())) {
            return Signal.WAF_BLOCK;
        }
        return Signal.NONE;
    }

    private static String hostAuth(String line) {
        if (SSH_FAILURE.matcher(line).find()) {
            return Signal.AUTH_FAILURE;
        }
        if (SSH_INVALID_USER.matcher(line).find()) {
            return Signal.INVALID_USER;
        }
        if (SUDO_DENIED.matcher(line).find()) {
            return Signal.SUDO_DENIED;
        }
        return Signal.NONE;
    }

    /** The request a line carries: its path field, or the whole line for request-log formats; else null. */
    private static String requestText(ParsedEvent e, String text) {
        String path = e.field(Fields.PATH);
        if (path != null) {
            return Decoding.forMatching(path);
        }
        boolean requestLog = Formats.ACCESS_LOG.equals(e.format()) || Formats.ALB.equals(e.format())
                || Formats.WAF.equals(e.format());
        return requestLog ? text : null;
    }

    static String webAttack(String text, String request) {
        if (CMD.matcher(text).find()) {
            return Signal.CMD_INJECTION;
        }
        if (SQLI.matcher(text).find()) {
            return Signal.SQLI;
        }
        if (SSRF.matcher(text).find()) {
            return Signal.SSRF;
        }
        if (TRAVERSAL.matcher(text).find() || request != null && SENSITIVE_FILE.matcher(request).find()) {
            return Signal.PATH_TRAVERSAL;
        }
        if (XSS.matcher(text).find()) {
            return Signal.XSS;
        }
        return Signal.NONE;
    }

    private static boolean isLoginFailure(ParsedEvent e, String line) {
        String path = e.field(Fields.PATH);
        String status = e.field(Fields.STATUS);
        if (path != null && status != null) {
            return "POST".equalsIgnoreCase(e.field(Fields.METHOD)) && (status.equals("401") || status.equals("403"))
                    && LOGIN_PATH.matcher(path).find();
        }
        Matcher m = ACCESS_LOGIN_FAILURE.matcher(line);
        if (m.find()) {
            return LOGIN_PATH.matcher(m.group(1)).find();
        }
        boolean structured = Formats.JSON.equals(e.format()) || Formats.LOGFMT.equals(e.format())
                || Formats.TEXT.equals(e.format()) || Formats.SYSLOG.equals(e.format());
        return structured && APP_LOGIN_FAILURE.matcher(line).find();
    }
}
