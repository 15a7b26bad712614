package dev.soctriage.detect;

import java.util.List;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.parse.ParsedEvent;

/**
 * An application's log line (JSON, logfmt, plain text) for {@code category: application} (our own
 * reading of Sigma's category: an application's own log, whatever its product): the parser's
 * normalised fields {@code message}, {@code event}, {@code level}, {@code method}, {@code path},
 * {@code status}, {@code user} (the account tried or acted on), {@code outcome}, {@code c-ip} (the
 * actor's address). Keywords search the whole line.
 */
final class AppView extends EventView {
    static final Set<String> FIELDS = Set.of("message", "event", "level", "method", "path", "status", "user",
            "outcome", "c-ip");

    AppView(ParsedEvent event) {
        super(event);
    }

    @Override
    List<String> read(String field) {
        return switch (field) {
            case "message" -> one(event.field(Field.MESSAGE) != null ? event.field(Field.MESSAGE) : event.line());
            case "event" -> one(event.field(Field.EVENT));
            case "level" -> one(event.field(Field.LEVEL));
            case "method" -> one(event.field(Field.METHOD));
            case "path" -> one(event.field(Field.PATH));
            case "status" -> one(event.field(Field.STATUS));
            case "user" -> one(event.field(Field.TARGET_USER) != null ? event.field(Field.TARGET_USER) : event.actorUser());
            case "outcome" -> one(event.field(Field.OUTCOME));
            case "c-ip" -> one(event.actorIp());
            default -> ABSENT;
        };
    }

    @Override
    List<String> keywordTexts() {
        return List.of(event.line());
    }
}
