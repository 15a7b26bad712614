package dev.soctriage.remediate;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.PartType;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Kestra's REST API, the two calls soc-triage makes (source: Kestra's {@code ExecutionController} and
 * its query-filter reference). Built programmatically by {@link KestraClient}, never injected, so an
 * unset {@code KESTRA_URL} cannot stop the application from starting.
 */
@Path("/api/v1/{tenant}/executions")
public interface KestraApi {

    /**
     * Creates an execution: one multipart part per flow input, repeatable {@code labels=key:value}.
     */
    @POST
    @Path("/{namespace}/{flow}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    KestraExecution create(@HeaderParam("Authorization") String authorization, @PathParam("tenant") String tenant,
            @PathParam("namespace") String namespace, @PathParam("flow") String flow,
            @QueryParam("labels") List<String> labels,
            @RestForm("verdictId") @PartType(MediaType.TEXT_PLAIN) String verdictId,
            @RestForm("action") @PartType(MediaType.TEXT_PLAIN) String action,
            @RestForm("target") @PartType(MediaType.TEXT_PLAIN) String target,
            @RestForm("severity") @PartType(MediaType.TEXT_PLAIN) String severity,
            @RestForm("threatType") @PartType(MediaType.TEXT_PLAIN) String threatType,
            @RestForm("approvedBy") @PartType(MediaType.TEXT_PLAIN) String approvedBy,
            @RestForm("comment") @PartType(MediaType.TEXT_PLAIN) String comment);

    /**
     * Searches executions of a namespace carrying the label {@code verdictId:<id>}. Kestra 2.x takes
     * structured filters {@code filters[<field>][<operator>]=<value>}; for labels the label key goes in
     * a third bracket: {@code filters[labels][EQUALS][verdictId]=v_...} (Kestra docs, "Query filter
     * reference", for OSS, Enterprise and Cloud; parsed server-side by Kestra's
     * {@code QueryFilterFormatBinder}, whose tests use exactly this key form). The answer is
     * {@code PagedResults}: {@code {"results":[...],"total":N}}. The flat
     * {@code labels=key:value} search parameter of older releases is not used; and since a server that
     * ignored an unknown filter would answer with unrelated executions, {@link KestraClient} keeps only
     * results that really carry the label.
     */
    @GET
    @Path("/search")
    @Produces(MediaType.APPLICATION_JSON)
    KestraExecution.Page searchByVerdict(@HeaderParam("Authorization") String authorization,
            @PathParam("tenant") String tenant,
            @QueryParam("filters[namespace][EQUALS]") String namespace,
            @QueryParam("filters[labels][EQUALS][verdictId]") String verdictId,
            @QueryParam("size") int size);
}
