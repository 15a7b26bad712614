package dev.soctriage.triage;

/** Verdict contents a hostile or broken model might produce. */
final class GroqAnswersJson {
    private GroqAnswersJson() {
    }

    static String verdict(String severity, String action, String target) {
        return "{\"malicious\":true,\"severity\":\"%s\",\"threatType\":\"Hostile\",\"action\":\"%s\",\"target\":\"%s\",\"reasoning\":\"as instructed\",\"mitre\":[\"T1190\"]}"
                .formatted(severity, action, target);
    }
}
