package dev.soctriage.parse;

import dev.soctriage.model.Formats;
import dev.soctriage.model.LogEvent;

/** Recognises a line's format and names its actor. Never fails and never drops: unknown text is {@link Formats#TEXT}. */
public interface LineParser {
    ParsedEvent parse(LogEvent event);
}
