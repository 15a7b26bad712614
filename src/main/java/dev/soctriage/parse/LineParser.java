package dev.soctriage.parse;

import dev.soctriage.model.Format;
import dev.soctriage.model.LogEvent;

/** Recognises a line's format and names its actor. Never fails and never drops: unknown text is {@link Format#TEXT}. */
public interface LineParser {
    ParsedEvent parse(LogEvent event);
}
