package dev.soctriage.triage.llm;

import java.util.Optional;

/**
 * The outcome of asking the model about one group.
 *
 * @param answer  the validated answer, or empty when every attempt failed
 * @param calls   HTTP calls made (retries included)
 * @param failure why there is no answer (a fixed text with status or error code), or null
 */
public record ModelCall(Optional<ModelVerdict> answer, int calls, String failure) {
}
