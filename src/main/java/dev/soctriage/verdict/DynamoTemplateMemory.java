package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link TemplateMemory} in the verdict table: one item {@code m_<key>} per remembered template
 * ({@link MemoryItems}: remembered until {@code rememberedUntil}, also its TTL, never in an index).
 */
@ApplicationScoped
public class DynamoTemplateMemory implements TemplateMemory {
    private final MemoryItems memory;
    private final TemplateMemoryConfig config;

    public DynamoTemplateMemory(DynamoDbClient dynamo, StoreConfig store, TemplateMemoryConfig config) {
        this.memory = new MemoryItems(dynamo, store, "m_", "template memory");
        this.config = config;
    }

    @Override
    public Set<String> remembered(Collection<String> keys, Instant now) {
        return new HashSet<>(memory.recall(keys, now, "id, rememberedUntil").keySet());
    }

    @Override
    public void remember(String key, Instant now) {
        memory.put(key, now.plus(config.ttl()).getEpochSecond(), Map.of());
    }

    @Override
    public void rememberAll(Collection<String> keys, Instant now) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        keys.forEach(k -> items.put(k, Map.of()));
        memory.putAll(items, now.plus(config.ttl()).getEpochSecond());
    }
}
