package dev.soctriage.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.jboss.logging.Logger;

import dev.soctriage.approval.ApprovalRefusedException;
import dev.soctriage.approval.ApprovalService;
import dev.soctriage.remediate.KestraRejectedException;
import dev.soctriage.remediate.KestraUnavailableException;
import dev.soctriage.model.SourceReading;
import dev.soctriage.verdict.InvalidPageTokenException;
import dev.soctriage.verdict.SourceReadings;
import dev.soctriage.verdict.StoreUnavailableException;
import dev.soctriage.verdict.Verdict;
import dev.soctriage.verdict.VerdictConflictException;
import dev.soctriage.verdict.VerdictNotFoundException;
import dev.soctriage.verdict.VerdictStore;
import dev.soctriage.verdict.Suppressions;

/**
 * The HTTP API of the contract, for both API functions: route, authenticate, authorise, validate,
 * act, answer JSON. Order of checks: route (404/405), identity (401), group or scope (403), input
 * (400), then state (404/409) and Kestra (502).
 *
 * <p>{@code GET /verdicts/sources} lists how each log source's lines were read ({@link SourceReadings}): it
 * sits under {@code /verdicts} so that the routes, the authorizer and the console's origin that serve the
 * queue serve it too, and no verdict id ({@code v_} and hex) can be mistaken for it.
 *
 * <p>Error codes: {@code not_found}, {@code method_not_allowed}, {@code unauthorized},
 * {@code forbidden}, {@code invalid_id}, {@code invalid_query}, {@code invalid_next_token},
 * {@code invalid_body}, {@code conflict}, {@code kestra_unavailable} (unreachable, timeout, 5xx),
 * {@code kestra_rejected} (Kestra answered 4xx: credentials, flow or inputs; also 502, since the
 * fault is upstream of this API, not in the caller's request), {@code store_unavailable} (503),
 * {@code internal} (500).
 */
@ApplicationScoped
public class VerdictApi {
    private static final Logger LOG = Logger.getLogger(VerdictApi.class);

    /** Which routes a function serves. */
    public enum Routes {
        /** list-pending: GET /verdicts, GET /verdicts/{id} */
        READ,
        /** approve: POST /verdicts/{id}/approve, /reject, /outcome */
        DECIDE
    }

    /** The sources' answer: latest delivery first. */
    @RegisterForReflection
    public record SourcesAnswer(List<SourceReading> items) {
    }

    /** The suppressions in force, newest first. */
    @RegisterForReflection
    public record SuppressionsAnswer(List<SuppressionView> items) {
    }

    /** What lifting a verdict's suppressions did: how many were in force. */
    @RegisterForReflection
    public record LiftAnswer(String verdictId, int lifted) {
    }

    /** The listing's answer; {@code nextToken} is null on the last page and always present. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ListAnswer(List<Verdict> items, String nextToken) {
    }

    private final VerdictStore store;
    private final Suppressions suppressions;
    private final SourceReadings readings;
    private final ApprovalService approvals;
    private final ApiConfig config;
    private final ObjectMapper mapper;
    private final java.time.Clock clock;

    /** Without the sources' readings (an API built by hand for the verdict routes): that route answers 503. */
    public VerdictApi(VerdictStore store, Suppressions suppressions, ApprovalService approvals, ApiConfig config,
            ObjectMapper mapper) {
        this(store, suppressions, NO_READINGS, approvals, config, mapper, java.time.Clock.systemUTC());
    }

    private static final SourceReadings NO_READINGS = new SourceReadings() {
        @Override
        public void record(String source, long lines, Map<String, Long> formats, long unknownLines, List<String> samples,
                java.time.Instant now) {
            throw new StoreUnavailableException("no source readings here", null);
        }

        @Override
        public List<SourceReading> recent(int limit) {
            throw new StoreUnavailableException("no source readings here", null);
        }
    };

    @jakarta.inject.Inject
    public VerdictApi(VerdictStore store, Suppressions suppressions, SourceReadings readings, ApprovalService approvals,
            ApiConfig config, ObjectMapper mapper, java.time.Clock clock) {
        this.clock = clock;
        this.store = store;
        this.suppressions = suppressions;
        this.readings = readings;
        this.approvals = approvals;
        this.config = config;
        this.mapper = mapper;
    }

    public HttpResponse handle(HttpEvent request, Routes routes) {
        try {
            Route route = Route.of(request, routes);
            Identity who = Identity.of(request, config.groupsClaim(), mapper)
                    .orElseThrow(() -> new HttpProblem(401, "unauthorized", "no JWT identity on the request"));
            authorize(route, who);
            return ok(act(route, who, request));
        } catch (HttpProblem p) {
            return p.status() == 405
                    ? HttpResponse.json(405, error(p.code(), p.getMessage()), "allow", routes == Routes.READ ? "GET" : "POST")
                    : HttpResponse.json(p.status(), error(p.code(), p.getMessage()));
        } catch (ApprovalRefusedException e) {
            return HttpResponse.json(409, error(e.code(), e.getMessage()));
        } catch (VerdictNotFoundException e) {
            return HttpResponse.json(404, error("not_found", e.getMessage()));
        } catch (VerdictConflictException e) {
            String now = e.current() == null ? "" : " (it is " + e.current().status() + ")";
            return HttpResponse.json(409, error("conflict", e.getMessage() + now));
        } catch (InvalidPageTokenException e) {
            return HttpResponse.json(400, error("invalid_next_token", e.getMessage()));
        } catch (KestraUnavailableException e) {
            return HttpResponse.json(502, error("kestra_unavailable",
                    "Kestra could not be reached; the verdict is DISPATCH_FAILED and may be approved again"));
        } catch (KestraRejectedException e) {
            return HttpResponse.json(502, error("kestra_rejected", "Kestra refused the execution (" + e.status()
                    + "); the verdict is DISPATCH_FAILED, its dispatchError says why"));
        } catch (StoreUnavailableException e) {
            return HttpResponse.json(503, error("store_unavailable", "the verdict store is unavailable; retry"));
        } catch (RuntimeException e) {
            LOG.errorf("unexpected %s answering %s", e.getClass().getName(), request.routeKey());
            return HttpResponse.json(500, error("internal", "internal error"));
        }
    }

    private void authorize(Route route, Identity who) {
        if (route.kind() == Route.Kind.OUTCOME) {
            if (!who.inGroup(config.remediationGroup()) && !who.hasScope(config.remediationScope())) {
                throw new HttpProblem(403, "forbidden", "reporting an outcome needs the group "
                        + config.remediationGroup() + " or the scope " + config.remediationScope());
            }
        } else if (!who.inGroup(config.analystGroup())) {
            throw new HttpProblem(403, "forbidden", "this needs the group " + config.analystGroup());
        }
    }

    private Object act(Route route, Identity who, HttpEvent request) {
        int max = config.maxTextLength();
        return switch (route.kind()) {
            case LIST -> {
                Requests.ListQuery q = Requests.listQuery(request);
                VerdictStore.Page page = store.list(q.status(), q.minSeverity(), q.order(), q.limit(),
                        q.nextToken());
                yield new ListAnswer(page.items(), page.nextToken());
            }
            case SOURCES -> new SourcesAnswer(readings.recent(Requests.sourcesLimit(request)));
            case SUPPRESSIONS -> new SuppressionsAnswer(suppressions.activeSuppressions(clock.instant(),
                    Requests.sourcesLimit(request)).stream().map(SuppressionView::of).toList());
            case UNSUPPRESS -> {
                String id = Requests.id(route);
                yield new LiftAnswer(id, approvals.liftSuppressions(id, who.name()));
            }
            case GET -> {
                String id = Requests.id(route);
                yield store.find(id).orElseThrow(() -> new VerdictNotFoundException(id));
            }
            case APPROVE -> {
                String id = Requests.id(route);
                yield approvals.approve(id, who.name(), Requests.approveComment(request, mapper, max));
            }
            case REJECT -> {
                String id = Requests.id(route);
                yield approvals.reject(id, who.name(), Requests.rejectReason(request, mapper, max));
            }
            case OUTCOME -> {
                String id = Requests.id(route);
                Requests.Outcome o = Requests.outcome(request, mapper, max);
                yield approvals.outcome(id, who.name(), o.executionId(), o.success(), o.detail());
            }
        };
    }

    private HttpResponse ok(Object body) {
        try {
            return HttpResponse.json(200, mapper.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a verdict did not serialise", e);
        }
    }

    private String error(String code, String message) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("message", message);
        try {
            return mapper.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error did not serialise", e);
        }
    }
}
