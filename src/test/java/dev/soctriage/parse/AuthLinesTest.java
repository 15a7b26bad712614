package dev.soctriage.parse;

import static dev.soctriage.parse.Golden.golden;
import static dev.soctriage.parse.ParseFixtures.parseAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;

/** Authentication lines as Linux writes them: PAM in both spellings, sshd's vocabulary, one attempt counted once. */
class AuthLinesTest implements GoldenLines {

    static Stream<Golden> lines() {
        return GoldenLines.concat(pam(), sshdVocabulary());
    }

    static Stream<Golden> pam() {
        return Stream.of(
                golden("moduleInTheTag_oldRhelSpelling_rhostAddressIsTheActor",
                        "Mar  3 04:10:11 web7 sshd(pam_unix)[2201]: authentication failure; logname= uid=0 euid=0 "
                                + "tty=NODEVssh ruser= rhost=198.51.100.40  user=root")
                        .format(Format.SSHD).field(Field.PROGRAM, "sshd").field(Field.PID, "2201")
                        .field(Field.EVENT, "authentication failure").actorIp("198.51.100.40")
                        .field(Field.TARGET_USER, "root").noActorUser(),
                golden("moduleInTheMessage_currentSpelling_withoutUser",
                        "Mar  3 04:10:11 web7 sshd[2202]: pam_unix(sshd:auth): authentication failure; logname= uid=0 "
                                + "euid=0 tty=ssh ruser= rhost=203.0.113.61 ")
                        .actorIp("203.0.113.61").noField(Field.TARGET_USER),
                golden("aHostNameInRhost_isEvidenceNeverAnActor",
                        "Mar  3 04:10:12 web7 sshd(pam_unix)[2203]: authentication failure; logname= uid=0 euid=0 "
                                + "tty=NODEVssh ruser= rhost=dsl-77.example.net  user=admin")
                        .noActorIp().noField(Field.MENTIONED_IPS).field(Field.TARGET_USER, "admin"),
                golden("anyServicePamNames_isReadAsPam: vsftpd",
                        "Mar  3 05:00:00 files vsftpd[812]: pam_unix(vsftpd:auth): authentication failure; logname= "
                                + "uid=0 euid=0 tty=ftp ruser=carol rhost=192.0.2.200")
                        .format(Format.SYSLOG).field(Field.PROGRAM, "vsftpd").actorIp("192.0.2.200")
                        .because("a remote service's ruser is the account tried").field(Field.TARGET_USER, "carol").noActorUser(),
                golden("anyServicePamNames_isReadAsPam: dovecot",
                        "Mar  3 05:00:01 mail dovecot[77]: pam_unix(dovecot:auth): authentication failure; logname= "
                                + "uid=0 euid=0 tty=dovecot ruser=dave rhost=198.51.100.3  user=dave")
                        .format(Format.SYSLOG).actorIp("198.51.100.3").field(Field.TARGET_USER, "dave"),
                golden("anyServicePamNames_isReadAsPam: cupsd, old spelling",
                        "Mar  3 05:00:02 print cupsd(pam_unix)[90]: authentication failure; logname= uid=4 euid=4 "
                                + "tty=cups ruser= rhost=203.0.113.12  user=lp")
                        .format(Format.SYSLOG).field(Field.PROGRAM, "cupsd").actorIp("203.0.113.12"),
                golden("anyServicePamNames_isReadAsPam: console login",
                        "Mar  3 05:00:03 box login[31]: pam_unix(login:auth): authentication failure; logname=LOGIN "
                                + "uid=0 euid=0 tty=tty1 ruser= rhost=  user=erin")
                        .format(Format.SYSLOG).noActorIp().because("a console login names the account tried, no actor")
                        .noActorUser().field(Field.TARGET_USER, "erin"),
                golden("su_theLocalUserAskingIsTheActor_theAccountAskedForIsTheTarget: auth",
                        "Mar  3 06:00:00 box su[4410]: pam_unix(su:auth): authentication failure; logname=frank "
                                + "uid=1001 euid=0 tty=pts/2 ruser=frank rhost=  user=root")
                        .format(Format.SYSLOG).actorUser("frank").field(Field.TARGET_USER, "root"),
                golden("su_theLocalUserAskingIsTheActor_theAccountAskedForIsTheTarget: session",
                        "Mar  3 06:00:05 box su(pam_unix)[4411]: session opened for user news by (uid=0)")
                        .field(Field.EVENT, "session opened").field(Field.TARGET_USER, "news").noActorUser(),
                golden("aUserNameImitatingRhost_leavesTheLineWithoutActor",
                        "Mar  3 05:00:00 files vsftpd[812]: pam_unix(vsftpd:auth): authentication failure; logname= "
                                + "uid=0 euid=0 tty=ftp ruser=x rhost=8.8.8.8 rhost=192.0.2.200  user=x rhost=8.8.8.8")
                        .noActorIp());
    }

    static Stream<Golden> sshdVocabulary() {
        return Stream.of(
                golden("invalidUserWithoutPort_andIllegalUserOfOldSshd: invalid user without port",
                        "Jan  9 01:02:03 gw sshd[11]: Invalid user backup from 203.0.113.90")
                        .field(Field.EVENT, "Invalid user").actorIp("203.0.113.90").field(Field.TARGET_USER, "backup"),
                golden("invalidUserWithoutPort_andIllegalUserOfOldSshd: illegal user",
                        "Jan  9 01:02:03 gw sshd[12]: Failed password for illegal user guest from 203.0.113.91 port 4000 ssh2")
                        .field(Field.EVENT, "Failed password").field(Field.TARGET_USER, "guest").actorIp("203.0.113.91"),
                golden("breakInWarning_namesTheConnectingAddress_notTheSendersDns: reverse mapping",
                        "Jan  9 01:02:03 gw sshd[13]: reverse mapping checking getaddrinfo for mail.[192.0.2.1].example "
                                + "[198.51.100.14] failed - POSSIBLE BREAK-IN ATTEMPT!")
                        .field(Field.EVENT, "POSSIBLE BREAK-IN ATTEMPT").actorIp("198.51.100.14"),
                golden("breakInWarning_namesTheConnectingAddress_notTheSendersDns: address maps",
                        "Jan  9 01:02:03 gw sshd[14]: Address 198.51.100.15 maps to host.example.org, but this does "
                                + "not map back to the address - POSSIBLE BREAK-IN ATTEMPT!")
                        .field(Field.EVENT, "POSSIBLE BREAK-IN ATTEMPT").actorIp("198.51.100.15"),
                golden("preAuthenticationNoise_namesItsAddress: bad protocol version",
                        "Jan  9 01:02:03 gw sshd[15]: Bad protocol version identification "
                                + "'GET / HTTP/1.1 from 8.8.8.8 port 1' from 203.0.113.20 port 51000")
                        .actorIp("203.0.113.20"),
                golden("preAuthenticationNoise_namesItsAddress: no identification string",
                        "Jan  9 01:02:03 gw sshd[16]: Did not receive identification string from 203.0.113.21 port 51001")
                        .field(Field.EVENT, "Did not receive identification string"),
                golden("preAuthenticationNoise_namesItsAddress: kex_exchange_identification",
                        "Jan  9 01:02:03 gw sshd[17]: error: kex_exchange_identification: Connection closed by remote host")
                        .field(Field.EVENT, "kex_exchange_identification"),
                golden("preAuthenticationNoise_namesItsAddress: unable to negotiate",
                        "Jan  9 01:02:03 gw sshd[18]: Unable to negotiate with 203.0.113.22 port 51002: no "
                                + "matching key exchange method found.")
                        .field(Field.EVENT, "Unable to negotiate").actorIp("203.0.113.22"),
                golden("preAuthenticationNoise_namesItsAddress: PAM error",
                        "Jan  9 01:02:03 gw sshd[19]: error: PAM: Authentication failure for illegal user ops from 203.0.113.23")
                        .field(Field.EVENT, "PAM: Authentication failure").field(Field.TARGET_USER, "ops").actorIp("203.0.113.23"),
                golden("preAuthenticationNoise_namesItsAddress: DenyUsers",
                        "Jan  9 01:02:03 gw sshd[20]: User root from 203.0.113.24 not allowed because listed in DenyUsers")
                        .field(Field.EVENT, "User not allowed").field(Field.TARGET_USER, "root").actorIp("203.0.113.24"),
                golden("preAuthenticationNoise_namesItsAddress: maximum attempts",
                        "Jan  9 01:02:03 gw sshd[21]: error: maximum authentication attempts exceeded for invalid "
                                + "user pi from 203.0.113.25 port 51003 ssh2 [preauth]")
                        .field(Field.EVENT, "Maximum authentication attempts exceeded").field(Field.TARGET_USER, "pi"),
                golden("rsyslogRepeats_areReadAsTheirMessage_withTheirCount",
                        "Jan  9 01:02:03 gw sshd[22]: message repeated 5 times: [ Failed password for root from "
                                + "203.0.113.26 port 51004 ssh2]")
                        .field(Field.EVENT, "Failed password").actorIp("203.0.113.26"));
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
