package dev.soctriage.verdict;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import dev.soctriage.model.SourceReading;
import dev.soctriage.text.Digests;

/**
 * {@link SourceReadings} in the verdict table: one item {@code r_<digest of the source>} per source. Its
 * {@code status} is {@value #PARTITION}, no verdict status, and its {@code activityKey} the last delivery,
 * so the activity index lists sources latest first in a partition of their own (never in the queue: the
 * queue index needs a {@code queueKey}, and the API reads only verdict statuses from the activity index).
 * Counters are added with {@code ADD} ({@code f_<format>} per format), so concurrent deliveries of one
 * source lose nothing; an item not written for {@link #KEEP} expires (TTL {@code expiresAt}).
 */
@ApplicationScoped
public class DynamoSourceReadings implements SourceReadings {
    /** the activity index's partition of source readings */
    static final String PARTITION = "SOURCE";
    /** how long a source not delivered again stays listed */
    static final Duration KEEP = Duration.ofDays(30);
    private static final String FORMAT_PREFIX = "f_";
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final VerdictTable table;

    public DynamoSourceReadings(DynamoDbClient dynamo, StoreConfig store) {
        this.table = new VerdictTable(dynamo, store, "source readings");
    }

    @Override
    public void record(String source, long lines, Map<String, Long> formats, long unknownLines, List<String> samples,
            Instant now) {
        String at = FIXED.format(now);
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        // every attribute by a placeholder: "lines", "source" and others are reserved words of DynamoDB
        for (String n : List.of("status", "source", "lastDelivery", "firstDelivery", "expiresAt", "samples", "deliveries",
                "lines", "unknownLines", VerdictItems.ACTIVITY_KEY)) {
            names.put("#" + n, n);
        }
        values.put(":status", AttributeValue.fromS(PARTITION));
        values.put(":at", AttributeValue.fromS(at));
        values.put(":source", AttributeValue.fromS(source));
        values.put(":expires", AttributeValue.fromN(Long.toString(now.plus(KEEP).getEpochSecond())));
        values.put(":one", AttributeValue.fromN("1"));
        values.put(":lines", AttributeValue.fromN(Long.toString(lines)));
        values.put(":unknown", AttributeValue.fromN(Long.toString(unknownLines)));
        StringBuilder set = new StringBuilder("SET #status = :status, #").append(VerdictItems.ACTIVITY_KEY)
                .append(" = :at, #source = :source, #lastDelivery = :at, ")
                .append("#firstDelivery = if_not_exists(#firstDelivery, :at), #expiresAt = :expires");
        if (!samples.isEmpty()) {
            set.append(", #samples = :samples");
            values.put(":samples", AttributeValue.fromL(samples.stream().map(AttributeValue::fromS).toList()));
        } else {
            names.remove("#samples");
        }
        StringBuilder add = new StringBuilder(" ADD #deliveries :one, #lines :lines, #unknownLines :unknown");
        int k = 0;
        for (Map.Entry<String, Long> f : formats.entrySet()) {
            names.put("#f" + k, FORMAT_PREFIX + f.getKey());
            values.put(":f" + k, AttributeValue.fromN(Long.toString(f.getValue())));
            add.append(", #f").append(k).append(" :f").append(k);
            k++;
        }
        String update = set.append(add).toString();
        table.call(() -> table.dynamo().updateItem(b -> b.tableName(table.name()).key(VerdictTable.key(id(source)))
                .updateExpression(update).expressionAttributeNames(names).expressionAttributeValues(values)));
    }

    @Override
    public List<SourceReading> recent(int limit) {
        QueryResponse r = table.call(() -> table.dynamo().query(b -> b.tableName(table.name())
                .indexName(VerdictItems.ACTIVITY_INDEX)
                .keyConditionExpression("#status = :status").expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":status", AttributeValue.fromS(PARTITION))).scanIndexForward(false)
                .limit(limit)));
        List<SourceReading> out = new ArrayList<>(r.count());
        for (Map<String, AttributeValue> item : r.items()) {
            out.add(reading(item));
        }
        return out;
    }

    private static SourceReading reading(Map<String, AttributeValue> item) {
        Map<String, Long> formats = new TreeMap<>();
        item.forEach((name, v) -> {
            if (name.startsWith(FORMAT_PREFIX) && v.n() != null) {
                formats.put(name.substring(FORMAT_PREFIX.length()), Long.parseLong(v.n()));
            }
        });
        AttributeValue samples = item.get("samples");
        return new SourceReading(s(item, "source"), s(item, "firstDelivery"), s(item, "lastDelivery"),
                n(item, "deliveries"), n(item, "lines"), formats, n(item, "unknownLines"),
                samples == null || !samples.hasL() ? List.of() : samples.l().stream().map(AttributeValue::s).toList());
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    private static long n(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
    }

    /** The item id: a digest, since a source (an S3 key) may be longer than a key may be. */
    static String id(String source) {
        return "r_" + Digests.sha256HexOf(source);
    }
}
