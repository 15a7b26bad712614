package dev.soctriage.parse;

import java.time.Instant;
import java.util.Set;

import dev.soctriage.model.Field;
import dev.soctriage.model.Format;
import dev.soctriage.net.Ips;

/**
 * VPC Flow Logs: the default version 2 format
 * ({@code version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status})
 * and custom formats, whose field names come from the header line that starts each S3 file (one
 * header per source: see {@link Parsers#parseAll}). The actor is srcaddr.
 */
final class VpcFlow {
    static final String[] DEFAULT = {"version", "account-id", "interface-id", "srcaddr", "dstaddr", "srcport", "dstport",
            "protocol", "packets", "bytes", "start", "end", "action", "log-status"};
    private static final Set<String> KNOWN = Set.of("version", "account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status", "vpc-id",
            "subnet-id", "instance-id", "tcp-flags", "type", "pkt-srcaddr", "pkt-dstaddr", "region", "az-id",
            "sublocation-type", "sublocation-id", "pkt-src-aws-service", "pkt-dst-aws-service", "flow-direction",
            "traffic-path", "ecs-cluster-arn", "ecs-cluster-name", "ecs-container-instance-arn",
            "ecs-container-instance-id", "ecs-container-id", "ecs-second-container-id", "ecs-service-name",
            "ecs-task-definition-arn", "ecs-task-arn", "ecs-task-id", "reject-reason", "resource-id",
            "encryption-status");

    private VpcFlow() {
    }

    /** The field names when the line is a flow log header (known names only, srcaddr among them), else null. */
    static String[] header(String s) {
        if (!s.contains("srcaddr")) {
            return null;
        }
        String[] names = s.strip().split(" +");
        for (String name : names) {
            String bare = name.startsWith("${") && name.endsWith("}") ? name.substring(2, name.length() - 1) : name;
            if (!KNOWN.contains(bare)) {
                return null;
            }
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith("${")) {
                names[i] = names[i].substring(2, names[i].length() - 1);
            }
        }
        return names;
    }

    /** A record in the given field order (or, without a header, in the default order when it has its shape). */
    static boolean parse(Parsed p, String[] names) {
        String s = p.line.strip();
        int expected = names == null ? DEFAULT.length : names.length;
        if (spaces(s) != expected - 1) {
            return false;
        }
        String[] v = s.split(" ");
        if (names == null) {
            if (v.length != DEFAULT.length || !defaultShape(v)) {
                return false;
            }
            names = DEFAULT;
        } else if (v.length != names.length) {
            return false;
        }
        String src = null;
        String dst = null;
        String action = null;
        for (int i = 0; i < names.length; i++) {
            String value = v[i];
            switch (names[i]) {
                case "srcaddr" -> src = value;
                case "dstaddr" -> dst = value;
                case "srcport" -> p.put(Field.SRC_PORT, value);
                case "dstport" -> p.put(Field.DST_PORT, value);
                case "protocol" -> p.put(Field.PROTOCOL, protocol(value));
                case "bytes" -> p.put(Field.BYTES, value);
                case "action" -> action = value;
                case "account-id" -> p.put(Field.ACCOUNT, value);
                case "region" -> p.put(Field.REGION, value);
                case "start" -> p.time = epochSeconds(value);
                default -> {
                }
            }
        }
        String actor = Ips.canonical(src);
        if (actor == null && !"-".equals(src)) {
            return false;
        }
        p.format = Format.VPC_FLOW;
        p.actorIp = actor;
        p.put(Field.DST_IP, Ips.canonical(dst));
        p.put(Field.OUTCOME, action);
        p.put(Field.EVENT, action);
        return true;
    }

    private static int spaces(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    private static boolean defaultShape(String[] v) {
        return v[0].length() == 1 && v[0].charAt(0) >= '2' && v[0].charAt(0) <= '9'
                && (v[2].startsWith("eni-") || v[2].equals("-"))
                && (v[12].equals("ACCEPT") || v[12].equals("REJECT") || v[12].equals("-"))
                && (v[13].equals("OK") || v[13].equals("NODATA") || v[13].equals("SKIPDATA"));
    }

    /** IANA protocol numbers for the common ones; others stay numbers. */
    static String protocol(String number) {
        return switch (number) {
            case "6" -> "tcp";
            case "17" -> "udp";
            case "1" -> "icmp";
            case "58" -> "icmpv6";
            case "47" -> "gre";
            case "50" -> "esp";
            default -> number;
        };
    }

    private static Instant epochSeconds(String v) {
        if (v.isEmpty() || v.length() > 11 || Times.num(v, 0, v.length()) < 0) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(v));
    }
}
