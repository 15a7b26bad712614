package dev.soctriage.verdict;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The verdict table ({@code VERDICTS_TABLE}, {@code SOC_CREATE_TABLE}). */
@ConfigMapping(prefix = "store")
public interface StoreConfig {
    /** DynamoDB table name. */
    @WithDefault("soc-verdicts")
    String table();

    /** Create the table and its index at start when missing: local runs and tests only. */
    @WithDefault("false")
    boolean createTable();

    /** A pending verdict nobody decides expires after this (DynamoDB TTL attribute {@code expiresAt}). */
    @WithDefault("P14D")
    Duration pendingTtl();

    /** How long a processed delivery is remembered, to answer a redelivery without triaging it again. */
    @WithDefault("P7D")
    Duration deliveryTtl();

    /** How long an approval may hold its claim while it calls Kestra; past it, another approval may retry. */
    @WithDefault("PT60S")
    Duration claimTimeout();

    /** Verdict writes of one delivery in flight at once ({@link OpenPlans#recordAll}); 1..64 ({@link StoreConfigCheck}). */
    @WithDefault("16")
    int writeConcurrency();
}
