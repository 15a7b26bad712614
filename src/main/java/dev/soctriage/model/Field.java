package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Keys of a parsed event's fields: the one vocabulary shared by parsers, grouping and rules,
 * whatever the format. A parser sets only the keys its format has. The declaration order is the
 * order a parsed event's fields are listed in; the wire name is what prompts and documents show.
 */
public enum Field {
    /** what happened, normalised: e.g. "Failed password", "Accepted publickey", "Invalid user", HTTP method, CloudTrail eventName */
    EVENT("event"),
    /** the account the actor tried or acted on (SSH user, sudo target user, IAM user created...) */
    TARGET_USER("target_user"),
    METHOD("method"),
    /** request path with query string */
    PATH("path"),
    STATUS("status"),
    USER_AGENT("user_agent"),
    REFERER("referer"),
    DST_IP("dst_ip"),
    DST_PORT("dst_port"),
    PROTOCOL("protocol"),
    /** ACCEPT/REJECT (VPC), ALLOW/BLOCK/COUNT (WAF), success/failure (console login) */
    OUTCOME("outcome"),
    /** CloudTrail eventSource, e.g. iam.amazonaws.com */
    SERVICE("service"),
    /** CloudTrail errorCode / errorMessage, WAF terminating rule */
    ERROR("error"),
    RULE("rule"),
    /** CloudTrail requestParameters as compact JSON (untrusted) */
    REQUEST("request"),
    /** userIdentity.type: Root, IAMUser, AssumedRole... */
    IDENTITY_TYPE("identity_type"),
    HOST("host"),
    PROGRAM("program"),
    BYTES("bytes"),
    /** the command a sudo user ran (untrusted: arguments are the user's) */
    COMMAND("command"),
    /** the free-text part of a line (syslog message body, JSON/logfmt msg): what templates are mined from */
    MESSAGE("message"),
    /** the immediate peer when the actor came from X-Forwarded-For (a proxy or load balancer) */
    PEER("peer"),
    /** the actor's source port (VPC srcport, SSH client port) */
    SRC_PORT("src_port"),
    /** addresses that merely appear in free text, comma-separated, at most 5: never the actor */
    MENTIONED_IPS("mentioned_ips"),
    /** AWS region (CloudTrail awsRegion) */
    REGION("region"),
    /** AWS account id (CloudTrail recipientAccountId, VPC account-id) */
    ACCOUNT("account"),
    /** log level of an application log (JSON/logfmt) */
    LEVEL("level"),
    /** the process id a syslog line's tag names ({@code sshd[4120]:}): one sshd process serves one connection */
    PID("pid");


    private final String wire;

    Field(String wire) {
        this.wire = wire;
    }

    /** The key as prompts and documents spell it, e.g. {@code target_user}. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The wire name, so that a key concatenated into text reads as it always did. */
    @Override
    public String toString() {
        return wire;
    }
}
