package dev.soctriage.verdict;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates the table at start when {@code SOC_CREATE_TABLE=true} (local runs and tests). In AWS the
 * templates in {@code infra/} own the table, with the same key schema and indexes as here.
 */
@ApplicationScoped
public class TableSetup {
    private static final Logger LOG = Logger.getLogger(TableSetup.class);

    void onStart(@Observes StartupEvent e, StoreConfig config, DynamoDbClient dynamo) {
        if (config.createTable()) {
            ensureTable(dynamo, config.table());
        }
    }

    static void ensureTable(DynamoDbClient dynamo, String table) {
        try {
            dynamo.describeTable(b -> b.tableName(table));
            return;
        } catch (ResourceNotFoundException missing) {
            LOG.infof("creating table %s", table);
        }
        try {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attr("id"), attr("status"), attr(VerdictItems.QUEUE_KEY),
                            attr(VerdictItems.ACTIVITY_KEY))
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                    .globalSecondaryIndexes(statusIndex(VerdictItems.STATUS_INDEX, VerdictItems.QUEUE_KEY),
                            statusIndex(VerdictItems.ACTIVITY_INDEX, VerdictItems.ACTIVITY_KEY)));
        } catch (ResourceInUseException raced) {
            LOG.debugf("table %s created concurrently", table);
        }
        // poll DescribeTable rather than the SDK waiter, whose back-off is seconds long
        for (int i = 0; i < 200; i++) {
            if (dynamo.describeTable(b -> b.tableName(table)).table().tableStatus() == TableStatus.ACTIVE) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating " + table, ie);
            }
        }
        throw new IllegalStateException("table " + table + " did not become ACTIVE");
    }

    /** A sparse index of the verdicts (only they have a {@code status}) by status, then {@code sortKey}. */
    private static GlobalSecondaryIndex statusIndex(String name, String sortKey) {
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(KeySchemaElement.builder().attributeName("status").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build())
                .projection(p -> p.projectionType(ProjectionType.ALL)).build();
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
