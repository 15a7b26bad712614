package dev.soctriage.triage;

import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.soctriage.group.LineClassifier;
import dev.soctriage.parse.Fields;
import dev.soctriage.parse.ParsedEvent;

/** Per-line attack signatures; the label keeps attack lines out of benign groups. */
@ApplicationScoped
public class Signatures implements LineClassifier {
    private static final Pattern SQLI = Pattern.compile(
            "(?i)(union(\\s|%20|\\+)+select|'\\s*or\\s*'?1'?\\s*=\\s*'?1|%27(\\s|%20|\\+)*or|sleep\\(\\d+\\)|information_schema)");
    private static final Pattern XSS = Pattern.compile("(?i)(<script|%3cscript|javascript:|onerror\\s*=)");
    private static final Pattern TRAVERSAL = Pattern.compile("(?i)(\\.\\./|\\.\\.%2f|%2e%2e/|/etc/passwd)");

    @Override
    public String classify(ParsedEvent e) {
        String path = e.field(Fields.PATH);
        if (path != null) {
            if (SQLI.matcher(path).find()) {
                return "sqli";
            }
            if (XSS.matcher(path).find()) {
                return "xss";
            }
            if (TRAVERSAL.matcher(path).find()) {
                return "path_traversal";
            }
        }
        return "";
    }
}
