package dev.soctriage.function;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

import dev.soctriage.api.HttpEvent;
import dev.soctriage.api.HttpResponse;
import dev.soctriage.api.VerdictApi;

/** {@code list-pending}: {@code GET /verdicts}, {@code GET /verdicts/{id}} behind API Gateway. */
public class ListPendingFunction {
    @Inject
    VerdictApi api;

    @Funq("list-pending")
    public HttpResponse listPending(HttpEvent request) {
        return api.handle(request, VerdictApi.Routes.READ);
    }
}
