package dev.soctriage.local;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What {@code make run} does once the stack is up: ingests the sample logs, lists the verdicts through
 * the gateway, prints where to look; in demo mode approves the brute-force verdict and checks the Kestra
 * call.
 */
final class LocalRun {
    /** The brute-force source in samples/auth.log. */
    static final String BRUTE_FORCE_IP = "203.0.113.7";
    private final LocalStack stack;
    private final Consumer<String> out;
    private final long t0;
    private final LocalHttp http = new LocalHttp();

    LocalRun(LocalStack stack, Consumer<String> out, long t0) {
        this.stack = stack;
        this.out = out;
        this.t0 = t0;
    }

    /** @return the exit status for demo mode: 0 when the approval reached Kestra as the contract says */
    int run(boolean demo, Path workDir, boolean groqKeySet) {
        stack.initMillis().forEach((f, ms) -> out.accept(String.format("local: %-13s ready: initialised in %d ms (%s, log %s)",
                f, ms, Bootstrap.path(), workDir.resolve(f + ".log"))));
        stack.failures().forEach((f, why) -> out.accept("local: " + f + " FAILED to start: " + why));
        out.accept("local: dynalite (DynamoDB) and the Kestra stand-in at " + stack.kestra().url() + " are up");
        out.accept(groqKeySet ? "local: GROQ_API_KEY is set: the model triages, the rules engine guards"
                : "local: no GROQ_API_KEY: the built-in rules engine triages");

        ingest("samples/auth.log as a CloudWatch Logs subscription (" + SampleEvents.AUTH_LOG_GROUP + ")",
                SampleEvents.cloudWatchAuthLog());
        ingest("samples/nginx-access.log as a direct invoke (source " + SampleEvents.ACCESS_SOURCE + ")",
                SampleEvents.directAccessLog());

        String api = stack.gatewayUrl();
        LocalHttp.Answer list = http.get(api + "/verdicts");
        long elapsed = System.currentTimeMillis() - t0;
        JsonNode items = list.json().path("items");
        if (list.status() == 200 && items.size() > 0) {
            out.accept(String.format("local: first verdict listed %.1f s after the run started", elapsed / 1000.0));
            out.accept("local: pending verdicts:");
            for (JsonNode v : items) {
                out.accept(String.format("  %-28s %-8s %-18s %-9s %s", v.path("id").asText(), v.path("severity").asText(),
                        v.path("threatType").asText(), v.path("action").asText(), v.path("target").asText("-")));
            }
        } else {
            out.accept(String.format("local: GET /verdicts answered %d after %.1f s, no verdict listed: %s", list.status(),
                    elapsed / 1000.0, list.body()));
        }
        String firstId = items.size() > 0 ? items.get(0).path("id").asText() : "<id>";
        printHowTo(api, firstId);
        return demo ? demo(api, items) : 0;
    }

    /**
     * The pending block_ip verdict for the sample's attacker; the one named a brute force when the
     * triage also reported other findings about the same address (e.g. user enumeration).
     */
    static JsonNode bruteForceVerdict(JsonNode items) {
        JsonNode any = null;
        for (JsonNode v : items) {
            if (BRUTE_FORCE_IP.equals(v.path("target").asText()) && "block_ip".equals(v.path("action").asText())) {
                if (v.path("threatType").asText().toLowerCase(java.util.Locale.ROOT).contains("brute force")) {
                    return v;
                }
                any = any == null ? v : any;
            }
        }
        return any;
    }

    private void ingest(String what, String event) {
        try {
            RuntimeApiEmulator.Result r = stack.ingest(event);
            out.accept("local: ingest-triage <- " + what + ": " + (r.error() ? "FAILED " : "") + r.body());
        } catch (RuntimeApiEmulator.FunctionFailedException e) {
            out.accept("local: ingest-triage <- " + what + ": FAILED: " + e.getMessage());
        }
    }

    private void printHowTo(String api, String id) {
        String k = stack.kestra().url();
        out.accept("");
        out.accept("soc-triage runs locally. HTTP API: " + api + "  (identity: analyst@localhost in soc-analysts;"
                + " headers X-Local-User, X-Local-Groups, X-Local-Scopes, X-Local-Anonymous: 1 change it)");
        out.accept("  analyst console:         " + api + "/  (sign in as analyst, remediation caller or a user without groups)");
        out.accept("  triage your own lines:   curl -s -X POST " + api + "/_local/ingest -H 'content-type: application/json'"
                + " -d '{\"source\":\"my/app\",\"lines\":[\"<log line>\"]}'");
        out.accept("  list pending verdicts:   curl -s " + api + "/verdicts");
        out.accept("  show one:                curl -s " + api + "/verdicts/" + id);
        out.accept("  approve it:              curl -s -X POST " + api + "/verdicts/" + id
                + "/approve -H 'content-type: application/json' -d '{\"comment\":\"confirmed\"}'");
        out.accept("  Kestra calls recorded:   curl -s " + k + "/_local/kestra/calls");
        out.accept("  report the outcome as the remediation flow:");
        out.accept("                           curl -s -X POST " + api + "/verdicts/" + id + "/outcome"
                + " -H 'X-Local-User: kestra' -H 'X-Local-Groups: soc-remediation' -H 'content-type: application/json'"
                + " -d '{\"executionId\":\"<kestraExecutionId>\",\"state\":\"SUCCESS\",\"detail\":\"blocked\"}'");
        out.accept("  function logs:           tail -f .local/run/*.log");
        out.accept("Ctrl-C stops everything.");
    }

    private int demo(String api, JsonNode items) {
        JsonNode bruteForce = bruteForceVerdict(items);
        if (bruteForce == null) {
            out.accept("demo: FAILED: no pending block_ip verdict for " + BRUTE_FORCE_IP);
            return 1;
        }
        String id = bruteForce.path("id").asText();
        LocalHttp.Answer approved = http.post(api + "/verdicts/" + id + "/approve",
                "{\"comment\":\"local demo: confirmed SSH brute force\"}");
        out.accept("demo: POST /verdicts/" + id + "/approve -> " + approved.status() + " status="
                + approved.json().path("status").asText() + " kestraExecutionId="
                + approved.json().path("kestraExecutionId").asText());
        LocalHttp.Answer calls = http.get(stack.kestra().url() + "/_local/kestra/calls");
        out.accept("demo: Kestra calls recorded: " + calls.body());
        List<JsonNode> executions = List.copyOf(stack.kestra().executions());
        boolean ok = approved.status() == 200 && "APPROVED".equals(approved.json().path("status").asText())
                && executions.size() == 1 && "block-ip".equals(executions.get(0).path("flowId").asText())
                && id.equals(executions.get(0).at("/inputs/verdictId").asText())
                && BRUTE_FORCE_IP.equals(executions.get(0).at("/inputs/target").asText())
                && executions.get(0).path("id").asText().equals(approved.json().path("kestraExecutionId").asText());
        out.accept(ok ? "demo: OK: one block-ip execution for " + BRUTE_FORCE_IP + ", verdict APPROVED"
                : "demo: FAILED: expected exactly one block-ip execution for " + BRUTE_FORCE_IP + " and the verdict APPROVED");
        return ok ? 0 : 1;
    }
}
