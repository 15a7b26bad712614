package dev.soctriage.verdict;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import dev.soctriage.model.Status;

/**
 * SnapStart priming of the verdict table's requests ({@link VerdictStore#prime}): what listing the queue,
 * reading a verdict and recording a contribution send, each built, marshalled and signed through the
 * client and stopped before transmission ({@link DryRun}).
 */
final class StorePriming {
    private StorePriming() {
    }

    /** @return how many requests went through the client up to transmission */
    static int prime(VerdictTable verdicts, Contribution contribution) {
        DynamoDbClient dynamo = verdicts.dynamo();
        String table = verdicts.name();
        int reads = DryRun.run(() -> dynamo.query(b -> b.tableName(table).indexName(VerdictItems.STATUS_INDEX)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(Status.PENDING.name())))
                .scanIndexForward(false).limit(50).overrideConfiguration(DryRun.OVERRIDE)));
        if (contribution == null) {
            return reads + DryRun.run(() -> dynamo.getItem(b -> b.tableName(table).key(key(VerdictIds.of("priming", 1)))
                    .consistentRead(true).overrideConfiguration(DryRun.OVERRIDE)));
        }
        Map<String, AttributeValue> item = VerdictItems.toItem(contribution.verdict());
        VerdictItems.PLAN_KEY.put(item, contribution.planKey());
        int primed = DryRun.run(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(id)").overrideConfiguration(DryRun.OVERRIDE)));
        primed += DryRun.run(() -> dynamo.updateItem(b -> b.tableName(table).key(key(contribution.verdict().id()))
                .updateExpression("SET eventCount = eventCount + :n").conditionExpression("attribute_exists(id)")
                .expressionAttributeValues(Map.of(":n", VerdictItems.EVENT_COUNT.value(1L)))
                .returnValues(ReturnValue.ALL_NEW)
                .overrideConfiguration(DryRun.OVERRIDE)));
        primed += DryRun.run(() -> dynamo.getItem(b -> b.tableName(table).key(key(contribution.verdict().id()))
                .consistentRead(true).overrideConfiguration(DryRun.OVERRIDE)));
        primed += DryRun.run(() -> dynamo.batchGetItem(b -> b.requestItems(Map.of(table,
                KeysAndAttributes.builder().keys(List.of(key(contribution.verdict().id()))).build()))
                .overrideConfiguration(DryRun.OVERRIDE)));
        return reads + primed;
    }

    private static Map<String, AttributeValue> key(String id) {
        return VerdictTable.key(id);
    }
}
