package dev.soctriage.verdict;

import java.util.List;
import java.util.Objects;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.soctriage.model.Action;
import dev.soctriage.model.Detection;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * The verdict document of docs/contract.md ("The verdict document"), in parts: what was judged
 * ({@link Assessment}), what it rests on ({@link Evidence}), the verdict it follows ({@link Lineage}),
 * the analyst's {@link Decision} and the {@link Remediation} in Kestra. The JSON stays one flat object
 * with the contract's field names (each part is {@link JsonUnwrapped}); every field is always present,
 * null when unset. Immutable: state changes are conditional writes in the {@link VerdictStore}, which
 * hands back the new document.
 *
 * <p>Storage-only attributes (the TTL {@code expiresAt}, the approval's claim, the open plan, the
 * delivery ids, the feedback keys, the index keys) live in {@link VerdictItems}, never here.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "id", "status", "assessment", "evidence", "createdAt", "lineage", "decision", "remediation" })
public record Verdict(
        @NotNull @Pattern(regexp = VerdictIds.PATTERN) String id,
        @NotNull Status status,
        @JsonUnwrapped @NotNull @Valid Assessment assessment,
        @JsonUnwrapped @NotNull @Valid Evidence evidence,
        @NotBlank String createdAt,
        @JsonUnwrapped @NotNull @Valid Lineage lineage,
        @JsonUnwrapped @NotNull Decision decision,
        @JsonUnwrapped @NotNull Remediation remediation) {

    /** Most lines of evidence a verdict shows. */
    public static final int EVIDENCE_MAX_LINES = 20;

    public Verdict {
        lineage = lineage == null ? Lineage.NONE : lineage;
        decision = decision == null ? Decision.NONE : decision;
        remediation = remediation == null ? Remediation.NONE : remediation;
    }

    /**
     * What was judged. {@code threatType} is the first finding's; {@code threatTypes} every threat type
     * that joined (docs/contract.md, invariant 6); {@code severity} the highest seen. {@code guard}: what
     * the grounding guard refused, when it did; {@code crossCheck}: model and rules disagreed by two
     * severity levels or more.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "severity", "threatType", "threatTypes", "action", "target", "targetType", "reasoning",
            "mitre", "engine", "model", "guard", "crossCheck", "detections" })
    public record Assessment(
            @NotNull Severity severity,
            @NotBlank @Size(max = 120) String threatType,
            @NotEmpty @Size(max = 20) List<@NotBlank @Size(max = 120) String> threatTypes,
            @NotNull Action action,
            @Size(max = 320) String target,
            String targetType,
            @NotBlank @Size(max = 2000) String reasoning,
            @NotNull @Size(max = 10) List<@Pattern(regexp = "T\\d{4}(\\.\\d{3})?") String> mitre,
            @NotNull @Pattern(regexp = "llm|rules") String engine,
            String model,
            String guard,
            String crossCheck,
            @NotNull @Size(max = Detection.MAX_PER_VERDICT) List<@NotNull @Valid Detection> detections) {

        public Assessment {
            detections = detections == null ? List.of() : List.copyOf(detections);
        }

        /** An assessment no Sigma rule contributed to. */
        public Assessment(Severity severity, String threatType, List<String> threatTypes, Action action, String target,
                String targetType, String reasoning, List<String> mitre, String engine, String model, String guard,
                String crossCheck) {
            this(severity, threatType, threatTypes, action, target, targetType, reasoning, mitre, engine, model, guard,
                    crossCheck, List.of());
        }

        /** targetType follows from action; block_ip and disable_user need a target, monitor may name one. */
        @JsonIgnore
        @AssertTrue(message = "targetType must be ip for block_ip, user for disable_user, null for monitor; "
                + "block_ip and disable_user need a target")
        public boolean isTargetConsistent() {
            if (action == null) {
                return true;
            }
            if (!Objects.equals(targetType, action.targetType())) {
                return false;
            }
            return action == Action.MONITOR || (target != null && !target.isBlank());
        }
    }

    /**
     * What the verdict rests on, summed over every delivery that joined it. {@code lines} is the
     * document's {@code evidence}: at most 20 verbatim lines, the first ones kept and the latest
     * appended. {@code source} is where it was first seen, {@code sources} every source that joined.
     * {@code suppressedEvents}: events dropped while an analyst's false-positive suppression held,
     * counted on the first verdict after it ended.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "evidence", "eventCount", "deliveries", "firstSeen", "lastSeen", "source", "sources",
            "timeline", "suppressedEvents" })
    public record Evidence(
            @JsonProperty("evidence") @NotEmpty @Size(max = EVIDENCE_MAX_LINES) List<@NotNull String> lines,
            @Min(1) long eventCount,
            @Min(1) long deliveries,
            String firstSeen,
            String lastSeen,
            @NotBlank String source,
            @NotEmpty @Size(max = 20) List<@NotBlank String> sources,
            @NotEmpty @Size(max = Timeline.MAX_ENTRIES) List<@NotNull @Valid Timeline> timeline,
            Long suppressedEvents) {
    }

    /**
     * One delivery that joined the verdict: when it was written ({@code at}), how many events it added,
     * and the span of their times. The first entry is always kept; past {@link #MAX_ENTRIES} the oldest
     * after it give way to the latest.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "at", "events", "firstSeen", "lastSeen" })
    public record Timeline(@NotBlank String at, @Min(1) long events, String firstSeen, String lastSeen) {
        public static final int MAX_ENTRIES = 50;
    }

    /**
     * The decided verdict this one follows for the same thing to do (docs/contract.md, invariant 6):
     * its id, what was decided on it, by whom and when; {@code recurrence} says
     * {@value #SEEN_AFTER_BLOCK} when that one was a {@code block_ip} carried out.
     */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "previousVerdictId", "previousDecision", "recurrence" })
    public record Lineage(@Pattern(regexp = VerdictIds.PATTERN) String previousVerdictId,
            PreviousDecision previousDecision, String recurrence) {
        public static final Lineage NONE = new Lineage(null, null, null);
        public static final String SEEN_AFTER_BLOCK = "seen again after block";
    }

    /** What was decided on the previous verdict: its status now, who decided it and when. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "status", "decidedBy", "decidedAt", "comment" })
    public record PreviousDecision(Status status, String decidedBy, String decidedAt, String comment) {
    }

    /** The analyst's decision: null fields while nobody decided. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "decidedBy", "decidedAt", "comment" })
    public record Decision(String decidedBy, String decidedAt, String comment) {
        public static final Decision NONE = new Decision(null, null, null);
    }

    /** Kestra's side: the execution, a dispatch error, and the flow's reported outcome. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({ "kestraExecutionId", "dispatchError", "outcomeDetail", "outcomeAt" })
    public record Remediation(String kestraExecutionId, String dispatchError, String outcomeDetail, String outcomeAt) {
        public static final Remediation NONE = new Remediation(null, null, null, null);
    }

    // the fields most callers need, so that they need not know which part holds them

    public Severity severity() {
        return assessment.severity();
    }

    public String threatType() {
        return assessment.threatType();
    }

    public Action action() {
        return assessment.action();
    }

    public String target() {
        return assessment.target();
    }

    public long eventCount() {
        return evidence.eventCount();
    }

    public Verdict withId(String newId) {
        return new Verdict(newId, status, assessment, evidence, createdAt, lineage, decision, remediation);
    }
}
