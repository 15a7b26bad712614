package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link TemplateMemory} in the verdict table: one item {@code m_<key>} per remembered template, with
 * {@code rememberedUntil} (epoch seconds) and the TTL attribute {@code expiresAt}, and no
 * {@code status}, so never in the queue index. DynamoDB deletes expired items late (within days), so
 * reads compare {@code rememberedUntil} with the clock.
 */
@ApplicationScoped
public class DynamoTemplateMemory implements TemplateMemory {
    private final VerdictTable table;
    private final TemplateMemoryConfig config;

    public DynamoTemplateMemory(DynamoDbClient dynamo, StoreConfig store, TemplateMemoryConfig config) {
        this.table = new VerdictTable(dynamo, store, "template memory");
        this.config = config;
    }

    @Override
    public Set<String> remembered(Collection<String> keys, Instant now) {
        List<String> ids = keys.stream().map(DynamoTemplateMemory::id).toList();
        Set<String> found = new HashSet<>();
        for (Map<String, AttributeValue> item : table.batchGet(ids, false, "id, rememberedUntil", Map.of(),
                "template memory")) {
            AttributeValue until = item.get("rememberedUntil");
            if (until != null && Long.parseLong(until.n()) > now.getEpochSecond()) {
                found.add(item.get("id").s().substring(2));
            }
        }
        return found;
    }

    @Override
    public void remember(String key, Instant now) {
        long until = now.plus(config.ttl()).getEpochSecond();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id(key)));
        item.put("rememberedUntil", AttributeValue.fromN(Long.toString(until)));
        item.put("expiresAt", AttributeValue.fromN(Long.toString(until)));
        table.put(item);
    }

    @Override
    public void rememberAll(Collection<String> keys, Instant now) {
        String until = Long.toString(now.plus(config.ttl()).getEpochSecond());
        List<Map<String, AttributeValue>> items = keys.stream().distinct().<Map<String, AttributeValue>>map(k -> Map.of(
                "id", AttributeValue.fromS(id(k)), "rememberedUntil", AttributeValue.fromN(until),
                "expiresAt", AttributeValue.fromN(until))).toList();
        table.batchPut(items, "template memory");
    }

    private static String id(String key) {
        return "m_" + key;
    }
}
