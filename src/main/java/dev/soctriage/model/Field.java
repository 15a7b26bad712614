package dev.soctriage.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Keys of a parsed event's fields: the one vocabulary shared by parsers, grouping and rules,
 * whatever the format. A parser sets only the keys its format has. The declaration order is the
 * order a parsed event's fields are listed in; the wire name is what prompts and documents show.
 */
public enum Field {
    /** what happened, normalised: e.g. "Failed password", "Accepted publickey", "Invalid user", HTTP method, CloudTrail eventName */
    EVENT,
    /** the account the actor tried or acted on (SSH user, sudo target user, IAM user created...) */
    TARGET_USER,
    METHOD,
    /** request path with query string */
    PATH,
    STATUS,
    USER_AGENT,
    REFERER,
    DST_IP,
    DST_PORT,
    PROTOCOL,
    /** ACCEPT/REJECT (VPC), ALLOW/BLOCK/COUNT (WAF), success/failure (console login) */
    OUTCOME,
    /** CloudTrail eventSource, e.g. iam.amazonaws.com */
    SERVICE,
    /** CloudTrail errorCode / errorMessage, WAF terminating rule */
    ERROR,
    RULE,
    /** CloudTrail requestParameters as compact JSON (untrusted) */
    REQUEST,
    /** userIdentity.type: Root, IAMUser, AssumedRole... */
    IDENTITY_TYPE,
    HOST,
    PROGRAM,
    BYTES,
    /** the command a sudo user ran (untrusted: arguments are the user's) */
    COMMAND,
    /** the free-text part of a line (syslog message body, JSON/logfmt msg): what templates are mined from */
    MESSAGE,
    /** the immediate peer when the actor came from X-Forwarded-For (a proxy or load balancer) */
    PEER,
    /** the actor's source port (VPC srcport, SSH client port) */
    SRC_PORT,
    /** addresses that merely appear in free text, comma-separated, at most 5: never the actor */
    MENTIONED_IPS,
    /** AWS region (CloudTrail awsRegion) */
    REGION,
    /** AWS account id (CloudTrail recipientAccountId, VPC account-id) */
    ACCOUNT,
    /** log level of an application log (JSON/logfmt) */
    LEVEL,
    /** the process id a syslog line's tag names ({@code sshd[4120]:}): one sshd process serves one connection */
    PID;


    private static final String[] WIRE = WireNames.of(values());

    /** The key as prompts and documents spell it, e.g. {@code target_user}. */
    @JsonValue
    public String wire() {
        return WIRE[ordinal()];
    }

    /** The wire name, so that a key concatenated into text reads as it always did. */
    @Override
    public String toString() {
        return wire();
    }
}
