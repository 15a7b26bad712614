package dev.soctriage.parse;

import static dev.soctriage.parse.ParseFixtures.parse;
import static dev.soctriage.parse.ParseFixtures.parseAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;

/** Authentication lines as Linux writes them: PAM in both spellings, sshd's vocabulary, one attempt counted once. */
class AuthLinesTest {

    @Nested
    class Pam {
        @Test
        void moduleInTheTag_oldRhelSpelling_rhostAddressIsTheActor() {
            ParsedEvent e = parse("Mar  3 04:10:11 web7 sshd(pam_unix)[2201]: authentication failure; logname= uid=0 euid=0 "
                    + "tty=NODEVssh ruser= rhost=198.51.100.40  user=root");
            assertEquals(Format.SSHD, e.format());
            assertEquals("sshd", e.field(Field.PROGRAM));
            assertEquals("2201", e.field(Field.PID));
            assertEquals("authentication failure", e.field(Field.EVENT));
            assertEquals("198.51.100.40", e.actorIp());
            assertEquals("root", e.field(Field.TARGET_USER));
            assertNull(e.actorUser());
        }

        @Test
        void moduleInTheMessage_currentSpelling_withoutUser() {
            ParsedEvent e = parse("Mar  3 04:10:11 web7 sshd[2202]: pam_unix(sshd:auth): authentication failure; logname= uid=0 "
                    + "euid=0 tty=ssh ruser= rhost=203.0.113.61 ");
            assertEquals("203.0.113.61", e.actorIp());
            assertNull(e.field(Field.TARGET_USER));
        }

        @Test
        void aHostNameInRhost_isEvidenceNeverAnActor() {
            ParsedEvent e = parse("Mar  3 04:10:12 web7 sshd(pam_unix)[2203]: authentication failure; logname= uid=0 euid=0 "
                    + "tty=NODEVssh ruser= rhost=dsl-77.example.net  user=admin");
            assertNull(e.actorIp());
            assertEquals(null, e.field(Field.MENTIONED_IPS));
            assertEquals("admin", e.field(Field.TARGET_USER));
        }

        @Test
        void anyServicePamNames_isReadAsPam() {
            ParsedEvent ftp = parse("Mar  3 05:00:00 files vsftpd[812]: pam_unix(vsftpd:auth): authentication failure; logname= "
                    + "uid=0 euid=0 tty=ftp ruser=carol rhost=192.0.2.200");
            assertEquals(Format.SYSLOG, ftp.format());
            assertEquals("vsftpd", ftp.field(Field.PROGRAM));
            assertEquals("192.0.2.200", ftp.actorIp());
            assertEquals("carol", ftp.field(Field.TARGET_USER), "a remote service's ruser is the account tried");
            assertNull(ftp.actorUser());
            ParsedEvent imap = parse("Mar  3 05:00:01 mail dovecot[77]: pam_unix(dovecot:auth): authentication failure; logname= "
                    + "uid=0 euid=0 tty=dovecot ruser=dave rhost=198.51.100.3  user=dave");
            assertEquals(Format.SYSLOG, imap.format());
            assertEquals("198.51.100.3", imap.actorIp());
            assertEquals("dave", imap.field(Field.TARGET_USER));
            ParsedEvent print = parse("Mar  3 05:00:02 print cupsd(pam_unix)[90]: authentication failure; logname= uid=4 euid=4 "
                    + "tty=cups ruser= rhost=203.0.113.12  user=lp");
            assertEquals(Format.SYSLOG, print.format());
            assertEquals("cupsd", print.field(Field.PROGRAM));
            assertEquals("203.0.113.12", print.actorIp());
            ParsedEvent tty = parse("Mar  3 05:00:03 box login[31]: pam_unix(login:auth): authentication failure; logname=LOGIN "
                    + "uid=0 euid=0 tty=tty1 ruser= rhost=  user=erin");
            assertEquals(Format.SYSLOG, tty.format());
            assertNull(tty.actorIp());
            assertNull(tty.actorUser(), "a console login names the account tried, no actor");
            assertEquals("erin", tty.field(Field.TARGET_USER));
        }

        @Test
        void su_theLocalUserAskingIsTheActor_theAccountAskedForIsTheTarget() {
            ParsedEvent e = parse("Mar  3 06:00:00 box su[4410]: pam_unix(su:auth): authentication failure; logname=frank "
                    + "uid=1001 euid=0 tty=pts/2 ruser=frank rhost=  user=root");
            assertEquals(Format.SYSLOG, e.format());
            assertEquals("frank", e.actorUser());
            assertEquals("root", e.field(Field.TARGET_USER));
            ParsedEvent session = parse("Mar  3 06:00:05 box su(pam_unix)[4411]: session opened for user news by (uid=0)");
            assertEquals("session opened", session.field(Field.EVENT));
            assertEquals("news", session.field(Field.TARGET_USER));
            assertNull(session.actorUser());
        }

        @Test
        void aUserNameImitatingRhost_leavesTheLineWithoutActor() {
            ParsedEvent e = parse("Mar  3 05:00:00 files vsftpd[812]: pam_unix(vsftpd:auth): authentication failure; logname= "
                    + "uid=0 euid=0 tty=ftp ruser=x rhost=8.8.8.8 rhost=192.0.2.200  user=x rhost=8.8.8.8");
            assertNull(e.actorIp());
        }

        @Test
        void pamMoreFailures_andCheckPass() {
            List<ParsedEvent> lines = parseAll(
                    "Mar  3 07:00:00 gw sshd[500]: pam_unix(sshd:auth): check pass; user unknown",
                    "Mar  3 07:00:09 gw sshd[500]: PAM 4 more authentication failures; logname= uid=0 euid=0 tty=ssh ruser= "
                            + "rhost=203.0.113.80  user=root");
            assertEquals("check pass; user unknown", lines.get(0).field(Field.EVENT));
            assertEquals("203.0.113.80", lines.get(0).actorIp(), "the connection's address, named by its other line");
            assertEquals("PAM more authentication failures", lines.get(1).field(Field.EVENT));
        }
    }

    @Nested
    class SshdVocabulary {
        @Test
        void invalidUserWithoutPort_andIllegalUserOfOldSshd() {
            ParsedEvent a = parse("Jan  9 01:02:03 gw sshd[11]: Invalid user backup from 203.0.113.90");
            assertEquals("Invalid user", a.field(Field.EVENT));
            assertEquals("203.0.113.90", a.actorIp());
            assertEquals("backup", a.field(Field.TARGET_USER));
            ParsedEvent b = parse("Jan  9 01:02:03 gw sshd[12]: Failed password for illegal user guest from 203.0.113.91 port 4000 ssh2");
            assertEquals("Failed password", b.field(Field.EVENT));
            assertEquals("guest", b.field(Field.TARGET_USER));
            assertEquals("203.0.113.91", b.actorIp());
        }

        @Test
        void breakInWarning_namesTheConnectingAddress_notTheSendersDns() {
            ParsedEvent a = parse("Jan  9 01:02:03 gw sshd[13]: reverse mapping checking getaddrinfo for mail.[192.0.2.1].example "
                    + "[198.51.100.14] failed - POSSIBLE BREAK-IN ATTEMPT!");
            assertEquals("POSSIBLE BREAK-IN ATTEMPT", a.field(Field.EVENT));
            assertEquals("198.51.100.14", a.actorIp());
            ParsedEvent b = parse("Jan  9 01:02:03 gw sshd[14]: Address 198.51.100.15 maps to host.example.org, but this does "
                    + "not map back to the address - POSSIBLE BREAK-IN ATTEMPT!");
            assertEquals("POSSIBLE BREAK-IN ATTEMPT", b.field(Field.EVENT));
            assertEquals("198.51.100.15", b.actorIp());
        }

        @Test
        void preAuthenticationNoise_namesItsAddress() {
            assertEquals("203.0.113.20", parse("Jan  9 01:02:03 gw sshd[15]: Bad protocol version identification "
                    + "'GET / HTTP/1.1 from 8.8.8.8 port 1' from 203.0.113.20 port 51000").actorIp());
            assertEquals("Did not receive identification string", parse("Jan  9 01:02:03 gw sshd[16]: Did not receive "
                    + "identification string from 203.0.113.21 port 51001").field(Field.EVENT));
            ParsedEvent kex = parse("Jan  9 01:02:03 gw sshd[17]: error: kex_exchange_identification: Connection closed by "
                    + "remote host");
            assertEquals("kex_exchange_identification", kex.field(Field.EVENT));
            ParsedEvent negotiate = parse("Jan  9 01:02:03 gw sshd[18]: Unable to negotiate with 203.0.113.22 port 51002: no "
                    + "matching key exchange method found.");
            assertEquals("Unable to negotiate", negotiate.field(Field.EVENT));
            assertEquals("203.0.113.22", negotiate.actorIp());
            ParsedEvent pamError = parse("Jan  9 01:02:03 gw sshd[19]: error: PAM: Authentication failure for illegal user ops "
                    + "from 203.0.113.23");
            assertEquals("PAM: Authentication failure", pamError.field(Field.EVENT));
            assertEquals("ops", pamError.field(Field.TARGET_USER));
            assertEquals("203.0.113.23", pamError.actorIp());
            ParsedEvent refused = parse("Jan  9 01:02:03 gw sshd[20]: User root from 203.0.113.24 not allowed because listed in "
                    + "DenyUsers");
            assertEquals("User not allowed", refused.field(Field.EVENT));
            assertEquals("root", refused.field(Field.TARGET_USER));
            assertEquals("203.0.113.24", refused.actorIp());
            ParsedEvent max = parse("Jan  9 01:02:03 gw sshd[21]: error: maximum authentication attempts exceeded for invalid "
                    + "user pi from 203.0.113.25 port 51003 ssh2 [preauth]");
            assertEquals("Maximum authentication attempts exceeded", max.field(Field.EVENT));
            assertEquals("pi", max.field(Field.TARGET_USER));
        }

        @Test
        void rsyslogRepeats_areReadAsTheirMessage_withTheirCount() {
            ParsedEvent e = parse("Jan  9 01:02:03 gw sshd[22]: message repeated 5 times: [ Failed password for root from "
                    + "203.0.113.26 port 51004 ssh2]");
            assertEquals("Failed password", e.field(Field.EVENT));
            assertEquals("203.0.113.26", e.actorIp());
        }
    }

    @Nested
    class OneConnection {
        @Test
        void linesWithoutAnAddress_getTheConnectionsAddress_aHostNameNever() {
            List<ParsedEvent> lines = parseAll(
                    "Jan  9 02:00:00 gw sshd[300]: Invalid user deploy from 203.0.113.30 port 52000",
                    "Jan  9 02:00:00 gw sshd[300]: pam_unix(sshd:auth): check pass; user unknown",
                    "Jan  9 02:00:00 gw sshd[300]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                            + "ruser= rhost=host-30.example.net ",
                    "Jan  9 02:00:02 gw sshd[300]: Failed password for invalid user deploy from 203.0.113.30 port 52000 ssh2",
                    "Jan  9 02:00:05 gw sshd[300]: Disconnecting: Too many authentication failures for deploy [preauth]");
            assertEquals(List.of("203.0.113.30"), lines.stream().map(ParsedEvent::actorIp).distinct().toList());
            assertEquals("deploy", lines.get(4).field(Field.TARGET_USER));
        }

        @Test
        void aHostNameRhost_withoutSshdsOwnLine_staysWithoutActor() {
            ParsedEvent e = parseAll("Mar  3 04:10:12 web7 sshd(pam_unix)[2203]: authentication failure; logname= uid=0 "
                    + "euid=0 tty=NODEVssh ruser= rhost=dsl-77.example.net  user=admin").get(0);
            assertNull(e.actorIp());
        }

        @Test
        void aReusedPid_afterTheWindow_isAnotherConnection() {
            List<ParsedEvent> lines = parseAll(
                    "Jan  9 05:00:00 gw sshd[600]: Failed password for root from 203.0.113.60 port 1 ssh2",
                    "Jan  9 05:30:00 gw sshd[600]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                            + "ruser= rhost=other.example.net  user=root");
            assertNull(lines.get(1).actorIp(), "half an hour later the pid is no longer that connection");
        }

        @Test
        void aConnectionNamingTwoAddresses_lendsNone() {
            List<ParsedEvent> lines = parseAll(
                    "Jan  9 06:00:00 gw sshd[700]: Failed password for root from 203.0.113.70 port 1 ssh2",
                    "Jan  9 06:00:01 gw sshd[700]: Failed password for root from 203.0.113.71 port 2 ssh2",
                    "Jan  9 06:00:02 gw sshd[700]: Disconnecting: Too many authentication failures for root [preauth]");
            assertNull(lines.get(2).actorIp());
        }

        @Test
        void anotherHostsSamePid_isAnotherConnection() {
            List<ParsedEvent> lines = parseAll(
                    "Jan  9 07:00:00 gw1 sshd[800]: Failed password for root from 203.0.113.80 port 1 ssh2",
                    "Jan  9 07:00:01 gw2 sshd[800]: Disconnecting: Too many authentication failures for root [preauth]");
            assertNull(lines.get(1).actorIp());
        }
    }
}
