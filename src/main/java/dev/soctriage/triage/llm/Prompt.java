package dev.soctriage.triage.llm;

import java.util.List;

/**
 * One call's messages.
 *
 * @param delimiter the per-call random marker around the data block
 * @param estimatedTokens characters / 4 of both messages
 */
public record Prompt(List<ChatMessage> messages, String delimiter, int estimatedTokens) {
}
