package dev.soctriage.function;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.runtime.Startup;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.soctriage.api.DryRequests;
import dev.soctriage.api.VerdictApi;
import dev.soctriage.pipeline.DryTriage;

/**
 * SnapStart priming (docs/startup.md, "SnapStart"): a CRaC resource that, before Lambda takes the
 * snapshot of an initialised function, runs that function's own path once without its effects, so the
 * restored copies answer their first event with the code already loaded, linked and initialised.
 * ingest-triage: {@link DryTriage} (decode, parse, group, rules, verdict mapping and validation, the
 * store's requests marshalled and signed but not sent). list-pending and approve: {@link DryRequests}
 * (their routes on requests that end before the store, and the store's reads marshalled).
 * The other functions' paths are not touched (approve loads no parser).
 *
 * <p>Nothing the copies must not share is made before the snapshot: no request is sent (so no connection
 * exists), the dry requests are signed with throwaway credentials (so the function's are neither resolved
 * nor cached), no secret is read, no model is called, no random value or time is kept. After a restore
 * there is therefore nothing to re-create; {@link #afterRestore} says the restore happened, once. Without
 * CRaC (every JVM but Lambda's SnapStart runtime) registering is a no-op and neither hook runs.
 */
@Startup
@ApplicationScoped
public class Priming implements Resource {
    private static final Logger LOG = Logger.getLogger(Priming.class);

    private final String function;
    private final Instance<DryTriage> triage;
    private final Instance<DryRequests> requests;
    private volatile String primed = "not primed";

    public Priming(@ConfigProperty(name = "quarkus.funqy.export", defaultValue = "") String function,
            Instance<DryTriage> triage, Instance<DryRequests> requests) {
        this.function = function;
        this.triage = triage;
        this.requests = requests;
    }

    @PostConstruct
    void register() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        primed = prime();
        LOG.infof("primed %s before the snapshot: %s", function, primed);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        LOG.infof("restored %s from a snapshot (primed: %s)", function, primed);
    }

    /** The function's path once, without effects; what it went through. */
    String prime() {
        return switch (function) {
            case "ingest-triage" -> triage.get().run().toString();
            case "list-pending" -> requests.get().run(VerdictApi.Routes.READ);
            case "approve" -> requests.get().run(VerdictApi.Routes.DECIDE);
            default -> "nothing to prime for '" + function + "'";
        };
    }
}
