package dev.soctriage.triage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The ATT&CK technique ids this triage may put on a verdict: the ones the built-in rules use (the
 * CloudTrail pack's among them, detections/cloudtrail), and close relatives a model may reasonably
 * name. Anything else a model answers is dropped, never stored.
 */
public final class Mitre {
    static final Map<String, String> KNOWN = Map.ofEntries(
            Map.entry("T1005", "Data from Local System"),
            Map.entry("T1021.004", "Remote Services: SSH"),
            Map.entry("T1021.007", "Remote Services: Cloud Services"),
            Map.entry("T1040", "Network Sniffing"),
            Map.entry("T1046", "Network Service Discovery"),
            Map.entry("T1048", "Exfiltration Over Alternative Protocol"),
            Map.entry("T1059", "Command and Scripting Interpreter"),
            Map.entry("T1059.004", "Unix Shell"),
            Map.entry("T1059.007", "JavaScript"),
            Map.entry("T1059.009", "Command and Scripting Interpreter: Cloud API"),
            Map.entry("T1069.003", "Permission Groups Discovery: Cloud Groups"),
            Map.entry("T1070", "Indicator Removal"),
            Map.entry("T1078", "Valid Accounts"),
            Map.entry("T1078.004", "Valid Accounts: Cloud Accounts"),
            Map.entry("T1083", "File and Directory Discovery"),
            Map.entry("T1087", "Account Discovery"),
            Map.entry("T1087.004", "Account Discovery: Cloud Account"),
            Map.entry("T1098", "Account Manipulation"),
            Map.entry("T1098.001", "Additional Cloud Credentials"),
            Map.entry("T1098.003", "Additional Cloud Roles"),
            Map.entry("T1110", "Brute Force"),
            Map.entry("T1110.001", "Password Guessing"),
            Map.entry("T1110.003", "Password Spraying"),
            Map.entry("T1110.004", "Credential Stuffing"),
            Map.entry("T1136.003", "Create Account: Cloud Account"),
            Map.entry("T1189", "Drive-by Compromise"),
            Map.entry("T1190", "Exploit Public-Facing Application"),
            Map.entry("T1203", "Exploitation for Client Execution"),
            Map.entry("T1484", "Domain or Tenant Policy Modification"),
            Map.entry("T1484.002", "Trust Modification"),
            Map.entry("T1485", "Data Destruction"),
            Map.entry("T1486", "Data Encrypted for Impact"),
            Map.entry("T1490", "Inhibit System Recovery"),
            Map.entry("T1496", "Resource Hijacking"),
            Map.entry("T1498", "Network Denial of Service"),
            Map.entry("T1499", "Endpoint Denial of Service"),
            Map.entry("T1525", "Implant Internal Image"),
            Map.entry("T1526", "Cloud Service Discovery"),
            Map.entry("T1530", "Data from Cloud Storage"),
            Map.entry("T1535", "Unused/Unsupported Cloud Regions"),
            Map.entry("T1537", "Transfer Data to Cloud Account"),
            Map.entry("T1548.003", "Sudo and Sudo Caching"),
            Map.entry("T1550.001", "Use Alternate Authentication Material: Application Access Token"),
            Map.entry("T1552", "Unsecured Credentials"),
            Map.entry("T1552.001", "Credentials In Files"),
            Map.entry("T1552.005", "Cloud Instance Metadata API"),
            Map.entry("T1555.006", "Credentials from Password Stores: Cloud Secrets Management Stores"),
            Map.entry("T1556", "Modify Authentication Process"),
            Map.entry("T1556.006", "Modify Authentication Process: Multi-Factor Authentication"),
            Map.entry("T1562", "Impair Defenses"),
            Map.entry("T1562.001", "Disable or Modify Tools"),
            Map.entry("T1562.007", "Disable or Modify Cloud Firewall"),
            Map.entry("T1562.008", "Disable or Modify Cloud Logs"),
            Map.entry("T1580", "Cloud Infrastructure Discovery"),
            Map.entry("T1595", "Active Scanning"),
            Map.entry("T1595.002", "Vulnerability Scanning"),
            Map.entry("T1595.003", "Wordlist Scanning"),
            Map.entry("T1610", "Deploy Container"),
            Map.entry("T1648", "Serverless Execution"),
            Map.entry("T1651", "Cloud Administration Command"),
            Map.entry("T1666", "Modify Cloud Resource Hierarchy"));

    private Mitre() {
    }

    public static boolean isKnown(String id) {
        return id != null && KNOWN.containsKey(id);
    }

    /** The known ids of {@code ids}, in order, without duplicates. */
    public static List<String> known(List<String> ids) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            if (isKnown(id) && !out.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    /** The ids of {@code ids} that are not in the table. */
    public static List<String> unknown(List<String> ids) {
        return ids.stream().filter(id -> !isKnown(id)).toList();
    }
}
