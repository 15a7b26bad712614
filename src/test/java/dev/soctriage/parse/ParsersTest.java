package dev.soctriage.parse;

import static dev.soctriage.parse.ParseFixtures.parse;
import static dev.soctriage.parse.ParseFixtures.parseAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;

class ParsersTest {

    @Nested
    class Sshd {
        @Test
        void failedPassword_rfc3164_namesTheFromAddressAsActor() {
            ParsedEvent e = parse("Nov 24 10:00:01 ip-10-0-0-5 sshd[4120]: Failed password for invalid user admin from 203.0.113.7 port 52144 ssh2");
            assertEquals(Format.SSHD, e.format());
            assertEquals("203.0.113.7", e.actorIp());
            assertNull(e.actorUser());
            assertEquals("admin", e.field(Field.TARGET_USER));
            assertEquals("Failed password", e.field(Field.EVENT));
            assertEquals("52144", e.field(Field.SRC_PORT));
            assertEquals("ip-10-0-0-5", e.field(Field.HOST));
            assertEquals(Instant.parse("2026-11-24T10:00:01Z"), e.time());
        }

        @Test
        void userNameCarryingAFakeFromClause_doesNotMoveTheActor() {
            ParsedEvent e = parse("Nov 24 10:00:01 h sshd[1]: Failed password for invalid user x from 6.6.6.6 port 22 from 203.0.113.7 port 52144 ssh2");
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("x from 6.6.6.6 port 22", e.field(Field.TARGET_USER));
        }

        @Test
        void ipv6AndMappedAddresses_areCanonical() {
            assertEquals("2001:db8::7", parse("Nov 24 10:00:01 h sshd[1]: Failed password for root from 2001:DB8:0:0::7 port 1 ssh2").actorIp());
            assertEquals("203.0.113.9", parse("Nov 24 10:00:01 h sshd[1]: Failed password for root from ::ffff:203.0.113.9 port 1 ssh2").actorIp());
        }

        @Test
        void rfc5424_withAndWithoutStructuredData() {
            ParsedEvent a = parse("<38>1 2026-11-24T10:00:02.123Z bastion sshd 4121 - - Invalid user oracle from 198.51.100.23 port 40022");
            assertEquals(Format.SSHD, a.format());
            assertEquals("Invalid user", a.field(Field.EVENT));
            assertEquals("oracle", a.field(Field.TARGET_USER));
            assertEquals("198.51.100.23", a.actorIp());
            assertEquals(Instant.parse("2026-11-24T10:00:02.123Z"), a.time());
            ParsedEvent b = parse("<38>1 2026-11-24T10:00:02+01:00 bastion sshd 4121 ID47 [meta seq=\"1\" note=\"a \\\"q\\\" ]x\"] "
                    + "Accepted publickey for ubuntu from 198.51.100.9 port 50000 ssh2: ED25519 SHA256:abc");
            assertEquals("Accepted publickey", b.field(Field.EVENT));
            assertEquals("ubuntu", b.field(Field.TARGET_USER));
            assertEquals("198.51.100.9", b.actorIp());
            assertEquals(Instant.parse("2026-11-24T09:00:02Z"), b.time());
        }

        @Test
        void cloudWatchPrefixes_exportTimestampAndLogStream() {
            ParsedEvent a = parse("2026-11-24T10:00:03.000Z Nov 24 10:00:03 ip-10-0-0-5 sshd[4122]: Connection closed by authenticating user root 203.0.113.7 port 52150 [preauth]");
            assertEquals(Format.SSHD, a.format());
            assertEquals("Connection closed by authenticating user", a.field(Field.EVENT));
            assertEquals("root", a.field(Field.TARGET_USER));
            assertEquals("203.0.113.7", a.actorIp());
            ParsedEvent b = parse("2026-11-24T10:00:03.000000+00:00 i-0abc123 Nov 24 10:00:03 ip-10-0-0-5 sshd[4122]: Disconnected from invalid user test 203.0.113.7 port 52151 [preauth]");
            assertEquals("Disconnected from invalid user", b.field(Field.EVENT));
            assertEquals("test", b.field(Field.TARGET_USER));
            assertEquals("203.0.113.7", b.actorIp());
        }

        @Test
        void isoSyslogAndSshdSession_ofOpenSsh98() {
            ParsedEvent e = parse("2026-11-24T10:00:04.123456+00:00 web-1 sshd-session[999]: Accepted publickey for deploy from 192.0.2.10 port 50123 ssh2: ED25519 SHA256:xyz");
            assertEquals(Format.SSHD, e.format());
            assertEquals("192.0.2.10", e.actorIp());
            assertEquals("deploy", e.field(Field.TARGET_USER));
            assertEquals("Accepted publickey", e.field(Field.EVENT));
        }

        @Test
        void pamFailureAndDisconnects_nameTheRemoteHost() {
            ParsedEvent pam = parse("Nov 24 10:00:05 h sshd[1]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=203.0.113.7  user=root");
            assertEquals("authentication failure", pam.field(Field.EVENT));
            assertEquals("203.0.113.7", pam.actorIp());
            assertEquals("root", pam.field(Field.TARGET_USER));
            ParsedEvent bye = parse("Nov 24 10:00:05 h sshd[1]: Received disconnect from 203.0.113.7 port 52144:11: Bye Bye [preauth]");
            assertEquals("Received disconnect", bye.field(Field.EVENT));
            assertEquals("203.0.113.7", bye.actorIp());
        }

        @Test
        void singleDigitDay_andDecemberLinesReadInJanuary() {
            assertEquals(Instant.parse("2026-11-04T10:00:01Z"),
                    parse("Nov  4 10:00:01 h sshd[1]: Invalid user a from 203.0.113.7 port 1").time());
            ParsedEvent december = ParseFixtures.parse(new dev.soctriage.model.LogEvent("e", Instant.parse("2027-01-01T00:00:30Z").toEpochMilli(),
                    "Dec 31 23:59:59 h sshd[1]: Invalid user a from 203.0.113.7 port 1"));
            assertEquals(Instant.parse("2026-12-31T23:59:59Z"), december.time());
        }

        @Test
        void sessionLines_nameTheUserAsTarget_withoutActor() {
            ParsedEvent e = parse("Nov 24 10:00:02 bastion sshd[901]: pam_unix(sshd:session): session opened for user alice(uid=1001) by (uid=0)");
            assertEquals("session opened", e.field(Field.EVENT));
            assertEquals("alice", e.field(Field.TARGET_USER));
            assertNull(e.actorIp());
            assertNull(e.actorUser());
        }

        @Test
        void aListeningAddress_isNoActor() {
            ParsedEvent e = parse("Nov 24 10:00:05 h sshd[1]: Server listening on 0.0.0.0 port 22.");
            assertEquals(Format.SSHD, e.format());
            assertNull(e.actorIp());
        }
    }

    @Nested
    class Sudo {
        @Test
        void command_actorIsTheInvokingUser() {
            ParsedEvent e = parse("Nov 24 10:01:00 host sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow");
            assertEquals(Format.SUDO, e.format());
            assertEquals("alice", e.actorUser());
            assertNull(e.actorIp());
            assertEquals("root", e.field(Field.TARGET_USER));
            assertEquals("/usr/bin/cat /etc/shadow", e.field(Field.COMMAND));
            assertEquals("COMMAND", e.field(Field.EVENT));
        }

        @Test
        void failedAttempts_commandWithSeparatorsStaysWhole() {
            ParsedEvent e = parse("Nov 24 10:01:00 host sudo: bob : 3 incorrect password attempts ; TTY=pts/1 ; PWD=/tmp ; USER=root ; COMMAND=/bin/sh -c 'a ; USER=x'");
            assertEquals("incorrect password attempts", e.field(Field.EVENT));
            assertEquals("bob", e.actorUser());
            assertEquals("root", e.field(Field.TARGET_USER));
            assertEquals("/bin/sh -c 'a ; USER=x'", e.field(Field.COMMAND));
        }

        @Test
        void pamSession_namesWhoOpenedItForWhom() {
            ParsedEvent e = parse("Nov 24 10:01:00 host sudo: pam_unix(sudo:session): session opened for user root(uid=0) by alice(uid=1000)");
            assertEquals("session opened", e.field(Field.EVENT));
            assertEquals("alice", e.actorUser());
            assertEquals("root", e.field(Field.TARGET_USER));
        }
    }

    @Nested
    class AccessLogs {
        @Test
        void combined_actorIsTheClient() {
            ParsedEvent e = parse("203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"GET /index.php?id=1%27%20OR%201=1 HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"");
            assertEquals(Format.ACCESS_LOG, e.format());
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("GET", e.field(Field.METHOD));
            assertEquals("/index.php?id=1%27%20OR%201=1", e.field(Field.PATH));
            assertEquals("200", e.field(Field.STATUS));
            assertEquals("Mozilla/5.0 (X11; Linux x86_64)", e.field(Field.USER_AGENT));
            assertEquals(Instant.parse("2026-11-24T10:00:01Z"), e.time());
        }

        @Test
        void common_withUserAndMissingBytes() {
            ParsedEvent e = parse("198.51.100.4 - frank [24/Nov/2026:10:00:01 -0700] \"POST /login HTTP/1.1\" 302 -");
            assertEquals("198.51.100.4", e.actorIp());
            assertEquals("frank", e.actorUser());
            assertNull(e.field(Field.BYTES));
            assertEquals(Instant.parse("2026-11-24T17:00:01Z"), e.time());
        }

        @Test
        void unauthorisedUser_isATargetNotTheActor() {
            ParsedEvent e = parse("198.51.100.4 - admin [24/Nov/2026:10:00:01 +0000] \"GET /admin HTTP/1.1\" 401 12 \"-\" \"x\"");
            assertNull(e.actorUser());
            assertEquals("admin", e.field(Field.TARGET_USER));
        }

        @Test
        void escapedQuotesAndSpacesInQuotedFields() {
            ParsedEvent e = parse("203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"GET /a\\\"b HTTP/1.1\" 200 5 \"-\" \"curl \\\"x\\\" y\"");
            assertEquals("/a\\\"b", e.field(Field.PATH));
            assertEquals("curl \\\"x\\\" y", e.field(Field.USER_AGENT));
        }

        @Test
        void leadingVhost_andIpv6Client() {
            ParsedEvent e = parse("www.example.com:443 2001:db8::abcd - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/2.0\" 200 10 \"-\" \"ua\"");
            assertEquals("2001:db8::abcd", e.actorIp());
            assertEquals("www.example.com:443", e.field(Field.HOST));
        }

        /** Issue 13 item 4: nginx "$host $remote_addr ..." behind a private load balancer; the Host header is the client's text. */
        @Test
        void hostFirstFormat_actorIsTheClientAddress_neverTheHost() {
            ParsedEvent e = parse("198.51.100.7 10.0.0.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\"");
            assertEquals("10.0.0.5", e.actorIp());
            assertEquals("198.51.100.7", e.field(Field.HOST));
        }

        @Test
        void forwardedFor_isIgnored_whenThePeerIsNoTrustedProxy() {
            ParsedEvent quoted = parse("10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET /admin HTTP/1.1\" 403 10 \"-\" \"ua\" \"198.51.100.77, 203.0.113.50\"");
            ParsedEvent listed = parse("198.51.100.77, 10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\"");
            assertEquals("10.0.1.5", quoted.actorIp());
            assertEquals("10.0.1.5", listed.actorIp());
        }

        @Test
        void behindATrustedProxy_actorIsTheRightmostUntrustedForwardedAddress() {
            Parsers trusting = new Parsers(java.time.Clock.fixed(ParseFixtures.NOW, java.time.ZoneOffset.UTC),
                    java.util.List.of(dev.soctriage.net.Cidr.parse("10.0.0.0/8")));
            ParsedEvent quoted = trusting.parseAll(java.util.List.of(new dev.soctriage.model.LogEvent("e", 0, "10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET /admin HTTP/1.1\" 403 10 \"-\" \"ua\" \"198.51.100.77, 203.0.113.50, 10.0.2.9\""))).get(0);
            ParsedEvent listed = trusting.parseAll(java.util.List.of(new dev.soctriage.model.LogEvent("e", 0, "198.51.100.77, 10.0.1.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\""))).get(0);
            ParsedEvent host = trusting.parseAll(java.util.List.of(new dev.soctriage.model.LogEvent("e", 0, "198.51.100.7 10.0.0.5 - - [24/Nov/2026:10:00:01 +0000] \"GET / HTTP/1.1\" 200 10 \"-\" \"ua\""))).get(0);
            assertEquals("203.0.113.50", quoted.actorIp());
            assertEquals("10.0.1.5", quoted.field(Field.PEER));
            assertEquals("198.51.100.77", listed.actorIp());
            assertEquals("10.0.0.5", host.actorIp());
        }

        @Test
        void aTlsProbe_keepsTheRawRequestAsPath() {
            ParsedEvent e = parse("203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \"\\x16\\x03\\x01\\x00\\xee\" 400 157 \"-\" \"-\"");
            assertEquals(Format.ACCESS_LOG, e.format());
            assertEquals("\\x16\\x03\\x01\\x00\\xee", e.field(Field.PATH));
            assertNull(e.field(Field.METHOD));
            assertNull(e.field(Field.USER_AGENT));
        }
    }

    @Nested
    class Alb {
        static final String LINE = "https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 %s 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "
                + "\"GET https://www.example.com:443/search?q=a%%20b HTTP/1.1\" \"curl/7.46.0\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
                + "arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "
                + "\"Root=1-58337281-1d84f3d73c47ec4e58577259\" \"www.example.com\" \"arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012\" "
                + "1 2018-07-02T22:22:48.364000Z \"authenticate,forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_1234";

        @Test
        void awsFieldOrder_actorIsTheClient() {
            ParsedEvent e = parse(String.format(LINE, "203.0.113.7:2817"));
            assertEquals(Format.ALB, e.format());
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("2817", e.field(Field.SRC_PORT));
            assertEquals("GET", e.field(Field.METHOD));
            assertEquals("/search?q=a%20b", e.field(Field.PATH));
            assertEquals("200", e.field(Field.STATUS));
            assertEquals("curl/7.46.0", e.field(Field.USER_AGENT));
            assertEquals("www.example.com", e.field(Field.HOST));
            assertNull(e.field(Field.ERROR));
            assertEquals(Instant.parse("2018-07-02T22:23:00.186641Z"), e.time());
        }

        @Test
        void ipv6Client_withItsPort() {
            assertEquals("2001:db8:85a3::8a2e:370:7334",
                    parse(String.format(LINE, "2001:db8:85a3:0:0:8a2e:370:7334:51234")).actorIp());
        }

        @Test
        void noTarget_andAnErrorReason() {
            ParsedEvent e = parse("http 2026-11-24T10:00:00.000000Z app/lb/1 203.0.113.8:4000 - -1 -1 -1 460 - 38 0 \"GET http://lb:80/ HTTP/1.1\" \"-\" - - - \"-\" \"-\" \"-\" 0 2026-11-24T10:00:00.000000Z \"-\" \"-\" \"ClientClosedConnection\"");
            assertEquals("203.0.113.8", e.actorIp());
            assertEquals("460", e.field(Field.STATUS));
            assertEquals("ClientClosedConnection", e.field(Field.ERROR));
            assertNull(e.field(Field.USER_AGENT));
        }
    }

    @Nested
    class CloudTrail {
        @Test
        void failedConsoleLogin_addressIsTheActor_theUserTheAccountTried() {
            ParsedEvent e = parse("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":\"AIDAEXAMPLE\",\"arn\":\"arn:aws:iam::123456789012:user/alice\",\"accountId\":\"123456789012\",\"userName\":\"alice\"},"
                    + "\"eventTime\":\"2026-11-24T10:00:00Z\",\"eventSource\":\"signin.amazonaws.com\",\"eventName\":\"ConsoleLogin\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"203.0.113.7\","
                    + "\"userAgent\":\"Mozilla/5.0\",\"errorMessage\":\"Failed authentication\",\"requestParameters\":null,\"responseElements\":{\"ConsoleLogin\":\"Failure\"},"
                    + "\"additionalEventData\":{\"MFAUsed\":\"No\"},\"eventID\":\"1\",\"eventType\":\"AwsConsoleSignIn\",\"recipientAccountId\":\"123456789012\"}");
            assertEquals(Format.CLOUDTRAIL, e.format());
            assertNull(e.actorUser());
            assertEquals("alice", e.field(Field.TARGET_USER));
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("ConsoleLogin", e.field(Field.EVENT));
            assertEquals("signin.amazonaws.com", e.field(Field.SERVICE));
            assertEquals("Failure", e.field(Field.OUTCOME));
            assertEquals("IAMUser", e.field(Field.IDENTITY_TYPE));
            assertEquals(Instant.parse("2026-11-24T10:00:00Z"), e.time());
        }

        @Test
        void assumedRoleThroughAService_actorIsTheArn_notTheServiceName() {
            ParsedEvent e = parse("{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"AssumedRole\",\"arn\":\"arn:aws:sts::123456789012:assumed-role/ops/i-0abc\"},"
                    + "\"eventTime\":\"2026-11-24T10:00:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":\"CreateUser\",\"sourceIPAddress\":\"ec2.amazonaws.com\","
                    + "\"errorCode\":\"AccessDenied\",\"requestParameters\":{\"userName\":\"backdoor\",\"path\":\"/\"}}");
            assertEquals("arn:aws:sts::123456789012:assumed-role/ops/i-0abc", e.actorUser());
            assertNull(e.actorIp());
            assertEquals("AccessDenied", e.field(Field.ERROR));
            assertEquals("backdoor", e.field(Field.TARGET_USER));
            assertEquals("{\"userName\":\"backdoor\",\"path\":\"/\"}", e.field(Field.REQUEST));
            assertEquals("AssumedRole", e.field(Field.IDENTITY_TYPE));
        }

        @Test
        void aBadRecordInAFile_doesNotStopTheOthers() {
            String good = "{\"eventVersion\":\"1.08\",\"userIdentity\":{\"type\":\"IAMUser\",\"userName\":\"bob\"},\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"sourceIPAddress\":\"192.0.2.5\"}";
            List<ParsedEvent> out = parseAll(good, "{\"eventVersion\":\"1.08\",\"eventName\":\"Get\u0000", "{" + "[".repeat(5000), good);
            assertEquals(List.of(Format.CLOUDTRAIL, Format.TEXT, Format.TEXT, Format.CLOUDTRAIL),
                    out.stream().map(ParsedEvent::format).toList());
            assertEquals("bob", out.get(3).actorUser());
        }

        @Test
        void aBrokenRecord_isKeptAsText() {
            ParsedEvent e = parse("{\"eventVersion\":\"1.08\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":");
            assertEquals(Format.TEXT, e.format());
            assertNull(e.actorIp());
        }
    }

    @Nested
    class VpcFlowLogs {
        @Test
        void defaultV2_actorIsSrcaddr() {
            ParsedEvent e = parse("2 123456789012 eni-0a1b2c3d 203.0.113.12 10.0.1.5 49761 22 6 20 4249 1418530010 1418530070 REJECT OK");
            assertEquals(Format.VPC_FLOW, e.format());
            assertEquals("203.0.113.12", e.actorIp());
            assertEquals("10.0.1.5", e.field(Field.DST_IP));
            assertEquals("22", e.field(Field.DST_PORT));
            assertEquals("tcp", e.field(Field.PROTOCOL));
            assertEquals("REJECT", e.field(Field.OUTCOME));
            assertEquals(Instant.ofEpochSecond(1418530010), e.time());
        }

        @Test
        void noData_hasNoActor() {
            ParsedEvent e = parse("2 123456789012 eni-1235b8ca - - - - - - - 1431280876 1431280934 - NODATA");
            assertEquals(Format.VPC_FLOW, e.format());
            assertNull(e.actorIp());
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
    }

    @Nested
    class Waf {
        @Test
        void clientIpIsTheActor_ruleAndActionKept() {
            ParsedEvent e = parse("{\"timestamp\":1764000000000,\"formatVersion\":1,\"webaclId\":\"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/acl/1\","
                    + "\"terminatingRuleId\":\"AWS-AWSManagedRulesSQLiRuleSet\",\"terminatingRuleType\":\"MANAGED_RULE_GROUP\",\"action\":\"BLOCK\","
                    + "\"httpSourceName\":\"ALB\",\"httpRequest\":{\"clientIp\":\"203.0.113.7\",\"country\":\"NL\",\"headers\":[{\"name\":\"Host\",\"value\":\"shop.example.com\"},"
                    + "{\"name\":\"User-Agent\",\"value\":\"sqlmap/1.7\"}],\"uri\":\"/products\",\"args\":\"id=1%27%20OR%201=1\",\"httpVersion\":\"HTTP/1.1\",\"httpMethod\":\"GET\",\"requestId\":\"x\"}}");
            assertEquals(Format.WAF, e.format());
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("BLOCK", e.field(Field.OUTCOME));
            assertEquals("AWS-AWSManagedRulesSQLiRuleSet", e.field(Field.RULE));
            assertEquals("/products?id=1%27%20OR%201=1", e.field(Field.PATH));
            assertEquals("sqlmap/1.7", e.field(Field.USER_AGENT));
            assertEquals("shop.example.com", e.field(Field.HOST));
            assertEquals(Instant.ofEpochMilli(1764000000000L), e.time());
        }
    }

    @Nested
    class ApplicationLogs {
        @Test
        void json_commonKeysNameTheActor() {
            ParsedEvent e = parse("{\"time\":\"2026-11-24T10:00:00Z\",\"level\":\"warn\",\"msg\":\"password changed\",\"user\":\"alice\",\"client_ip\":\"203.0.113.7:5555\"}");
            assertEquals(Format.JSON, e.format());
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("alice", e.actorUser());
            assertEquals("password changed", e.field(Field.MESSAGE));
            assertEquals("warn", e.field(Field.LEVEL));
        }

        /** Issue 13 item 2: the account a failed login names is the one tried, whatever else the line carries. */
        @Test
        void json_failedLogin_namesTheAccountTried_neverAsTheActor() {
            ParsedEvent xss = parse("{\"event\":\"login_failed\",\"user\":\"alice\",\"client_ip\":\"203.0.113.7\",\"msg\":\"<script>alert(1)</script>\"}");
            ParsedEvent status = parse("{\"msg\":\"POST /api/session\",\"status\":401,\"user\":\"bob\"}");
            assertNull(xss.actorUser());
            assertEquals("alice", xss.field(Field.TARGET_USER));
            assertEquals("203.0.113.7", xss.actorIp());
            assertNull(status.actorUser());
            assertEquals("bob", status.field(Field.TARGET_USER));
        }

        /** Issue 22 item 6: the account a reset, a lock, an MFA step or a login attempt is about is no actor. */
        @Test
        void json_accountEvents_nameTheAccountAsTarget_andTheClientAsActor() {
            for (String line : List.of(
                    "{\"event\":\"password_reset_requested\",\"email\":\"ceo@example.com\",\"ip\":\"203.0.113.70\"}",
                    "{\"msg\":\"account locked after too many attempts\",\"user\":\"ceo@example.com\",\"client_ip\":\"203.0.113.70\"}",
                    "{\"event\":\"mfa_reset\",\"msg\":\"mfa reset link sent\",\"username\":\"ceo@example.com\",\"remote_addr\":\"203.0.113.70\"}",
                    "{\"event\":\"login_attempt\",\"result\":\"success\",\"user\":\"ceo@example.com\",\"ip\":\"203.0.113.70\"}")) {
                ParsedEvent e = parse(line);
                assertNull(e.actorUser(), line);
                assertEquals("ceo@example.com", e.field(Field.TARGET_USER), line);
                assertEquals("203.0.113.70", e.actorIp(), line);
            }
            ParsedEvent logfmt = parse("level=info event=otp_sent user=ceo@example.com remote_addr=203.0.113.70");
            assertNull(logfmt.actorUser());
            assertEquals("ceo@example.com", logfmt.field(Field.TARGET_USER));
        }

        @Test
        void json_accountEventByAnAdmin_keepsTheAdminAsActor_andTheAccountAsTarget() {
            ParsedEvent e = parse("{\"event\":\"password_reset\",\"actor\":\"helpdesk-bob\",\"user\":\"ceo@example.com\",\"ip\":\"198.51.100.9\"}");
            assertEquals("helpdesk-bob", e.actorUser());
            assertEquals("ceo@example.com", e.field(Field.TARGET_USER));
            ParsedEvent self = parse("{\"event\":\"account_locked\",\"actor\":\"ceo@example.com\",\"user\":\"ceo@example.com\"}");
            assertNull(self.actorUser(), "the account itself named as actor is still the account tried");
        }

        /** Issue 13 item 1: an actor is a user name or none, never 400 characters of whatever the line says. */
        @Test
        void json_overlongOrControlCharacterUser_isNoActor() {
            assertNull(parse("{\"user\":\"" + "u".repeat(400) + "\",\"msg\":\"x\"}").actorUser());
            assertNull(parse("{\"user\":\"bob\\nadmin\",\"msg\":\"x\"}").actorUser());
            assertEquals("carol", parse("{\"user\":\"  carol \",\"msg\":\"x\"}").actorUser());
        }

        @Test
        void json_nestedEcsKeys() {
            ParsedEvent e = parse("{\"@timestamp\":\"2026-11-24T10:00:00.5Z\",\"source\":{\"ip\":\"198.51.100.3\"},\"user\":{\"name\":\"bob\"},\"message\":\"x\",\"http\":{\"request\":{\"method\":\"POST\"}}}");
            assertEquals("198.51.100.3", e.actorIp());
            assertEquals("bob", e.actorUser());
            assertEquals("POST", e.field(Field.METHOD));
            assertEquals(Instant.parse("2026-11-24T10:00:00.5Z"), e.time());
        }

        @Test
        void json_anAddressThatIsNotOne_isNoActor() {
            ParsedEvent e = parse("{\"msg\":\"hello\",\"ip\":\"not-an-ip\",\"note\":\"from 203.0.113.7\"}");
            assertEquals(Format.JSON, e.format());
            assertNull(e.actorIp());
        }

        @Test
        void containerLineInsideAShippersJson_isReadItself() {
            ParsedEvent e = parse("{\"log\":\"203.0.113.7 - - [24/Nov/2026:10:00:01 +0000] \\\"GET /admin HTTP/1.1\\\" 404 9 \\\"-\\\" \\\"curl/8.0\\\"\\n\",\"stream\":\"stdout\",\"time\":\"2026-11-24T10:00:01.5Z\"}");
            assertEquals(Format.ACCESS_LOG, e.format());
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("/admin", e.field(Field.PATH));
            assertEquals("curl/8.0", e.field(Field.USER_AGENT));
        }

        @Test
        void logfmt_quotedValues() {
            ParsedEvent e = parse("time=2026-11-24T10:00:00Z level=info msg=\"user \\\"alice\\\" logged in\" user=alice remote_addr=203.0.113.7");
            assertEquals(Format.LOGFMT, e.format());
            assertEquals("203.0.113.7", e.actorIp());
            assertEquals("alice", e.actorUser());
            assertEquals("user \"alice\" logged in", e.field(Field.MESSAGE));
        }
    }

    @Nested
    class Text {
        @Test
        void freeText_mentionsAddressesButNamesNoActor() {
            ParsedEvent e = parse("Connection from 203.0.113.7 refused by policy, retry 2001:db8::1.");
            assertEquals(Format.TEXT, e.format());
            assertNull(e.actorIp());
            assertNull(e.actorUser());
            assertEquals("203.0.113.7,2001:db8::1", e.field(Field.MENTIONED_IPS));
        }

        @Test
        void otherSyslogPrograms_keepTheirAddressesAsMentions() {
            ParsedEvent e = parse("Nov 24 10:00:00 fw kernel: [UFW BLOCK] IN=eth0 OUT= SRC=203.0.113.7 DST=10.0.0.5 PROTO=TCP");
            assertEquals(Format.SYSLOG, e.format());
            assertEquals("kernel", e.field(Field.PROGRAM));
            assertNull(e.actorIp());
            assertTrue(e.field(Field.MENTIONED_IPS).contains("203.0.113.7"));
        }

        @Test
        void deeplyNestedJson_isKeptAsText() {
            ParsedEvent e = parse("{\"a\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3001));
            assertEquals(Format.TEXT, e.format());
        }

        @Test
        void aLineOver64KiB_isReadOnlyUpToTheCap_butKeptWhole() {
            String huge = "Nov 24 10:00:01 h sshd[1]: Invalid user " + "a".repeat(100_000) + " from 203.0.113.7 port 1";
            ParsedEvent e = parse(huge);
            assertEquals(huge, e.line());
            assertEquals(Format.SSHD, e.format());
            assertNull(e.actorIp(), "the address beyond the cap is not read");
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
}
