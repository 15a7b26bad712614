package dev.soctriage.triage.llm;

import java.util.List;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The model's answer ({@code choices[0].message.content}), validated before anything is used. Mirrors
 * {@link VerdictSchema}: every property required, enums for severity and action. MITRE ids are
 * checked against the curated table afterwards (unknown ones are dropped, not fatal).
 *
 * @param target the actor's IP address or user name, or "" for none
 */
@RegisterForReflection
public record ModelVerdict(
        @NotNull Boolean malicious,
        @NotNull @Pattern(regexp = "low|medium|high|critical") String severity,
        @NotBlank @Size(max = 120) String threatType,
        @NotNull @Pattern(regexp = "block_ip|disable_user|monitor") String action,
        @NotNull @Size(max = 320) String target,
        @NotBlank @Size(max = 2000) String reasoning,
        @NotNull @Size(max = 10) List<@NotNull @Size(max = 20) String> mitre) {
}
