package dev.soctriage.model;

import dev.soctriage.parse.ParsedEvent;

/**
 * Keys of {@link ParsedEvent#fields()}: the one vocabulary shared by parsers, grouping and rules,
 * whatever the format. A parser sets only the keys its format has.
 */
public final class Fields {
    /** what happened, normalised: e.g. "Failed password", "Accepted publickey", "Invalid user", HTTP method, CloudTrail eventName */
    public static final String EVENT = "event";
    /** the account the actor tried or acted on (SSH user, sudo target user, IAM user created...) */
    public static final String TARGET_USER = "target_user";
    public static final String METHOD = "method";
    /** request path with query string */
    public static final String PATH = "path";
    public static final String STATUS = "status";
    public static final String USER_AGENT = "user_agent";
    public static final String DST_IP = "dst_ip";
    public static final String DST_PORT = "dst_port";
    public static final String PROTOCOL = "protocol";
    /** ACCEPT/REJECT (VPC), ALLOW/BLOCK/COUNT (WAF), success/failure (console login) */
    public static final String OUTCOME = "outcome";
    /** CloudTrail eventSource, e.g. iam.amazonaws.com */
    public static final String SERVICE = "service";
    /** CloudTrail errorCode / errorMessage, WAF terminating rule */
    public static final String ERROR = "error";
    public static final String RULE = "rule";
    /** CloudTrail requestParameters as compact JSON (untrusted) */
    public static final String REQUEST = "request";
    /** userIdentity.type: Root, IAMUser, AssumedRole... */
    public static final String IDENTITY_TYPE = "identity_type";
    public static final String HOST = "host";
    public static final String PROGRAM = "program";
    public static final String BYTES = "bytes";
    /** the command a sudo user ran (untrusted: arguments are the user's) */
    public static final String COMMAND = "command";
    /** the free-text part of a line (syslog message body, JSON/logfmt msg): what templates are mined from */
    public static final String MESSAGE = "message";
    /** the immediate peer when the actor came from X-Forwarded-For (a proxy or load balancer) */
    public static final String PEER = "peer";
    /** the actor's source port (VPC srcport, SSH client port) */
    public static final String SRC_PORT = "src_port";
    /** addresses that merely appear in free text, comma-separated, at most 5: never the actor */
    public static final String MENTIONED_IPS = "mentioned_ips";
    /** AWS region (CloudTrail awsRegion) */
    public static final String REGION = "region";
    /** AWS account id (CloudTrail recipientAccountId, VPC account-id) */
    public static final String ACCOUNT = "account";
    /** log level of an application log (JSON/logfmt) */
    public static final String LEVEL = "level";

    /** Every key, in the order a parsed event's fields are listed. */
    public static final java.util.List<String> ALL = java.util.List.of(EVENT, TARGET_USER, METHOD, PATH, STATUS,
            USER_AGENT, DST_IP, DST_PORT, PROTOCOL, OUTCOME, SERVICE, ERROR, RULE, REQUEST, IDENTITY_TYPE, HOST,
            PROGRAM, BYTES, COMMAND, MESSAGE, PEER, SRC_PORT, MENTIONED_IPS, REGION, ACCOUNT, LEVEL);

    /** The key's place in {@link #ALL}, or -1 for a string that is not one of the keys. */
    public static int index(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        return switch (name) {
            case EVENT -> 0;
            case TARGET_USER -> 1;
            case METHOD -> 2;
            case PATH -> 3;
            case STATUS -> 4;
            case USER_AGENT -> 5;
            case DST_IP -> 6;
            case DST_PORT -> 7;
            case PROTOCOL -> 8;
            case OUTCOME -> 9;
            case SERVICE -> 10;
            case ERROR -> 11;
            case RULE -> 12;
            case REQUEST -> 13;
            case IDENTITY_TYPE -> 14;
            case HOST -> 15;
            case PROGRAM -> 16;
            case BYTES -> 17;
            case COMMAND -> 18;
            case MESSAGE -> 19;
            case PEER -> 20;
            case SRC_PORT -> 21;
            case MENTIONED_IPS -> 22;
            case REGION -> 23;
            case ACCOUNT -> 24;
            case LEVEL -> 25;
            default -> -1;
        };
    }

    private Fields() {
    }
}
