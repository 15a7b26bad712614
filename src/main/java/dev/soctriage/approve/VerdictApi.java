package dev.soctriage.approve;

import jakarta.enterprise.context.ApplicationScoped;

/** The HTTP API of the contract, for both API functions. (Being built: see issue 2.) */
@ApplicationScoped
public class VerdictApi {

    /** Which routes a function serves. */
    public enum Routes {
        /** list-pending: GET /verdicts, GET /verdicts/{id} */
        READ,
        /** approve: POST /verdicts/{id}/approve, /reject, /outcome */
        DECIDE
    }

    public HttpResponse handle(HttpEvent request, Routes routes) {
        return HttpResponse.json(501, "{\"error\":\"not_implemented\",\"message\":\"being built\"}");
    }
}
