package dev.soctriage.function;

import jakarta.inject.Inject;

import dev.soctriage.approve.HttpEvent;
import dev.soctriage.approve.HttpResponse;
import dev.soctriage.approve.VerdictApi;
import io.quarkus.funqy.Funq;

/** {@code approve}: approve, reject, and the remediation flow's outcome report, behind API Gateway. */
public class ApproveFunction {
    @Inject
    VerdictApi api;

    @Funq("approve")
    public HttpResponse approve(HttpEvent request) {
        return api.handle(request, VerdictApi.Routes.DECIDE);
    }
}
