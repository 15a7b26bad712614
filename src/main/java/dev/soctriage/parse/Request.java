package dev.soctriage.parse;

import dev.soctriage.model.Field;

/** An HTTP request line "METHOD target PROTOCOL" into METHOD and PATH; a line that is not one stays whole in PATH. */
final class Request {
    private Request() {
    }

    static void fill(Parsed p, String request) {
        int sp = request.indexOf(' ');
        int last = request.lastIndexOf(' ');
        if (sp > 0 && sp <= 16 && isMethod(request, sp)) {
            String method = request.substring(0, sp);
            p.put(Field.METHOD, method);
            int end = last > sp && request.startsWith("HTTP/", last + 1) ? last : request.length();
            String target = request.substring(sp + 1, end);
            if (target.startsWith(method + " ")) {
                // API Gateway's HTTP API template: "$context.httpMethod $context.routeKey", whose key repeats the method
                target = target.substring(sp + 1);
            }
            p.put(Field.HOST, hostOf(target));
            p.put(Field.PATH, pathOf(target));
        } else {
            p.put(Field.PATH, request);
        }
    }

    /** "https://host:443/a?b" → "/a?b"; a path stays as it is. */
    static String pathOf(String target) {
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 8) {
            int slash = target.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return target;
    }

    /**
     * The authority of an absolute-form target ("http://169.254.169.254/latest" → "169.254.169.254"): the host
     * the client asked for, which a proxy fetches (RFC 9112, 3.2.2), else null. The format's own Host field,
     * when it has one, is put after this and wins.
     */
    static String hostOf(String target) {
        int scheme = target.indexOf("://");
        if (scheme <= 0 || scheme >= 8) {
            return null;
        }
        int start = scheme + 3;
        int end = start;
        while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?' && end - start < 255) {
            end++;
        }
        String authority = target.substring(start, end);
        int at = authority.lastIndexOf('@');
        return authority.isEmpty() ? null : authority.substring(at + 1);
    }

    private static boolean isMethod(String s, int end) {
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
