package dev.soctriage.api;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.verdict.VerdictStore;

/**
 * list-pending's and approve's path once, without effects, for SnapStart priming (docs/startup.md,
 * "SnapStart"): a request without identity (401) and an analyst's malformed one (400), both read from
 * JSON as Funqy reads them and answered before the store, then the store's reads marshalled and signed
 * but not sent ({@link VerdictStore#prime}). Nothing is read, written or dispatched.
 */
@ApplicationScoped
public class DryRequests {
    private final VerdictApi api;
    private final VerdictStore store;
    private final ObjectMapper mapper;

    public DryRequests(VerdictApi api, VerdictStore store, ObjectMapper mapper) {
        this.api = api;
        this.store = store;
        this.mapper = mapper;
    }

    /** @return what it went through, e.g. "routes answered 401 and 400, 2 store requests marshalled" */
    public String run(VerdictApi.Routes routes) {
        boolean read = routes == VerdictApi.Routes.READ;
        String method = read ? "GET" : "POST";
        String path = read ? "/verdicts" : "/verdicts/not-a-verdict-id/approve";
        String query = read ? "limit=0" : "";
        HttpResponse anonymous = api.handle(event(method, path, query, false), routes);
        HttpResponse analyst = api.handle(event(method, path, query, true), routes);
        int requests = store.prime(null);
        return "routes answered " + anonymous.statusCode() + " and " + analyst.statusCode() + ", " + requests
                + " store requests marshalled";
    }

    private HttpEvent event(String method, String path, String query, boolean analyst) {
        String authorizer = analyst
                ? ",\"authorizer\":{\"jwt\":{\"claims\":{\"sub\":\"priming\",\"email\":\"priming@localhost\","
                        + "\"cognito:groups\":\"[soc-analysts]\"},\"scopes\":null}}"
                : "";
        String json = "{\"version\":\"2.0\",\"routeKey\":\"" + method + " " + path + "\",\"rawPath\":\"" + path
                + "\",\"rawQueryString\":\"" + query + "\",\"headers\":{\"content-type\":\"application/json\"},"
                + "\"requestContext\":{\"http\":{\"method\":\"" + method + "\",\"path\":\"" + path + "\"}" + authorizer
                + "},\"body\":\"{}\",\"isBase64Encoded\":false}";
        try {
            return mapper.readValue(json, HttpEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the priming request is not valid JSON", e);
        }
    }
}
