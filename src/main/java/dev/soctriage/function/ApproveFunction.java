package dev.soctriage.function;

import jakarta.inject.Inject;

import io.quarkus.funqy.Funq;

import dev.soctriage.api.HttpEvent;
import dev.soctriage.api.HttpResponse;
import dev.soctriage.api.VerdictApi;

/** {@code approve}: approve, reject, and the remediation flow's outcome report, behind API Gateway. */
public class ApproveFunction {
    @Inject
    VerdictApi api;

    @Funq("approve")
    public HttpResponse approve(HttpEvent request) {
        return api.handle(request, VerdictApi.Routes.DECIDE);
    }
}
