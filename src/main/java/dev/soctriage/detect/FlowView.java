package dev.soctriage.detect;

import java.util.List;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.parse.ParsedEvent;

/**
 * A VPC flow log record for {@code product: aws, service: vpcflow} (a log source of our own: Sigma's
 * taxonomy has none for flow logs), by the record's own field names: {@code srcaddr} (the actor),
 * {@code dstaddr}, {@code srcport}, {@code dstport}, {@code protocol} (a name: tcp, udp, icmp...),
 * {@code action} (ACCEPT or REJECT), {@code bytes}, {@code account-id}, {@code region}.
 */
final class FlowView extends EventView {
    static final Set<String> FIELDS = Set.of("srcaddr", "dstaddr", "srcport", "dstport", "protocol", "action",
            "bytes", "account-id", "region");

    FlowView(ParsedEvent event) {
        super(event);
    }

    @Override
    List<String> read(String field) {
        return switch (field) {
            case "srcaddr" -> one(event.actorIp());
            case "dstaddr" -> one(event.field(Field.DST_IP));
            case "srcport" -> one(event.field(Field.SRC_PORT));
            case "dstport" -> one(event.field(Field.DST_PORT));
            case "protocol" -> one(event.field(Field.PROTOCOL));
            case "action" -> one(event.field(Field.OUTCOME));
            case "bytes" -> one(event.field(Field.BYTES));
            case "account-id" -> one(event.field(Field.ACCOUNT));
            case "region" -> one(event.field(Field.REGION));
            default -> ABSENT;
        };
    }

    @Override
    List<String> keywordTexts() {
        return List.of(event.line());
    }
}
