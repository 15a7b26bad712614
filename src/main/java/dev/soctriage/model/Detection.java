package dev.soctriage.model;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A Sigma rule whose match contributed to a verdict, as the verdict document lists it
 * (docs/contract.md, {@code detections}). Rule text is data: shown as text, never as HTML.
 *
 * @param pack        {@code built-in}, or the DETECTION_RULES folder's name
 * @param description the rule's description (capped), or null
 * @param references  the rule's references as written (links or citations), capped
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "id", "title", "level", "pack", "description", "references" })
public record Detection(
        @NotBlank @Size(max = 300) String id,
        @NotBlank @Size(max = 256) String title,
        @NotNull @Pattern(regexp = "informational|low|medium|high|critical") String level,
        @NotBlank @Size(max = 300) String pack,
        @Size(max = 2000) String description,
        @NotNull @Size(max = 10) List<@NotNull @Size(max = 500) String> references) {

    /** Most detections one verdict lists. */
    public static final int MAX_PER_VERDICT = 20;

    public Detection {
        references = references == null ? List.of() : List.copyOf(references);
    }
}
