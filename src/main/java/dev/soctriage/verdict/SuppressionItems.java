package dev.soctriage.verdict;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.soctriage.text.Digests;
import dev.soctriage.verdict.Suppressions.Suppression;

/**
 * The suppression item's shape: {@code s_<digest of the feedback key>}, the key, the verdict whose
 * rejection made it (if any), until when, who and when, the events dropped since, and once lifted who
 * lifted it and when. No {@code status}, so never in an index.
 */
final class SuppressionItems {
    static final Attribute<String> VERDICT_ID = Attribute.string("verdictId");
    static final Attribute<String> GROUP_KEY = Attribute.string("groupKey");
    static final Attribute<Instant> SUPPRESSED_UNTIL = Attribute.instant("suppressedUntil");
    static final Attribute<String> SUPPRESSED_BY = Attribute.string("suppressedBy");
    static final Attribute<String> RECORDED_AT = Attribute.string("recordedAt");
    static final Attribute<Long> SUPPRESSED_EVENTS = Attribute.number("suppressedEvents");
    static final Attribute<Long> EXPIRES_AT = Attribute.number("expiresAt");

    private SuppressionItems() {
    }

    /** {@code s_} and 32 hex digits of the group key's digest. */
    static String id(String groupKey) {
        return "s_" + Digests.sha256Hex(groupKey).substring(0, 32);
    }

    /** A new suppression of {@code groupKey} (no events dropped yet); {@code verdictId} may be null. */
    static Map<String, AttributeValue> item(String groupKey, String verdictId, Instant until, String by, Instant now,
            long expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>(VerdictTable.key(id(groupKey)));
        VERDICT_ID.put(item, verdictId);
        GROUP_KEY.put(item, groupKey);
        SUPPRESSED_UNTIL.put(item, until);
        SUPPRESSED_BY.put(item, by);
        RECORDED_AT.put(item, now.toString());
        SUPPRESSED_EVENTS.put(item, 0L);
        EXPIRES_AT.put(item, expiresAt);
        return item;
    }

    /** The suppression an item holds, if it is one. */
    static Optional<Suppression> suppression(Map<String, AttributeValue> item) {
        if (item == null || !SUPPRESSED_UNTIL.in(item)) {
            return Optional.empty();
        }
        return Optional.of(new Suppression(SUPPRESSED_UNTIL.get(item), SUPPRESSED_EVENTS.get(item, 0L)));
    }
}
