package dev.soctriage.verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shape the memories share ({@link DynamoTemplateMemory}, {@link DynamoThreatMemory}): one item
 * {@code <prefix><key>} per remembered key, remembered until {@code rememberedUntil} (epoch seconds), which
 * is also its TTL {@code expiresAt}, and no {@code status}, so never in an index. DynamoDB deletes expired
 * items late (within days), so a recall compares {@code rememberedUntil} with the clock. {@code what}
 * names the memory in its errors, e.g. "template memory".
 */
record MemoryItems(VerdictTable table, String prefix, String what) {
    static final Attribute<Long> REMEMBERED_UNTIL = Attribute.number("rememberedUntil");
    static final Attribute<Long> EXPIRES_AT = Attribute.number("expiresAt");

    /** @param what names the memory in errors, e.g. "template memory" */
    MemoryItems(DynamoDbClient dynamo, StoreConfig store, String prefix, String what) {
        this(new VerdictTable(dynamo, store, what), prefix, what);
    }

    /**
     * The items of {@code keys} still remembered at {@code now}, by key: one eventually consistent
     * {@code BatchGetItem} per 100 keys.
     *
     * @param projection a projection expression (it must name {@code id} and {@code rememberedUntil}), or
     *                   null for whole items
     */
    Map<String, Map<String, AttributeValue>> recall(Collection<String> keys, Instant now, String projection) {
        List<String> ids = keys.stream().map(k -> prefix + k).toList();
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (Map<String, AttributeValue> item : table.batchGet(ids, false, projection, Map.of(), what)) {
            Long until = REMEMBERED_UNTIL.get(item);
            if (until != null && until > now.getEpochSecond()) {
                found.put(item.get("id").s().substring(prefix.length()), item);
            }
        }
        return found;
    }

    /** Remembers {@code key} until {@code until} (epoch seconds), with {@code attributes}. */
    void put(String key, long until, Map<String, AttributeValue> attributes) {
        table.put(item(key, until, attributes));
    }

    /** {@link #put} for each key of {@code attributes}, 25 to a {@code BatchWriteItem}. */
    void putAll(Map<String, Map<String, AttributeValue>> attributes, long until) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(attributes.size());
        attributes.forEach((key, a) -> items.add(item(key, until, a)));
        table.batchPut(items, what);
    }

    private Map<String, AttributeValue> item(String key, long until, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.putAll(VerdictTable.key(prefix + key));
        REMEMBERED_UNTIL.put(item, until);
        EXPIRES_AT.put(item, until);
        return item;
    }
}
