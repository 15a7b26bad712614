package dev.soctriage.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic mixed corpus of every supported format, each line marked attack or benign.
 *
 * <p>Framings: sshd attack lines come as RFC 3164, RFC 5424 and CloudWatch-prefixed RFC 3164; a quarter of
 * the access log lines carry a leading vhost. VPC records use the default v2 format (a custom format
 * needs its own source, whose header line would apply to every line of a mixed batch).
 *
 * <p>Actor pools (benign / attack), per format: sshd 2 admins / 3 brute-forcing addresses; sudo 2
 * users / 1 user probing sudo; access log {@code webClients} clients / 2 injecting clients; ALB
 * {@code webClients} clients / 1; CloudTrail 4 principals / a console password-guesser and a stolen
 * key; VPC 5 internal sources / 1 port scanner; WAF 4 clients / 1 blocked client; JSON app 4 users /
 * 1 credential stuffer; logfmt 3 users; syslog and text without actors.
 */
public final class Corpus {
    /** One line as delivered (UTF-8 bytes) and the corpus's truth about it. */
    public record Line(byte[] bytes, boolean attack) {
    }

    private static final DateTimeFormatter BSD = DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLF = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String[] ATTACKERS = {"203.0.113.7", "198.51.100.23", "2001:db8:bad::66"};
    private static final String[] WEB_ATTACKERS = {"203.0.113.50", "198.51.100.77"};
    private static final String[] PAYLOADS = {"/products?id=1%27%20UNION%20SELECT%20username,password%20FROM%20users--",
            "/search?q=%3Cscript%3Ealert(document.cookie)%3C/script%3E", "/download?file=../../../../etc/passwd",
            "/item?id=1%27%20OR%20%271%27=%271"};
    private static final String[] PAGES = {"/", "/products", "/products/42", "/cart", "/static/app.js", "/static/site.css",
            "/api/v1/items?page=2", "/login", "/account", "/favicon.ico"};
    private static final String[] AGENTS = {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 Version/18.1 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0"};

    private final Random r;
    private final String[] webClients;
    private Instant t = Instant.parse("2026-11-24T10:00:00Z");

    public Corpus(long seed, int webClients) {
        this.r = new Random(seed);
        this.webClients = new String[webClients];
        for (int i = 0; i < webClients; i++) {
            this.webClients[i] = i % 4 == 3 ? "2001:db8:" + Integer.toHexString(0x100 + i) + "::" + (i + 1)
                    : "192.0.2." + (i % 250 + 1);
        }
    }

    public List<Line> lines(int n) {
        List<Line> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            t = t.plusMillis(50 + r.nextInt(100));
            out.add(next());
        }
        return out;
    }

    /** One line of a format drawn by weight (per 1000: attack lines ≈ 29 %, as in a noisy day). */
    private Line next() {
        int k = r.nextInt(1000);
        if (k < 60) {
            return benign(sshdBenign());
        } else if (k < 230) {
            return attack(sshdAttack());
        } else if (k < 250) {
            return benign(sudo());
        } else if (k < 252) {
            return attack(sudoAttack());
        } else if (k < 320) {
            return benign(syslog());
        } else if (k < 490) {
            return benign(access(pick(webClients), pick(PAGES)));
        } else if (k < 520) {
            return attack(access(pick(WEB_ATTACKERS), pick(PAYLOADS)));
        } else if (k < 640) {
            return benign(alb(pick(webClients), pick(PAGES)));
        } else if (k < 655) {
            return attack(alb("2001:db8:bad::99", pick(PAYLOADS)));
        } else if (k < 725) {
            return benign(cloudTrailBenign());
        } else if (k < 735) {
            return attack(cloudTrailAttack());
        } else if (k < 815) {
            return benign(vpcBenign());
        } else if (k < 855) {
            return attack(vpcScan());
        } else if (k < 880) {
            return benign(waf("ALLOW", "Default_Action", pick(new String[] {"192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13"}), pick(PAGES)));
        } else if (k < 890) {
            return attack(waf("BLOCK", "AWS-AWSManagedRulesSQLiRuleSet", "203.0.113.50", PAYLOADS[0]));
        } else if (k < 935) {
            return benign(jsonApp());
        } else if (k < 945) {
            return attack(jsonStuffing());
        } else if (k < 985) {
            return benign(logfmt());
        } else {
            return benign(text());
        }
    }

    private String sshdBenign() {
        String admin = r.nextBoolean() ? "192.0.2.200" : "192.0.2.201";
        String head = BSD.format(t) + " bastion sshd[" + (2000 + r.nextInt(30000)) + "]: ";
        return switch (r.nextInt(3)) {
            case 0 -> head + "Accepted publickey for ec2-user from " + admin + " port " + port() + " ssh2: ED25519 SHA256:Xk3b9fQ2mZ0yq1sXvA7nJ8cR5tL4hW6eP0oU2iD9gKc";
            case 1 -> head + "pam_unix(sshd:session): session opened for user ec2-user(uid=1000) by (uid=0)";
            default -> head + "pam_unix(sshd:session): session closed for user ec2-user";
        };
    }

    private String sshdAttack() {
        String ip = pick(ATTACKERS);
        String user = pick(new String[] {"admin", "oracle", "test", "ubuntu", "postgres", "git", "user", "ftpuser"})
                + (r.nextInt(4) == 0 ? Integer.toString(r.nextInt(100)) : "");
        int pid = 2000 + r.nextInt(30000);
        // the three framings: RFC 3164, RFC 5424, and RFC 3164 behind a CloudWatch export timestamp
        String head = switch (r.nextInt(3)) {
            case 0 -> BSD.format(t) + " bastion sshd[" + pid + "]: ";
            case 1 -> "<38>1 " + t + " bastion sshd " + pid + " - - ";
            default -> t + " " + BSD.format(t) + " bastion sshd[" + pid + "]: ";
        };
        return head + switch (r.nextInt(5)) {
            case 0 -> "Invalid user " + user + " from " + ip + " port " + port();
            case 1 -> "Failed password for invalid user " + user + " from " + ip + " port " + port() + " ssh2";
            case 2 -> "Failed password for root from " + ip + " port " + port() + " ssh2";
            case 3 -> "Connection closed by invalid user " + user + " " + ip + " port " + port() + " [preauth]";
            default -> "Received disconnect from " + ip + " port " + port() + ":11: Bye Bye [preauth]";
        };
    }

    private String sudo() {
        String user = r.nextBoolean() ? "alice" : "deploy";
        return BSD.format(t) + " bastion sudo:    " + user + " : TTY=pts/" + r.nextInt(3) + " ; PWD=/home/" + user
                + " ; USER=root ; COMMAND=" + pick(new String[] {"/usr/bin/systemctl restart nginx", "/usr/bin/apt-get update",
                        "/usr/bin/journalctl -u app"});
    }

    private String sudoAttack() {
        return BSD.format(t) + " bastion sudo:  mallory : user NOT in sudoers ; TTY=pts/4 ; PWD=/tmp ; USER=root ; COMMAND=/bin/cat /etc/shadow";
    }

    private String syslog() {
        String head = BSD.format(t) + " ip-10-0-1-5 ";
        return switch (r.nextInt(5)) {
            case 0 -> head + "CRON[" + (3000 + r.nextInt(9000)) + "]: (root) CMD (/usr/local/bin/rotate --keep " + (r.nextInt(9) + 1) + ")";
            case 1 -> head + "systemd[1]: Started Session " + r.nextInt(5000) + " of User ec2-user.";
            case 2 -> head + "systemd[1]: logrotate.service: Deactivated successfully.";
            case 3 -> head + "kernel: [" + r.nextInt(900000) + "." + r.nextInt(999999) + "] TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.";
            default -> head + "amazon-ssm-agent[" + (400 + r.nextInt(50)) + "]: INFO [ssm-agent-worker] [MessagingDeliveryService] Sending reply " + java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) r.nextInt()});
        };
    }

    private String access(String client, String path) {
        boolean post = path.equals("/login") && r.nextBoolean();
        int status = path.startsWith("/static") && r.nextInt(3) == 0 ? 304 : path.equals("/account") && r.nextInt(4) == 0 ? 302 : 200;
        return (r.nextInt(4) == 0 ? "shop.example.com:443 " : "") + client + " - - [" + CLF.format(t) + "] \"" + (post ? "POST" : "GET") + " " + path + " HTTP/1.1\" " + status + " "
                + (status == 304 ? "-" : Integer.toString(200 + r.nextInt(40000))) + " \"https://shop.example.com/\" \"" + pick(AGENTS) + "\"";
    }

    private String alb(String client, String path) {
        String ts = t.toString();
        return "https " + ts + " app/shop-alb/50dc6c495c0c9188 " + client + ":" + port() + " 10.0.3.17:8080 0.001 0."
                + (10 + r.nextInt(80)) + " 0.000 200 200 " + (300 + r.nextInt(500)) + " " + (500 + r.nextInt(30000)) + " \"GET https://shop.example.com:443"
                + path + " HTTP/1.1\" \"" + pick(AGENTS) + "\" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 "
                + "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/shop/73e2d6bc24d8a067 \"Root=1-6743"
                + Integer.toHexString(r.nextInt()) + "-1d84f3d73c47ec4e58577259\" \"shop.example.com\" "
                + "\"arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012\" 0 " + ts
                + " \"forward\" \"-\" \"-\" \"10.0.3.17:8080\" \"200\" \"-\" \"-\" TID_" + Integer.toHexString(r.nextInt());
    }

    private String cloudTrailBenign() {
        String[] users = {"ci-deployer", "alice", "bob", "monitoring"};
        int u = r.nextInt(users.length);
        String[][] events = {{"s3.amazonaws.com", "GetObject"}, {"ec2.amazonaws.com", "DescribeInstances"},
                {"sts.amazonaws.com", "GetCallerIdentity"}};
        String[] e = pick(events);
        return cloudTrail(users[u], "192.0.2." + (100 + u), e[0], e[1], null, "{\"maxResults\":" + (r.nextInt(50) + 1) + "}", null);
    }

    private String cloudTrailAttack() {
        if (r.nextBoolean()) {
            return cloudTrail("root", "198.51.100.23", "signin.amazonaws.com", "ConsoleLogin", null, null, "Failure");
        }
        String[] e = pick(new String[][] {{"CreateUser", "{\"userName\":\"svc-backup2\"}"},
                {"AttachUserPolicy", "{\"userName\":\"svc-backup2\",\"policyArn\":\"arn:aws:iam::aws:policy/AdministratorAccess\"}"},
                {"CreateAccessKey", "{\"userName\":\"svc-backup2\"}"}});
        return cloudTrail("ci-deployer", "198.51.100.23", "iam.amazonaws.com", e[0], r.nextInt(3) == 0 ? "AccessDenied" : null, e[1], null);
    }

    private String cloudTrail(String user, String ip, String source, String event, String error, String params, String login) {
        String identity = user.equals("root")
                ? "{\"type\":\"Root\",\"principalId\":\"123456789012\",\"arn\":\"arn:aws:iam::123456789012:root\",\"accountId\":\"123456789012\"}"
                : "{\"type\":\"IAMUser\",\"principalId\":\"AIDA" + Integer.toHexString(user.hashCode()).toUpperCase(Locale.ROOT)
                        + "\",\"arn\":\"arn:aws:iam::123456789012:user/" + user + "\",\"accountId\":\"123456789012\",\"accessKeyId\":\"ASIAIOSFODNN7EXAMPLE\",\"userName\":\"" + user + "\"}";
        return "{\"eventVersion\":\"1.09\",\"userIdentity\":" + identity + ",\"eventTime\":\"" + t.toString().replaceAll("\\.\\d+Z", "Z")
                + "\",\"eventSource\":\"" + source + "\",\"eventName\":\"" + event + "\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"" + ip
                + "\",\"userAgent\":\"aws-cli/2.22.0 Python/3.12.6 Linux/6.1\"" + (error == null ? "" : ",\"errorCode\":\"" + error + "\",\"errorMessage\":\"User is not authorized\"")
                + ",\"requestParameters\":" + (params == null ? "null" : params) + ",\"responseElements\":"
                + (login == null ? "null" : "{\"ConsoleLogin\":\"" + login + "\"}") + ",\"requestID\":\"" + java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) r.nextInt(), (byte) r.nextInt()})
                + "\",\"eventID\":\"" + java.util.UUID.nameUUIDFromBytes(new byte[] {(byte) r.nextInt(), 1}) + "\",\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"123456789012\"}";
    }

    private String vpcBenign() {
        long start = t.getEpochSecond();
        return "2 123456789012 eni-0a1b2c3d4e5f6a7b8 10.0.1." + (10 + r.nextInt(5)) + " 10.0.2.20 " + port() + " "
                + pick(new String[] {"443", "5432", "6379"}) + " 6 " + (5 + r.nextInt(50)) + " " + (500 + r.nextInt(90000)) + " " + start + " " + (start + 60) + " ACCEPT OK";
    }

    private String vpcScan() {
        long start = t.getEpochSecond();
        return "2 123456789012 eni-0a1b2c3d4e5f6a7b8 203.0.113.12 10.0.1.5 " + port() + " " + (1 + r.nextInt(10000)) + " 6 1 44 " + start + " " + (start + 60) + " REJECT OK";
    }

    private String waf(String action, String rule, String ip, String uri) {
        int q = uri.indexOf('?');
        return "{\"timestamp\":" + t.toEpochMilli() + ",\"formatVersion\":1,\"webaclId\":\"arn:aws:wafv2:us-east-1:123456789012:regional/webacl/shop/1\",\"terminatingRuleId\":\"" + rule
                + "\",\"terminatingRuleType\":\"" + (action.equals("BLOCK") ? "MANAGED_RULE_GROUP" : "REGULAR") + "\",\"action\":\"" + action
                + "\",\"httpSourceName\":\"ALB\",\"httpRequest\":{\"clientIp\":\"" + ip + "\",\"country\":\"NL\",\"headers\":[{\"name\":\"Host\",\"value\":\"shop.example.com\"},{\"name\":\"User-Agent\",\"value\":\""
                + (action.equals("BLOCK") ? "sqlmap/1.8.11#stable (https://sqlmap.org)" : pick(AGENTS)) + "\"}],\"uri\":\"" + (q < 0 ? uri : uri.substring(0, q))
                + "\",\"args\":\"" + (q < 0 ? "" : uri.substring(q + 1)) + "\",\"httpVersion\":\"HTTP/1.1\",\"httpMethod\":\"GET\",\"requestId\":\"" + Integer.toHexString(r.nextInt()) + "\"}}";
    }

    private String jsonApp() {
        String user = pick(new String[] {"u-1001", "u-1002", "u-1003", "u-1004"});
        String ip = "192.0.2." + (50 + user.charAt(5) - '0');
        String msg = r.nextBoolean() ? "order " + (10000 + r.nextInt(90000)) + " placed, total " + r.nextInt(500) + "." + r.nextInt(99) + " EUR"
                : "user logged in";
        return "{\"time\":\"" + t + "\",\"level\":\"info\",\"msg\":\"" + msg + "\",\"user_id\":\"" + user + "\",\"client_ip\":\"" + ip + "\",\"req_id\":\"" + Integer.toHexString(r.nextInt()) + "\"}";
    }

    private String jsonStuffing() {
        return "{\"time\":\"" + t + "\",\"level\":\"warn\",\"msg\":\"login failed: bad password for " + "user" + r.nextInt(100000)
                + "@example.com\",\"client_ip\":\"198.51.100.200\",\"req_id\":\"" + Integer.toHexString(r.nextInt()) + "\"}";
    }

    private String logfmt() {
        String user = pick(new String[] {"carol", "dave", "erin"});
        return "time=" + t + " level=info msg=\"cache refresh done\" user=" + user + " duration_ms=" + r.nextInt(900) + " keys=" + r.nextInt(10000);
    }

    private String text() {
        return switch (r.nextInt(3)) {
            case 0 -> "WARNING: worker " + r.nextInt(16) + " restarted after " + r.nextInt(100) + " jobs";
            case 1 -> "health check ok in " + r.nextInt(40) + " ms from 10.0.0." + r.nextInt(255);
            default -> "backup to s3://backups-123456789012/db/" + t.getEpochSecond() + ".sql.gz complete";
        };
    }

    private int port() {
        return 1024 + r.nextInt(64000);
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    private static Line benign(String s) {
        return new Line(s.getBytes(StandardCharsets.UTF_8), false);
    }

    private static Line attack(String s) {
        return new Line(s.getBytes(StandardCharsets.UTF_8), true);
    }
}
