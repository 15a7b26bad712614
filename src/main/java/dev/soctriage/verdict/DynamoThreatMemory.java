package dev.soctriage.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import dev.soctriage.model.Action;
import dev.soctriage.model.Severity;
import dev.soctriage.model.Status;

/**
 * {@link ThreatMemory} in the verdict table: one item {@code t_<key>} per remembered pattern, with
 * {@code rememberedUntil} (epoch seconds), the TTL attribute {@code expiresAt} and no {@code status}, so
 * never in the queue index. A rejection marks the confirming verdict's item {@code memoryRevoked}; a
 * recall reads the confirming verdicts' status and that mark.
 */
@ApplicationScoped
public class DynamoThreatMemory implements ThreatMemory {
    private static final Logger LOG = Logger.getLogger(DynamoThreatMemory.class);

    private final VerdictTable table;
    private final MemoryItems memory;
    private final TemplateMemoryConfig config;

    public DynamoThreatMemory(DynamoDbClient dynamo, StoreConfig store, TemplateMemoryConfig config) {
        this.table = new VerdictTable(dynamo, store, "threat memory");
        this.memory = new MemoryItems(table, "t_", "threat memory");
        this.config = config;
    }

    @Override
    public Map<String, ConfirmedThreat> recall(Collection<String> keys, Instant now) {
        Map<String, ConfirmedThreat> found = new HashMap<>();
        memory.recall(keys, now, null).forEach((key, item) -> found.put(key, fromItem(item)));
        if (found.isEmpty()) {
            return found;
        }
        Set<String> standing = new HashSet<>();
        for (Map<String, AttributeValue> v : table.batchGet(
                found.values().stream().map(ConfirmedThreat::verdictId).toList(), false, "id, #s, memoryRevoked",
                Map.of("#s", "status"), "threat memory's verdicts")) {
            boolean rejected = v.containsKey("status") && Status.REJECTED.name().equals(v.get("status").s());
            if (!rejected && !v.containsKey("memoryRevoked")) {
                standing.add(v.get("id").s());
            }
        }
        found.values().removeIf(c -> !standing.contains(c.verdictId()));
        return found;
    }

    @Override
    public void confirm(Map<String, ConfirmedThreat> confirmations, Instant now) {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        confirmations.forEach((key, c) -> items.put(key, toItem(c)));
        memory.putAll(items, now.plus(config.threatTtl()).getEpochSecond());
    }

    @Override
    public void revoke(String verdictId) {
        try {
            table.call(() -> table.dynamo().updateItem(b -> b.tableName(table.name()).key(VerdictTable.key(verdictId))
                    .updateExpression("SET memoryRevoked = :t").conditionExpression("attribute_exists(id)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true)))));
        } catch (ConditionalCheckFailedException e) {
            LOG.debugf("verdict %s no longer exists: no confirmation to revoke", verdictId);
        }
    }

    private static Map<String, AttributeValue> toItem(ConfirmedThreat c) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("confirmedBy", AttributeValue.fromS(c.verdictId()));
        m.put("severity", AttributeValue.fromS(c.severity().wire()));
        m.put("threatType", AttributeValue.fromS(c.threatType()));
        m.put("action", AttributeValue.fromS(c.action().wire()));
        m.put("role", AttributeValue.fromS(c.role()));
        m.put("reasoning", AttributeValue.fromS(c.reasoning()));
        m.put("mitre", AttributeValue.fromL(c.mitre().stream().map(AttributeValue::fromS).toList()));
        if (c.model() != null) {
            m.put("model", AttributeValue.fromS(c.model()));
        }
        m.put("events", AttributeValue.fromN(Long.toString(c.events())));
        m.put("rulesRank", AttributeValue.fromN(Integer.toString(c.rulesRank())));
        m.put("detectionIds", AttributeValue.fromL(c.detections().stream().map(AttributeValue::fromS).toList()));
        return m;
    }

    private static ConfirmedThreat fromItem(Map<String, AttributeValue> m) {
        return new ConfirmedThreat(m.get("confirmedBy").s(), Severity.fromWire(m.get("severity").s()),
                m.get("threatType").s(), Action.fromWire(m.get("action").s()), m.get("role").s(), m.get("reasoning").s(),
                strings(m.get("mitre")), m.containsKey("model") ? m.get("model").s() : null,
                Long.parseLong(m.get("events").n()), Integer.parseInt(m.get("rulesRank").n()),
                strings(m.get("detectionIds")));
    }

    private static List<String> strings(AttributeValue v) {
        return v == null || !v.hasL() ? List.of() : v.l().stream().map(AttributeValue::s).toList();
    }
}
