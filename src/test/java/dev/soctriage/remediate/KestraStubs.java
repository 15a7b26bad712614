package dev.soctriage.remediate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Kestra's answers as its API documents them, and helpers to read what reached the stub. */
public final class KestraStubs {
    public static final String BLOCK_IP = "/api/v1/main/executions/soc.remediation/block-ip";
    public static final String SEARCH = "/api/v1/main/executions/search";

    private KestraStubs() {
    }

    /** 200 with an Execution as Kestra answers a create: id, namespace, flowId, state, labels, url. */
    public static ResponseDefinitionBuilder execution(String executionId, String verdictId) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"id":"%1$s","namespace":"soc.remediation","flowId":"block-ip","flowRevision":3,
                 "state":{"current":"CREATED","histories":[{"state":"CREATED","date":"2026-11-24T10:05:00.000Z"}],
                          "duration":"PT0S","startDate":"2026-11-24T10:05:00.000Z"},
                 "labels":[{"key":"verdictId","value":"%2$s"},{"key":"system.correlationId","value":"%2$s"}],
                 "inputs":{"verdictId":"%2$s"},
                 "url":"http://kestra.local/ui/main/executions/soc.remediation/block-ip/%1$s"}
                """.formatted(executionId, verdictId));
    }

    /** Kestra's PagedResults answer to a search. */
    public static ResponseDefinitionBuilder searchResult(String executionId, String verdictId) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"results":[{"id":"%1$s","namespace":"soc.remediation","flowId":"block-ip",
                  "state":{"current":"SUCCESS"},
                  "labels":[{"key":"verdictId","value":"%2$s"},{"key":"system.correlationId","value":"%2$s"}]}],
                 "total":1}
                """.formatted(executionId, verdictId));
    }

    public static ResponseDefinitionBuilder emptySearch() {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"results\":[],\"total\":0}");
    }

    /** An error as Kestra's API answers it: JSON with a message. */
    public static ResponseDefinitionBuilder error(int status, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"" + message + "\",\"_links\":{\"self\":{\"href\":\"/api\"}}}");
    }

    public static MappingBuilder createBlockIp() {
        return post(urlPathEqualTo(BLOCK_IP));
    }

    public static List<LoggedRequest> creates(WireMockServer kestra) {
        return kestra.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().getName().equals("POST") && r.getUrl().startsWith("/api/v1/"))
                .map(r -> (LoggedRequest) r).toList();
    }

    /** The multipart parts of a request, name → text. */
    public static Map<String, String> parts(LoggedRequest r) {
        return r.getParts().stream().collect(Collectors.toMap(Request.Part::getName, p -> p.getBody().asString()));
    }
}
