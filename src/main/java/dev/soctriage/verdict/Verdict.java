package dev.soctriage.verdict;

import java.util.List;
import java.util.Objects;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * The verdict document of the contract. Immutable: state changes are conditional writes in the
 * {@link VerdictStore}, which hands back the new document.
 *
 * <p>Beyond the contract's fields (all always present, null when unset): {@code guard} (what the
 * grounding guard refused, when it did), {@code crossCheck} (model and rules disagreed by two
 * severity levels or more), {@code groupKey} (template and actor of the group, for feedback),
 * {@code dispatchError}, {@code outcomeDetail}, {@code outcomeAt}, and {@code expiresAt} (epoch
 * seconds, the DynamoDB TTL attribute of a verdict nobody decided), and {@code suppressedEvents}
 * (events of this group dropped while an analyst's false-positive suppression held, counted here
 * on the first verdict after it ended).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "id", "status", "severity", "threatType", "action", "target", "targetType", "reasoning",
        "mitre", "engine", "model", "evidence", "eventCount", "firstSeen", "lastSeen", "source", "createdAt",
        "decidedBy", "decidedAt", "comment", "kestraExecutionId" })
public record Verdict(
        @NotNull @Pattern(regexp = VerdictIds.PATTERN) String id,
        @NotNull Status status,
        @NotNull Severity severity,
        @NotBlank @Size(max = 120) String threatType,
        @NotNull Action action,
        @Size(max = 320) String target,
        String targetType,
        @NotBlank @Size(max = 2000) String reasoning,
        @NotNull @Size(max = 10) List<@Pattern(regexp = "T\\d{4}(\\.\\d{3})?") String> mitre,
        @NotNull @Pattern(regexp = "llm|rules") String engine,
        String model,
        @NotEmpty @Size(max = 20) List<@NotNull String> evidence,
        @Min(1) long eventCount,
        String firstSeen,
        String lastSeen,
        @NotBlank String source,
        @NotBlank String createdAt,
        String decidedBy,
        String decidedAt,
        String comment,
        String kestraExecutionId,
        String guard,
        String crossCheck,
        String groupKey,
        String dispatchError,
        String outcomeDetail,
        String outcomeAt,
        Long expiresAt,
        Long suppressedEvents) {

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
