package dev.soctriage.function;

import jakarta.inject.Inject;

import dev.soctriage.approve.HttpEvent;
import dev.soctriage.approve.HttpResponse;
import dev.soctriage.approve.VerdictApi;
import io.quarkus.funqy.Funq;

/** {@code list-pending}: {@code GET /verdicts}, {@code GET /verdicts/{id}} behind API Gateway. */
public class ListPendingFunction {
    @Inject
    VerdictApi api;

    @Funq("list-pending")
    public HttpResponse listPending(HttpEvent request) {
        return api.handle(request, VerdictApi.Routes.READ);
    }
}
