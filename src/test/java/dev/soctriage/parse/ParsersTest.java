package dev.soctriage.parse;

import static dev.soctriage.parse.Golden.golden;
import static dev.soctriage.parse.ParseFixtures.parseAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;

/** Each format's golden lines and what is read from them; a case is named for the behaviour it checks. */
class ParsersTest implements GoldenLines {
    static Stream<Golden> lines() {
        return GoldenLines.concat(sshd(), sudo(), accessLogs(), alb(), cloudTrail(), vpcFlowLogs(), waf(), applicationLogs(), text());
    }

    static Stream<Golden> sshd() {
        return Stream.of(
                golden("failedPassword_rfc3164_namesTheFromAddressAsActor",
                        "Nov 24 10:00:01 ip-10-0-0-5 sshd[4120]: Failed password for invalid user admin from 203.0.113.7 port 52144 ssh2")
                        .format(Format.SSHD).actorIp("203.0.113.7").noActorUser()
                        .field(Field.TARGET_USER, "admin").field(Field.EVENT, "Failed password").field(Field.SRC_PORT, "52144")
                        .field(Field.HOST, "ip-10-0-0-5").time("2026-11-24T10:00:01Z"),
                golden("userNameCarryingAFakeFromClause_doesNotMoveTheActor",
                        "Nov 24 10:00:01 h sshd[1]: Failed password for invalid user x from 6.6.6.6 port 22 from 203.0.113.7 port 52144 ssh2")
                        .actorIp("203.0.113.7").field(Field.TARGET_USER, "x from 6.6.6.6 port 22"),
                golden("ipv6AndMappedAddresses_areCanonical: ipv6",
                        "Nov 24 10:00:01 h sshd[1]: Failed password for root from 2001:DB8:0:0::7 port 1 ssh2").actorIp("2001:db8::7"),
                golden("ipv6AndMappedAddresses_areCanonical: mapped",
                        "Nov 24 10:00:01 h sshd[1]: Failed password for root from ::ffff:203.0.113.9 port 1 ssh2").actorIp("203.0.113.9"),
                golden("rfc5424_withAndWithoutStructuredData: without",
                        "<38>1 2026-11-24T10:00:02.123Z bastion sshd 4121 - - Invalid user oracle from 198.51.100.23 port 40022")
                        .format(Format.SSHD).field(Field.EVENT, "Invalid user").field(Field.TARGET_USER, "oracle")
                        .actorIp("198.51.100.23").time("2026-11-24T10:00:02.123Z"),
                golden("rfc5424_withAndWithoutStructuredData: with",
                        "<38>1 2026-11-24T10:00:02+01:00 bastion sshd 4121 ID47 [meta seq=\"1\" note=\"a \\\"q\\\" ]x\"] "
                                + "Accepted publickey for ubuntu from 198.51.100.9 port 50000 ssh2: ED25519 SHA256:abc")
                        .field(Field.EVENT, "Accepted publickey").field(Field.TARGET_USER, "ubuntu")
                        .actorIp("198.51.100.9").time("2026-11-24T09:00:02Z"),
                golden("cloudWatchPrefixes_exportTimestampAndLogStream: export timestamp",
                        "2026-11-24T10:00:03.000Z Nov 24 10:00:03 ip-10-0-0-5 sshd[4122]: Connection closed by authenticating user root 203.0.113.7 port 52150 [preauth]")
                        .format(Format.SSHD).field(Field.EVENT, "Connection closed by authenticating user")
                        .field(Field.TARGET_USER, "root").actorIp("203.0.113.7"),
                golden("cloudWatchPrefixes_exportTimestampAndLogStream: log stream",
                        "2026-11-24T10:00:03.000000+00:00 i-0abc123 Nov 24 10:00:03 ip-10-0-0-5 sshd[4122]: Disconnected from invalid user test 203.0.113.7 port 52151 [preauth]")
                        .field(Field.EVENT, "Disconnected from invalid user").field(Field.TARGET_USER, "test").actorIp("203.0.113.7"),
                golden("isoSyslogAndSshdSession_ofOpenSsh98",
                        "2026-11-24T10:00:04.123456+00:00 web-1 sshd-session[999]: Accepted publickey for deploy from 192.0.2.10 port 50123 ssh2: ED25519 SHA256:xyz")
                        .format(Format.SSHD).actorIp("192.0.2.10")
                        .field(Field.TARGET_USER, "deploy").field(Field.EVENT, "Accepted publickey"),
                golden("pamFailureAndDisconnects_nameTheRemoteHost: pam failure",
                        "Nov 24 10:00:05 h sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root")
                        .field(Field.EVENT, "authentication failure").actorIp("203.0.113.7").field(Field.TARGET_USER, "root"),
                golden("pamFailureAndDisconnects_nameTheRemoteHost: disconnect",
                        "Nov 24 10:00:05 h sshd[1]: Received disconnect from 203.0.113.7 port 52144:11: Bye Bye [preauth]")
                        .field(Field.EVENT, "Received disconnect").actorIp("203.0.113.7"),
                golden("singleDigitDay_andDecemberLinesReadInJanuary: single-digit day",
                        "Nov  4 10:00:01 h sshd[1]: Invalid user a from 203.0.113.7 port 1").time("2026-11-04T10:00:01Z"),
                golden("singleDigitDay_andDecemberLinesReadInJanuary: December read in January",
                        "Dec 31 23:59:59 h sshd[1]: Invalid user a from 203.0.113.7 port 1")
                        .receivedAt("2027-01-01T00:00:30Z").time("2026-12-31T23:59:59Z"),
                golden("sessionLines_nameTheUserAsTarget_withoutActor",
                        "Nov 24 10:00:02 bastion sshd[901]: pam_unix(sshd:session): session opened for user alice(uid=1001) by (uid=0)")
                        .field(Field.EVENT, "session opened").field(Field.TARGET_USER, "alice").noActorIp().noActorUser(),
                golden("aListeningAddress_isNoActor", "Nov 24 10:00:05 h sshd[1]: Server listening on 0.0.0.0 port 22.")
                        .format(Format.SSHD).noActorIp());
    }

    static Stream<Golden> sudo() {
        return Stream.of(
                golden("command_actorIsTheInvokingUser",
                        "Nov 24 10:01:00 host sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow")
                        .format(Format.SUDO).actorUser("alice").noActorIp().field(Field.TARGET_USER, "root")
                        .field(Field.COMMAND, "/usr/bin/cat /etc/shadow").field(Field.EVENT, "COMMAND"),
                golden("failedAttempts_commandWithSeparatorsStaysWhole",
                        "Nov 24 10:01:00 host sudo: bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh -c 'a ; USER=x'")
                        .field(Field.EVENT, "incorrect password attempts").actorUser("bob")
                        .field(Field.TARGET_USER, "root").field(Field.COMMAND, "/bin/sh -c 'a ; USER=x'"),
                golden("pamSession_namesWhoOpenedItForWhom",
                        "Nov 24 10:01:00 host sudo: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)")
                        .field(Field.EVENT, "session opened").actorUser("alice").field(Field.TARGET_USER, "root"));
    }

    static Stream<Golden> accessLogs() {
        return Stream.of(
                golden("combined_actorIsTheClient",
                        "203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"GET /index.php?id=1%27%20OR%201=1 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"")
                        .format(Format.ACCESS_LOG).actorIp("203.0.113.7").field(Field.METHOD, "GET")
                        .field(Field.PATH, "/index.php?id=1%27%20OR%201=1").field(Field.STATUS, "200")
                        .field(Field.USER_AGENT, "Mozilla/5.0 (X11; Linux x86_64)").time("2026-11-24T10:00:01Z"),
                golden("common_withUserAndMissingBytes",
                        "198.51.100.4 - frank [24/Nov/2026:10:00:01 -0700] \"POST /login HTTP/1.1\" 302 -")
                        .actorIp("198.51.100.4").actorUser("frank").noField(Field.BYTES).time("2026-11-24T17:00:01Z"),
                golden("unauthorisedUser_isATargetNotTheActor",
                        "198.51.100.4 - admin [24/Nov/2026:10:00:01 +0000] \"GET /admin HTTP/1.1\" 401 12 \"-\" \"x\"")
                        .noActorUser().field(Field.TARGET_USER, "admin"),
                golden("escapedQuotesAndSpacesInQuotedFields",
                        "203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"GET /a\\\"b HTTP/1.1\" 200 5 \"-\" \"curl \\\"x\\\" y\"")
                        .field(Field.PATH, "/a\\\"b").field(Field.USER_AGENT, "curl \\\"x\\\" y"),
                golden("leadingVhost_andIpv6Client",
                        "www.example.com:443 2001:db8::abcd - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/2.0\" 200 10 \"-\" \"ua\"")
                        .actorIp("2001:db8::abcd").field(Field.HOST, "www.example.com:443"),
                // Issue 13 item 4: nginx "$host $remote_addr ..." behind a private load balancer; the Host header is the client's text.
                golden("hostFirstFormat_actorIsTheClientAddress_neverTheHost",
                        "198.51.100.7 10.0.0.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\"")
                        .actorIp("10.0.0.5").field(Field.HOST, "198.51.100.7"),
                golden("forwardedFor_isIgnored_whenThePeerIsNoTrustedProxy: quoted",
                        "10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET /admin HTTP/1.1\" 403 10 \"-\" \"ua\" \"198.51.100.77, 203.0.113.50\"")
                        .actorIp("10.0.1.5"),
                golden("forwardedFor_isIgnored_whenThePeerIsNoTrustedProxy: listed",
                        "198.51.100.77, 10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\"")
                        .actorIp("10.0.1.5"),
                golden("behindATrustedProxy_actorIsTheRightmostUntrustedForwardedAddress: quoted",
                        "10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET /admin HTTP/1.1\" 403 10 \"-\" \"ua\" \"198.51.100.77, 203.0.113.50, 10.0.2.9\"")
                        .behindProxies("10.0.0.0/8").actorIp("203.0.113.50").field(Field.PEER, "10.0.1.5"),
                golden("behindATrustedProxy_actorIsTheRightmostUntrustedForwardedAddress: listed",
                        "198.51.100.77, 10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\"")
                        .behindProxies("10.0.0.0/8").actorIp("198.51.100.77"),
                golden("behindATrustedProxy_actorIsTheRightmostUntrustedForwardedAddress: host first",
                        "198.51.100.7 10.0.0.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\"")
                        .behindProxies("10.0.0.0/8").actorIp("10.0.0.5"),
                golden("aTlsProbe_keepsTheRawRequestAsPath",
                        "203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"\\x16\\x03\\x01\\x00\\xee\" 400 157 \"-\" \"-\"")
                        .format(Format.ACCESS_LOG).field(Field.PATH, "\\x16\\x03\\x01\\x00\\xee")
                        .noField(Field.METHOD).noField(Field.USER_AGENT));
    }

    static final String ALB_LINE = "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 %s 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "
            + "\"GET https://www.example.com:443/search?q=a%%20b HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
            + "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
            + "\"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" "
            + "1 2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_1234";

    static Stream<Golden> alb() {
        return Stream.of(
                golden("awsFieldOrder_actorIsTheClient", String.format(ALB_LINE, "203.0.113.7:2817"))
                        .format(Format.ALB).actorIp("203.0.113.7").field(Field.SRC_PORT, "2817").field(Field.METHOD, "GET")
                        .field(Field.PATH, "/search?q=a%20b").field(Field.STATUS, "200").field(Field.USER_AGENT, "curl/7.46.0")
                        .field(Field.HOST, "www.example.com").noField(Field.ERROR).time("2018-07-02T22:23:00.186641Z"),
                golden("ipv6Client_withItsPort", String.format(ALB_LINE, "2001:db8:85a3:0:0:8a2e:370:7334:51234"))
                        .actorIp("2001:db8:85a3::8a2e:370:7334"),
                golden("noTarget_andAnErrorReason",
                        "http 2026-11-24T10:00:00.000000Z app/lb/1 203.0.113.8:4000 - -1 -1 -1 460 - 38 0 \"GET http://lb:80/ HTTP/1.1\" \"-\" - - - \"-\" \"-\" \"-\" 0 2026-11-24T10:00:00.000000Z \"-\" \"-\" \"ClientClosedConnection\"")
                        .actorIp("203.0.113.8").field(Field.STATUS, "460").field(Field.ERROR, "ClientClosedConnection")
                        .noField(Field.USER_AGENT));
    }

    static Stream<Golden> cloudTrail() {
        return Stream.of(
                golden("failedConsoleLogin_addressIsTheActor_theUserTheAccountTried",
                        "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\",\"userName\":\"alice\"},"
                                + "\"eventTime\":\"2026-11-24T10:00:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\","
                                + "\"userAgent\":\"Mozilla/5.0\",\"errorMessage\":\"Failed authentication\",\"requestParameters\":null,\"responseElements\":{\"ConsoleLogin\":\"Failure\"},"
                                + "\"additionalEventData\":{\"MFAUsed\":\"No\"},\"eventID\":\"1\",\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":\"123456789012\"}")
                        .format(Format.CLOUDTRAIL).noActorUser().field(Field.TARGET_USER, "alice").actorIp("203.0.113.7")
                        .field(Field.EVENT, "ConsoleLogin").field(Field.SERVICE, "signin.amazonaws.com").field(Field.OUTCOME, "Failure")
                        .field(Field.IDENTITY_TYPE, "IAMUser").time("2026-11-24T10:00:00Z"),
                golden("assumedRoleThroughAService_actorIsTheArn_notTheServiceName",
                        "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::123456789012:assumed-role/ops/i-0abc\"},"
                                + "\"eventTime\":\"2026-11-24T10:00:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"sourceIPAddress\":\"ec2.amazonaws.com\","
                                + "\"errorCode\":\"AccessDenied\",\"requestParameters\":{\"userName\":\"backdoor\",\"path\":\"/\"}}")
                        .actorUser("arn:aws:sts::123456789012:assumed-role/ops/i-0abc").noActorIp().field(Field.ERROR, "AccessDenied")
                        .field(Field.TARGET_USER, "backdoor").field(Field.REQUEST, "{\"userName\":\"backdoor\",\"path\":\"/\"}")
                        .field(Field.IDENTITY_TYPE, "AssumedRole"),
                golden("aBrokenRecord_isKeptAsText", "{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":")
                        .format(Format.TEXT).noActorIp());
    }

    @Test
    void aBadRecordInAFile_doesNotStopTheOthers() {
        String good = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"bob\"},\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"sourceIPAddress\":\"192.0.2.5\"}";
        List<ParsedEvent> out = parseAll(good, "{\"eventVersion\":\"1.08\",\"eventName\":\"Get\u0000", "{" + "[".repeat(5000), good);
        assertEquals(List.of(Format.CLOUDTRAIL, Format.TEXT, Format.TEXT, Format.CLOUDTRAIL),
                out.stream().map(ParsedEvent::format).toList());
        assertEquals("bob", out.get(3).actorUser());
    }

    static Stream<Golden> vpcFlowLogs() {
        return Stream.of(
                golden("defaultV2_actorIsSrcaddr",
                        "2 123456789012 eni-0a1b2c3d 203.0.113.12 10.0.1.5 49761 22 6 20 4249 1418530010 1418530070 REJECT OK")
                        .format(Format.VPC_FLOW).actorIp("203.0.113.12").field(Field.DST_IP, "10.0.1.5").field(Field.DST_PORT, "22")
                        .field(Field.PROTOCOL, "tcp").field(Field.OUTCOME, "REJECT").time(Instant.ofEpochSecond(1418530010)),
                golden("noData_hasNoActor", "2 123456789012 eni-1235b8ca - - - - - - - 1431280876 1431280934 - NODATA")
                        .format(Format.VPC_FLOW).noActorIp());
    }

    @Test
    void customFormat_readThroughTheSourcesHeaderLine() {
        List<ParsedEvent> out = parseAll(
                "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status",
                "5 vpc-0abc subnet-0abc i-0abc eni-0abc 123456789012 IPv6 2001:db8::99 2001:db8:1::5 443 61000 2001:db8::99 2001:db8:1::5 6 1200 4 1700000000 1700000060 ACCEPT 19 OK",
                "not a flow record");
        assertEquals(3, out.size());
        assertEquals("header", out.get(0).field(Field.EVENT));
        assertEquals(Format.VPC_FLOW, out.get(1).format());
        assertEquals("2001:db8::99", out.get(1).actorIp());
        assertEquals("61000", out.get(1).field(Field.DST_PORT));
        assertEquals("ACCEPT", out.get(1).field(Field.OUTCOME));
        assertEquals(Format.TEXT, out.get(2).format());
    }

    static Stream<Golden> waf() {
        return Stream.of(golden("clientIpIsTheActor_ruleAndActionKept",
                "{\"timestamp\":1764000000000,\"formatVersion\":1,\"webaclId\":\"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acl/1\","
                        + "\"terminatingRuleId\":\"AWS-AWSManagedRulesSQLiRuleSet\",\"terminatingRuleType\":\"MANAGED_RULE_GROUP\",\"action\":\"BLOCK\","
                        + "\"httpSourceName\":\"ALB\",\"httpRequest\":{\"clientIp\":\"203.0.113.7\",\"country\":\"NL\",\"headers\":[{\"name\":\"Host\",\"value\":\"shop.example.com\"},"
                        + "{\"name\":\"User-Agent\",\"value\":\"sqlmap/1.7\"}],\"uri\":\"/products\",\"args\":\"id=1%27%20OR%201=1\",\"httpVersion\":\"HTTP/1.1\",\"httpMethod\":\"GET\",\"requestId\":\"x\"}}")
                .format(Format.WAF).actorIp("203.0.113.7").field(Field.OUTCOME, "BLOCK").field(Field.RULE, "AWS-AWSManagedRulesSQLiRuleSet")
                .field(Field.PATH, "/products?id=1%27%20OR%201=1").field(Field.USER_AGENT, "sqlmap/1.7")
                .field(Field.HOST, "shop.example.com").time(Instant.ofEpochMilli(1764000000000L)));
    }

    /** Issue 13 items 1 and 2, issue 22 item 6: an account tried, reset or locked is a target; an actor is a user name or none. */
    static Stream<Golden> applicationLogs() {
        return Stream.of(
                golden("json_commonKeysNameTheActor",
                        "{\"time\":\"2026-11-24T10:00:00Z\",\"level\":\"warn\",\"msg\":\"password changed\",\"user\":\"alice\",\"client_ip\":\"203.0.113.7:5555\"}")
                        .format(Format.JSON).actorIp("203.0.113.7").actorUser("alice")
                        .field(Field.MESSAGE, "password changed").field(Field.LEVEL, "warn"),
                golden("json_failedLogin_namesTheAccountTried_neverAsTheActor: login_failed",
                        "{\"event\":\"login_failed\",\"user\":\"alice\",\"client_ip\":\"203.0.113.7\",\"msg\":\"<script>alert(1)</script>\"}")
                        .noActorUser().field(Field.TARGET_USER, "alice").actorIp("203.0.113.7"),
                golden("json_failedLogin_namesTheAccountTried_neverAsTheActor: status 401",
                        "{\"msg\":\"POST /api/session\",\"status\":401,\"user\":\"bob\"}")
                        .noActorUser().field(Field.TARGET_USER, "bob"),
                accountEvent("password reset requested",
                        "{\"event\":\"password_reset_requested\",\"email\":\"ceo@example.com\",\"ip\":\"203.0.113.70\"}"),
                accountEvent("account locked",
                        "{\"msg\":\"account locked after too many attempts\",\"user\":\"ceo@example.com\",\"client_ip\":\"203.0.113.70\"}"),
                accountEvent("mfa reset",
                        "{\"event\":\"mfa_reset\",\"msg\":\"mfa reset link sent\",\"username\":\"ceo@example.com\",\"remote_addr\":\"203.0.113.70\"}"),
                accountEvent("login attempt",
                        "{\"event\":\"login_attempt\",\"result\":\"success\",\"user\":\"ceo@example.com\",\"ip\":\"203.0.113.70\"}"),
                golden("json_accountEvents_nameTheAccountAsTarget_andTheClientAsActor: logfmt otp",
                        "level=info event=otp_sent user=ceo@example.com remote_addr=203.0.113.70")
                        .noActorUser().field(Field.TARGET_USER, "ceo@example.com"),
                golden("json_accountEventByAnAdmin_keepsTheAdminAsActor_andTheAccountAsTarget: admin",
                        "{\"event\":\"password_reset\",\"actor\":\"helpdesk-bob\",\"user\":\"ceo@example.com\",\"ip\":\"198.51.100.9\"}")
                        .actorUser("helpdesk-bob").field(Field.TARGET_USER, "ceo@example.com"),
                golden("json_accountEventByAnAdmin_keepsTheAdminAsActor_andTheAccountAsTarget: self",
                        "{\"event\":\"account_locked\",\"actor\":\"ceo@example.com\",\"user\":\"ceo@example.com\"}")
                        .because("the account itself named as actor is still the account tried").noActorUser(),
                golden("json_overlongOrControlCharacterUser_isNoActor: overlong",
                        "{\"user\":\"" + "u".repeat(400) + "\",\"msg\":\"x\"}").noActorUser(),
                golden("json_overlongOrControlCharacterUser_isNoActor: control character",
                        "{\"user\":\"bob\\nadmin\",\"msg\":\"x\"}").noActorUser(),
                golden("json_overlongOrControlCharacterUser_isNoActor: blanks trimmed",
                        "{\"user\":\"  carol \",\"msg\":\"x\"}").actorUser("carol"),
                golden("json_nestedEcsKeys",
                        "{\"@timestamp\":\"2026-11-24T10:00:00.5Z\",\"source\":{\"ip\":\"198.51.100.3\"},\"user\":{\"name\":\"bob\"},\"message\":\"x\",\"http\":{\"request\":{\"method\":\"POST\"}}}")
                        .actorIp("198.51.100.3").actorUser("bob").field(Field.METHOD, "POST").time("2026-11-24T10:00:00.5Z"),
                golden("json_anAddressThatIsNotOne_isNoActor", "{\"msg\":\"hello\",\"ip\":\"not-an-ip\",\"note\":\"from 203.0.113.7\"}")
                        .format(Format.JSON).noActorIp(),
                golden("containerLineInsideAShippersJson_isReadItself",
                        "{\"log\":\"203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \\\"GET /admin HTTP/1.1\\\" 404 9 \\\"-\\\" \\\"curl/8.0\\\"\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-24T10:00:01.5Z\"}")
                        .format(Format.ACCESS_LOG).actorIp("203.0.113.7").field(Field.PATH, "/admin").field(Field.USER_AGENT, "curl/8.0"),
                golden("logfmt_quotedValues",
                        "time=2026-11-24T10:00:00Z level=info msg=\"user \\\"alice\\\" logged in\" user=alice remote_addr=203.0.113.7")
                        .format(Format.LOGFMT).actorIp("203.0.113.7").actorUser("alice")
                        .field(Field.MESSAGE, "user \"alice\" logged in"));
    }

    private static Golden accountEvent(String what, String line) {
        return golden("json_accountEvents_nameTheAccountAsTarget_andTheClientAsActor: " + what, line)
                .noActorUser().field(Field.TARGET_USER, "ceo@example.com").actorIp("203.0.113.70");
    }

    static Stream<Golden> text() {
        return Stream.of(
                golden("freeText_mentionsAddressesButNamesNoActor", "Connection from 203.0.113.7 refused by policy, retry 2001:db8::1.")
                        .format(Format.TEXT).noActorIp().noActorUser().field(Field.MENTIONED_IPS, "203.0.113.7,2001:db8::1"),
                golden("otherSyslogPrograms_keepTheirAddressesAsMentions",
                        "Nov 24 10:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.7 DST=10.0.0.5 PROTO=TCP")
                        .format(Format.SYSLOG).field(Field.PROGRAM, "kernel").noActorIp().fieldContains(Field.MENTIONED_IPS, "203.0.113.7"),
                golden("deeplyNestedJson_isKeptAsText", "{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001))
                        .format(Format.TEXT),
                golden("aLineOver64KiB_isReadOnlyUpToTheCap_butKeptWhole",
                        "Nov 24 10:00:01 h sshd[1]: Invalid user " + "a".repeat(100_000) + " from 203.0.113.7 port 1")
                        .keptWhole().format(Format.SSHD).because("the address beyond the cap is not read").noActorIp());
    }

    @Test
    void emptyAndNullLines_areKept() {
        List<ParsedEvent> out = parseAll("", "   ", "\r\n");
        assertEquals(3, out.size());
        out.forEach(e -> assertEquals(Format.TEXT, e.format()));
    }

    @Test
    void parseAll_keepsSizeAndOrder() {
        List<ParsedEvent> out = parseAll("a", "{\"msg\":\"b\"}", "c");
        assertEquals(List.of("a", "{\"msg\":\"b\"}", "c"), out.stream().map(ParsedEvent::line).toList());
    }
}
