package dev.soctriage.api;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** API Gateway HTTP API (payload 2.0) requests as the JWT authorizer hands them to the function. */
final class Events {
    private String method = "GET";
    private String path = "/verdicts";
    private String stage = "$default";
    private Map<String, String> query;
    private String body;
    private boolean base64;
    private Map<String, Object> claims;
    private List<String> scopes;

    static Events get(String path) {
        Events e = new Events();
        e.path = path;
        return e;
    }

    static Events post(String path, String body) {
        Events e = new Events();
        e.method = "POST";
        e.path = path;
        e.body = body;
        return e;
    }

    static Events request(String method, String path) {
        Events e = new Events();
        e.method = method;
        e.path = path;
        return e;
    }

    Events to(String m, String p, String b) {
        this.method = m;
        this.path = p;
        this.body = b;
        return this;
    }

    /** An analyst: groups claim in API Gateway's string form. */
    Events asAnalyst() {
        return claims(Map.of("sub", "u-1", "email", "alice@example.com", "username", "alice",
                "cognito:groups", "[soc-analysts admins]"));
    }

    Events claims(Map<String, Object> c) {
        this.claims = c;
        return this;
    }

    Events scopes(List<String> s) {
        this.scopes = s;
        return this;
    }

    Events query(String k, String v) {
        if (query == null) {
            query = new HashMap<>();
        }
        query.put(k, v);
        return this;
    }

    Events stage(String s) {
        this.stage = s;
        return this;
    }

    Events base64(String encodedBody) {
        this.body = encodedBody;
        this.base64 = true;
        return this;
    }

    HttpEvent event() {
        String raw = "$default".equals(stage) ? path : "/" + stage + path;
        HttpEvent.Authorizer auth = claims == null && scopes == null ? null
                : new HttpEvent.Authorizer(new HttpEvent.Jwt(claims, scopes));
        return new HttpEvent("2.0", method + " " + path, raw, "", Map.of("content-type", "application/json"),
                query, null, new HttpEvent.RequestContext("req-1", stage,
                        new HttpEvent.Http(method, raw, "198.51.100.20"), auth),
                body, base64);
    }
}
