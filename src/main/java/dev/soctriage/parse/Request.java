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
            p.put(Field.METHOD, request.substring(0, sp));
            int end = last > sp && request.startsWith("HTTP/", last + 1) ? last : request.length();
            p.put(Field.PATH, pathOf(request.substring(sp + 1, end)));
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
