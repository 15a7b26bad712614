package dev.soctriage.servers;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The state behind {@link KestraFake}: its deployed flows and the executions created, answered as
 * Kestra answers them (Execution JSON, {@code PagedResults}). Thread-safe.
 */
final class FakeExecutions {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LABEL_FILTER = Pattern.compile("filters\\[labels]\\[(?:EQUALS|EQ)]\\[(.+)]");

    /** A result: an HTTP status and Kestra's JSON. */
    record Result(int status, String json) {
    }

    private final List<ObjectNode> executions = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> flows = new ConcurrentHashMap<>();

    List<ObjectNode> all() {
        return List.copyOf(executions);
    }

    /** Forgets every execution; only {@code flowIds} in {@code namespace} are deployed. */
    void reset(String namespace, Set<String> flowIds) {
        executions.clear();
        flows.clear();
        deploy(namespace, flowIds);
    }

    void deploy(String namespace, Set<String> flowIds) {
        flows.computeIfAbsent(namespace, n -> ConcurrentHashMap.newKeySet()).addAll(flowIds);
    }

    boolean deployed(String namespace, String flow) {
        return flows.getOrDefault(namespace, Set.of()).contains(flow);
    }

    /**
     * Creates an execution of a flow ({@link #deployed}) from its inputs and {@code labels=key:value}, refusing
     * {@code system.*} labels other than {@code system.correlationId} as Kestra does.
     *
     * @param base the fake's URL, for the execution's {@code url}
     */
    Result create(String base, String tenant, String ns, String flow, Map<String, List<String>> params,
            Map<String, String> inputs) {
        List<String[]> labels = new ArrayList<>();
        for (String l : params.getOrDefault("labels", List.of())) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                return new Result(400, KestraFake.error("Invalid label: " + l));
            }
            String key = l.substring(0, colon);
            if (key.startsWith("system.") && !key.equals("system.correlationId")) {
                return new Result(400,
                        KestraFake.error("System labels can only be set by Kestra itself, offending label: " + key));
            }
            labels.add(new String[] { key, l.substring(colon + 1) });
        }
        String id = newId();
        String now = Instant.now().toString();
        ObjectNode e = JSON.createObjectNode();
        e.put("id", id).put("namespace", ns).put("flowId", flow).put("flowRevision", 1).put("tenantId", tenant);
        ObjectNode in = e.putObject("inputs");
        inputs.forEach(in::put);
        ArrayNode ls = e.putArray("labels");
        labels.forEach(l -> ls.addObject().put("key", l[0]).put("value", l[1]));
        ObjectNode state = e.putObject("state");
        state.put("current", "CREATED").put("startDate", now);
        state.putArray("histories").addObject().put("state", "CREATED").put("date", now);
        e.put("originalId", id).put("deleted", false)
                .put("url", base + "/ui/" + tenant + "/executions/" + ns + "/" + flow + "/" + id);
        executions.add(e);
        return new Result(200, e.toString());
    }

    Optional<ObjectNode> byId(String id) {
        return executions.stream().filter(e -> e.get("id").asText().equals(id)).findFirst();
    }

    /**
     * The executions of {@code tenant} matching Kestra 2.x query filters ({@code filters[namespace][EQUALS]},
     * {@code filters[flowId][EQUALS]}, {@code filters[labels][EQUALS][key]=value}) or older releases'
     * parameters ({@code namespace}, {@code flowId}, {@code labels=key:value}), at most {@code size};
     * {@code unfiltered}: every execution of the tenant, as a server that ignored the filters would answer.
     */
    Result search(String tenant, Map<String, List<String>> params, boolean unfiltered) {
        Map<String, String> wanted = new LinkedHashMap<>();
        params.getOrDefault("labels", List.of()).forEach(l -> {
            int colon = l.indexOf(':');
            wanted.put(colon < 0 ? l : l.substring(0, colon), colon < 0 ? "" : l.substring(colon + 1));
        });
        params.forEach((k, v) -> {
            Matcher m = LABEL_FILTER.matcher(k);
            if (m.matches()) {
                wanted.put(m.group(1), v.get(0));
            }
        });
        String ns = unfiltered ? null : first(params, "namespace", "filters[namespace][EQUALS]");
        String flow = unfiltered ? null : first(params, "flowId", "filters[flowId][EQUALS]");
        List<ObjectNode> hits = executions.stream()
                .filter(e -> e.get("tenantId").asText().equals(tenant))
                .filter(e -> ns == null || e.get("namespace").asText().equals(ns))
                .filter(e -> flow == null || e.get("flowId").asText().equals(flow))
                .filter(e -> unfiltered
                        || wanted.entrySet().stream().allMatch(w -> hasLabel(e, w.getKey(), w.getValue())))
                .toList();
        String size = first(params, "size");
        ObjectNode page = JSON.createObjectNode();
        int shown = size == null ? hits.size() : Math.min(hits.size(), Integer.parseInt(size));
        page.putArray("results").addAll(hits.subList(0, shown));
        page.put("total", hits.size());
        return new Result(200, page.toString());
    }

    private static boolean hasLabel(ObjectNode e, String key, String value) {
        for (var l : e.get("labels")) {
            if (l.get("key").asText().equals(key) && l.get("value").asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String first(Map<String, List<String>> params, String... names) {
        for (String n : names) {
            if (params.containsKey(n)) {
                return params.get(n).get(0);
            }
        }
        return null;
    }

    /** Kestra's ids are 22 base62 characters. */
    private static String newId() {
        String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder b = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
