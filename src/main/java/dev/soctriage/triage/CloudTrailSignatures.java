package dev.soctriage.triage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;

/**
 * CloudTrail records' signatures: what an API call did (logging stopped, a bucket opened, admin
 * granted), read from the parser's fields with patterns on the raw record as fallback. Policies
 * arrive as escaped JSON strings inside requestParameters, so the patterns tolerate backslashes
 * before quotes.
 */
final class CloudTrailSignatures {
    static final Pattern EVENT_NAME = Pattern.compile("\"eventName\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern ROOT_IDENTITY = Pattern.compile("\"userIdentity\"\\s*:\\s*\\{[^{}]*\"type\"\\s*:\\s*\"Root\"");
    static final Pattern CONSOLE_FAILURE = Pattern.compile("\"ConsoleLogin\"\\s*:\\s*\"Failure\"");
    // requestParameters may carry a policy as an escaped JSON string: tolerate backslashes before quotes
    static final Pattern ADMIN_POLICY = Pattern.compile(
            "AdministratorAccess|IAMFullAccess|\\\\*\"Action\\\\*\"\\s*:\\s*\\[?\\s*\\\\*\"(\\*|iam:\\*)\\\\*\"");
    static final Pattern PUBLIC_GRANTEE = Pattern.compile("acs\\.amazonaws\\.com/groups/global/(AllUsers|AuthenticatedUsers)");
    static final Pattern PUBLIC_PRINCIPAL = Pattern.compile(
            "\\\\*\"Principal\\\\*\"\\s*:\\s*(\\\\*\"\\*\\\\*\"|\\{\\s*\\\\*\"AWS\\\\*\"\\s*:\\s*\\[?\\s*\\\\*\"\\*\\\\*\")");
    static final Pattern PAB_OFF = Pattern.compile("\\\\*\"(BlockPublicAcls|BlockPublicPolicy|RestrictPublicBuckets|IgnorePublicAcls)\\\\*\"\\s*:\\s*false");
    static final Pattern REQUEST_USER = Pattern.compile("\"requestParameters\"\\s*:\\s*\\{[^{}]*?\"userName\"\\s*:\\s*\"([^\"]+)\"");

    static final Pattern IDENTITY_USER = Pattern.compile("\"userIdentity\"\\s*:\\s*\\{[^{}]*\"userName\"\\s*:\\s*\"([^\"]+)\"");

    private CloudTrailSignatures() {
    }

    static String eventName(ParsedEvent e, String line) {
        if (e.format() == Format.CLOUDTRAIL && e.field(Field.EVENT) != null) {
            return e.field(Field.EVENT);
        }
        if (!line.contains("\"eventSource\"")) {
            return null;
        }
        Matcher m = EVENT_NAME.matcher(line);
        return m.find() ? m.group(1) : null;
    }

    static Signal classify(ParsedEvent e, String line, String eventName) {
        if (!eventName.equals("ConsoleLogin") && failed(e, line)) {
            // a call that failed did not do what it asked (docs/contract.md, invariant 7): no finding of the
            // successful call; a burst of denials is the permission-probing rule's to count
            return Signal.NONE;
        }
        switch (eventName) {
            case "StopLogging", "DeleteTrail", "DeleteFlowLogs", "PutEventSelectors":
                if (!eventName.equals("PutEventSelectors") || line.contains("\"ReadWriteType\\\":\\\"None")) {
                    return Signal.LOGGING_TAMPER;
                }
                break;
            case "DeleteDetector", "DisassociateFromMasterAccount", "DisassociateFromAdministratorAccount",
                    "StopMonitoringMembers", "StopConfigurationRecorder", "DeleteConfigurationRecorder",
                    "DeleteDeliveryChannel", "DisableSecurityHub", "DeleteInsight":
                return Signal.SECURITY_TOOL_DISABLED;
            case "PutBucketAcl", "PutObjectAcl":
                if (PUBLIC_GRANTEE.matcher(line).find() || line.contains("public-read")) {
                    return Signal.S3_PUBLIC;
                }
                break;
            case "PutBucketPolicy":
                if (PUBLIC_PRINCIPAL.matcher(line).find()) {
                    return Signal.S3_PUBLIC;
                }
                break;
            case "DeletePublicAccessBlock", "DeleteBucketPublicAccessBlock", "DeleteAccountPublicAccessBlock":
                return Signal.S3_PUBLIC;
            case "PutPublicAccessBlock", "PutBucketPublicAccessBlock", "PutAccountPublicAccessBlock":
                if (PAB_OFF.matcher(line).find()) {
                    return Signal.S3_PUBLIC;
                }
                break;
            case "AttachUserPolicy", "AttachRolePolicy", "AttachGroupPolicy", "PutUserPolicy", "PutRolePolicy",
                    "PutGroupPolicy", "CreatePolicyVersion":
                if (ADMIN_POLICY.matcher(line).find()) {
                    return Signal.IAM_ADMIN_GRANT;
                }
                break;
            case "CreateAccessKey", "CreateLoginProfile", "UpdateLoginProfile":
                if (forAnotherUser(e, line)) {
                    return Signal.IAM_FOREIGN_KEY;
                }
                break;
            case "CreateUser":
                return Signal.IAM_USER_CREATED;
            case "ConsoleLogin":
                if (CONSOLE_FAILURE.matcher(line).find() || "failure".equalsIgnoreCase(e.field(Field.OUTCOME))) {
                    return Signal.CONSOLE_LOGIN_FAILURE;
                }
                break;
            default:
                break;
        }
        boolean root = "Root".equals(e.field(Field.IDENTITY_TYPE)) || ROOT_IDENTITY.matcher(line).find();
        return root ? Signal.ROOT_ACTIVITY : Signal.NONE;
    }

    static final Pattern ERROR_CODE = Pattern.compile("\"errorCode\"\\s*:\\s*\"[^\"]");

    /** The record names an errorCode: the call was refused or failed. */
    private static boolean failed(ParsedEvent e, String line) {
        if (e.format() == Format.CLOUDTRAIL) {
            return e.field(Field.ERROR) != null;
        }
        return line.contains("\"errorCode\"") && ERROR_CODE.matcher(line).find();
    }

    /** CreateAccessKey and friends for a user other than the caller: a classic persistence step. */
    private static boolean forAnotherUser(ParsedEvent e, String line) {
        Matcher m = REQUEST_USER.matcher(line);
        if (!m.find()) {
            return false;
        }
        String target = m.group(1);
        String actor = e.actorUser();
        if (actor == null) {
            Matcher self = IDENTITY_USER.matcher(line);
            actor = self.find() ? self.group(1) : null;
        }
        return actor == null || !(actor.equals(target) || actor.endsWith("/" + target));
    }
}
