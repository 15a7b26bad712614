package dev.soctriage.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.soctriage.text.Texts;

/**
 * The route a request names: method and path of the contract's HTTP API, matched on {@code rawPath}
 * (a stage prefix {@code /{stage}} is removed unless the stage is {@code $default}). The id is kept as
 * sent; it is validated after the caller is authenticated.
 */
public record Route(Kind kind, String id) {

    public enum Kind {
        LIST("GET", VerdictApi.Routes.READ),
        /** how each log source's lines were read: {@code /verdicts/sources} (no verdict id looks like it) */
        SOURCES("GET", VerdictApi.Routes.READ),
        /** the false-positive suppressions in force: {@code /verdicts/suppressions} (no verdict id looks like it) */
        SUPPRESSIONS("GET", VerdictApi.Routes.READ),
        GET("GET", VerdictApi.Routes.READ),
        APPROVE("POST", VerdictApi.Routes.DECIDE),
        REJECT("POST", VerdictApi.Routes.DECIDE),
        OUTCOME("POST", VerdictApi.Routes.DECIDE),
        /** ends the suppressions a verdict's false-positive rejection made */
        UNSUPPRESS("POST", VerdictApi.Routes.DECIDE);

        final String method;
        final VerdictApi.Routes function;

        Kind(String method, VerdictApi.Routes function) {
            this.method = method;
            this.function = function;
        }
    }

    /**
     * @throws HttpProblem 404 {@code not_found} for a path this function does not serve, 405
     *                     {@code method_not_allowed} for a path it serves with another method
     */
    public static Route of(HttpEvent request, VerdictApi.Routes served) {
        String method = method(request);
        List<String> segments = segments(path(request));
        Kind kind = kind(segments);
        if (kind == null || kind.function != served) {
            throw new HttpProblem(404, "not_found", "no such route: " + method + " " + describe(segments));
        }
        if (!kind.method.equals(method)) {
            throw new HttpProblem(405, "method_not_allowed", "use " + kind.method + " on this route");
        }
        return new Route(kind, segments.size() > 1 && kind != Kind.SOURCES && kind != Kind.SUPPRESSIONS
                ? segments.get(1) : null);
    }

    private static Kind kind(List<String> s) {
        if (s.isEmpty() || !"verdicts".equals(s.get(0))) {
            return null;
        }
        return switch (s.size()) {
            case 1 -> Kind.LIST;
            case 2 -> switch (s.get(1)) {
                case "sources" -> Kind.SOURCES;
                case "suppressions" -> Kind.SUPPRESSIONS;
                default -> Kind.GET;
            };
            case 3 -> switch (s.get(2)) {
                case "approve" -> Kind.APPROVE;
                case "reject" -> Kind.REJECT;
                case "outcome" -> Kind.OUTCOME;
                case "unsuppress" -> Kind.UNSUPPRESS;
                default -> null;
            };
            default -> null;
        };
    }

    private static String method(HttpEvent r) {
        String m = r.requestContext() != null && r.requestContext().http() != null
                ? r.requestContext().http().method()
                : null;
        if (m == null && r.routeKey() != null && r.routeKey().contains(" ")) {
            m = r.routeKey().substring(0, r.routeKey().indexOf(' '));
        }
        return m == null ? "" : m.toUpperCase(Locale.ROOT);
    }

    private static String path(HttpEvent r) {
        String p = r.rawPath();
        if (p == null && r.requestContext() != null && r.requestContext().http() != null) {
            p = r.requestContext().http().path();
        }
        if (p == null) {
            return "";
        }
        String stage = r.requestContext() == null ? null : r.requestContext().stage();
        if (stage != null && !stage.isEmpty() && !"$default".equals(stage)) {
            String prefix = "/" + stage;
            if (p.equals(prefix)) {
                p = "/";
            } else if (p.startsWith(prefix + "/")) {
                p = p.substring(prefix.length());
            }
        }
        return p;
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static String describe(List<String> segments) {
        String p = "/" + String.join("/", segments);
        return Texts.cap(p, 100);
    }
}
