package dev.timers.core.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Whether DynamoDB's time to live removes the table's expired items: finished timers once their retention is
 * over, and idempotency keys. It is housekeeping, not correctness (an expired item left in place costs only
 * space), so a table without it never stops start-up: the check says so, with the command that turns it on.
 *
 * <p>dynalite (4.0) answers DescribeTimeToLive with DISABLED for every table and has no UpdateTimeToLive, so
 * against it the check always warns; an emulator without DescribeTimeToLive at all gets an INFO line.
 */
final class TimeToLiveCheck {

    /** What the check found. */
    enum Result {
        /** ENABLED or ENABLING on {@code expiresAt}. */
        ON,
        /** Off, or on another attribute: finished timers are never removed. */
        OFF,
        /** The store has no DescribeTimeToLive, or refused it. */
        UNKNOWN
    }

    private static final Logger log = LoggerFactory.getLogger(TimeToLiveCheck.class);

    private TimeToLiveCheck() {}

    static String enableCommand(String table) {
        return "aws dynamodb update-time-to-live --table-name " + table
                + " --time-to-live-specification Enabled=true,AttributeName=" + TimerTable.EXPIRES_AT;
    }

    static Result check(DynamoDbClient dynamo, String table, String where) {
        TimeToLiveDescription ttl;
        try {
            ttl = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        } catch (AwsServiceException e) {
            if (!isUnknownOperation(e)) {
                // Such as a role without dynamodb:DescribeTimeToLive: not worth stopping for.
                log.warn("Could not check time to live of DynamoDB table '{}' at {}", table, where, e);
                return Result.UNKNOWN;
            }
            log.info(
                    "DynamoDB at {} has no DescribeTimeToLive: finished timers stay in table '{}' until it is reset",
                    where,
                    table);
            return Result.UNKNOWN;
        }
        TimeToLiveStatus status = ttl == null ? null : ttl.timeToLiveStatus();
        boolean on = status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING;
        if (on && TimerTable.EXPIRES_AT.equals(ttl.attributeName())) {
            return Result.ON;
        }
        String found = on ? "on for attribute '" + ttl.attributeName() + "'" : "off (" + status + ")";
        log.warn(
                "DynamoDB table '{}' at {} has time to live {}, so finished timers and idempotency keys are never"
                        + " removed; turn it on for '{}' with: {} (add --endpoint-url <url> for an emulator;"
                        + " DynamoDB allows one time to live attribute per table)",
                table,
                where,
                found,
                TimerTable.EXPIRES_AT,
                enableCommand(table));
        return Result.OFF;
    }

    private static boolean isUnknownOperation(AwsServiceException e) {
        var details = e.awsErrorDetails();
        String code = details == null ? null : details.errorCode();
        return "UnknownOperationException".equals(code) || e.statusCode() == 501;
    }
}
