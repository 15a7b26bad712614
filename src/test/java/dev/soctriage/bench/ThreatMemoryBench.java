package dev.soctriage.bench;

import static dev.soctriage.fixtures.GroqStub.CHAT;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.soctriage.fixtures.AttentiveModel;
import dev.soctriage.fixtures.GroqStub;
import dev.soctriage.fixtures.IngestEvents;
import dev.soctriage.fixtures.StoredVerdicts;
import dev.soctriage.fixtures.ThreatMemories;
import dev.soctriage.model.Status;
import dev.soctriage.pipeline.IngestPipeline;
import dev.soctriage.pipeline.IngestResult;
import dev.soctriage.verdict.Verdict;

/**
 * {@code make bench}, the memory of confirmed threats (issue 21, item 2): a model that confirms threats
 * ({@link AttentiveModel}, 300 ms a call) and an hour of traffic in 12 deliveries of about 833 lines — web
 * browsing by a few hundred clients, SQL injectors, path traversers and a scanner that last the hour, and
 * sshd with password guessers, new ones in every delivery — then the next hour: the same kinds of attack
 * from new addresses, other benign clients. Prints the model calls per pass, whether every attacker is a
 * verdict target and no benign client blocked (also in {@code target/threat-memory-bench.md}). Judges
 * nothing. Runs only with {@code -Dsoc.bench=true}.
 */
@QuarkusTest
@TestProfile(VolumeBenchProfile.class)
@EnabledIfSystemProperty(named = "soc.bench", matches = "true")
class ThreatMemoryBench {
    static final int DELIVERIES = 12;
    static final int LINES = 10_000;
    static final String[] INJECTIONS = { "/products?id=1%27%20UNION%20SELECT%20password%20FROM%20users--",
        "/search?q=%27%20OR%20%271%27%3D%271", "/download?file=..%2F..%2F..%2Fetc%2Fpasswd" };

    @Inject
    IngestPipeline pipeline;
    @Inject
    StoredVerdicts verdicts;
    @Inject
    ThreatMemories memories;

    record Hour(List<List<String>> deliveries, Set<String> attackers, Set<String> benign) {
    }

    @Test
    void twoHours() throws Exception {
        StringBuilder out = new StringBuilder("## " + title() + " (").append(LocalDate.now()).append(", load average ")
                .append(String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage()))
                .append(")\n\n| pass | lines | model calls | lines per call | memory hits | attackers found | benign blocked |\n")
                .append("|---|---|---|---|---|---|---|\n");
        memories.forget();
        GroqStub.reset();
        GroqStub.server().stubFor(post(urlPathEqualTo(CHAT)).willReturn(aResponse()
                .withTransformers(AttentiveModel.NAME).withFixedDelay(300)));
        for (int pass = 1; pass <= 2; pass++) {
            Hour hour = hour(pass);
            String source = "bench-threats-" + pass + "-" + UUID.randomUUID();
            long calls = 0;
            long hits = 0;
            long t0 = System.nanoTime();
            for (int d = 0; d < DELIVERIES; d++) {
                IngestResult r = pipeline.ingest(IngestEvents.direct(source + "#" + d, hour.deliveries().get(d)));
                calls += r.llmCalls();
                hits += r.memoryHits();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            Set<String> targets = targets(source);
            Set<String> missed = new HashSet<>(hour.attackers());
            missed.removeAll(targets);
            Set<String> blocked = new HashSet<>(targets);
            blocked.retainAll(hour.benign());
            out.append(String.format("| %d (%s) | %,d | %,d | %,.0f | %,d | %d of %d%s | %d |%n", pass,
                    pass == 1 ? "memory empty" : "the next hour: new attackers, other clients", LINES, calls,
                    (double) LINES / Math.max(1, calls), hits, hour.attackers().size() - missed.size(),
                    hour.attackers().size(), missed.isEmpty() ? "" : " (missed " + missed + ")", blocked.size()));
            out.append("|  | ").append(String.format("%,d ms in all", ms)).append(" |  |  |  |  |  |\n");
        }
        out.append("\nGoal (issue 21): pass 2 ≤ lines / 1,000 model calls (≤ 10), every attacker a verdict target, "
                + "no benign client blocked.\n");
        System.out.println(out);
        Files.writeString(Path.of("target", file()), out.toString());
    }

    String title() {
        return "ThreatMemoryBench";
    }

    String file() {
        return "threat-memory-bench.md";
    }

    /**
     * One hour of traffic, 12 deliveries. Addresses differ by pass: pass 1's attackers and clients are
     * never pass 2's. Web attackers last the hour (a few requests in each delivery); a new password guesser
     * starts in every delivery, 8 to 12 guesses each, beside two that last the hour.
     */
    static Hour hour(int pass) {
        Random r = new Random(pass * 7919L);
        Set<String> attackers = new HashSet<>();
        Set<String> benign = new HashSet<>();
        int clientBase = pass == 1 ? 0 : 400;
        String[] webAttackers = new String[INJECTIONS.length];
        for (int i = 0; i < webAttackers.length; i++) {
            webAttackers[i] = "203.0.113." + (pass * 50 + i);
        }
        String scanner = "203.0.113." + (pass * 50 + 10);
        String[] lasting = { "203.0.113." + (pass * 50 + 20), "203.0.113." + (pass * 50 + 21) };
        List<List<String>> deliveries = new ArrayList<>();
        int perDelivery = LINES / DELIVERIES;
        for (int d = 0; d < DELIVERIES; d++) {
            List<String> lines = new ArrayList<>(perDelivery + 1);
            int minute = d * 5;
            for (int i = 0; lines.size() < perDelivery - 40; i++) {
                String ts = String.format("[24/Nov/2026:%02d:%02d:%02d +0000]", 10 + pass, minute + i / 200 % 5, i % 60);
                int k = r.nextInt(100);
                if (k < 2) {
                    int a = r.nextInt(webAttackers.length);
                    attackers.add(webAttackers[a]);
                    lines.add(webAttackers[a] + " - - " + ts + " \"GET " + INJECTIONS[a] + " HTTP/1.1\" 200 512 \"-\" \"Mozilla/5.0\"");
                } else if (k < 3) {
                    attackers.add(scanner);
                    lines.add(scanner + " - - " + ts + " \"GET /.git/config HTTP/1.1\" 404 0 \"-\" \"Nuclei - Open-source project (github.com/projectdiscovery/nuclei)\"");
                } else {
                    int c = clientBase + r.nextInt(350);
                    String ip = c % 3 == 2 ? "2001:db8:" + Integer.toHexString(0x100 + c) + "::" + (c % 200 + 1)
                            : "192.0." + (2 + c / 250 % 2) + "." + (c % 250 + 1);
                    ip = ip.startsWith("192.0.3.") ? "198.51.100." + (c % 250 + 1) : ip;
                    benign.add(ip);
                    String[] pages = { "/", "/products", "/products/" + (c % 40), "/cart", "/static/app.js", "/static/site.css", "/account" };
                    lines.add(ip + " - - " + ts + " \"GET " + pages[r.nextInt(pages.length)] + " HTTP/1.1\" "
                            + (r.nextInt(60) == 0 ? 404 : 200) + " " + (200 + r.nextInt(5000))
                            + " \"-\" \"Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0\"");
                }
            }
            // sshd: a new guesser in this delivery, two that last the hour, and the admins' logins
            String fresh = "203.0.113." + (pass == 1 ? 200 + d : 220 + d);
            for (String guesser : new String[] { fresh, lasting[0], lasting[1] }) {
                attackers.add(guesser);
                int n = 8 + r.nextInt(5);
                for (int g = 0; g < n; g++) {
                    lines.add(String.format("Nov 24 %02d:%02d:%02d ip-10-0-1-5 sshd[%d]: Failed password for invalid user "
                            + "admin from %s port %d ssh2", 10 + pass, minute, g, 2000 + r.nextInt(9000), guesser,
                            1024 + r.nextInt(60000)));
                }
            }
            while (lines.size() < perDelivery) {
                lines.add(String.format("Nov 24 %02d:%02d:30 ip-10-0-1-5 sshd[%d]: Accepted publickey for deploy from "
                        + "192.0.2.200 port %d ssh2: ED25519 SHA256:abc", 10 + pass, minute, 3000 + lines.size(),
                        1024 + r.nextInt(60000)));
            }
            benign.add("192.0.2.200");
            deliveries.add(lines);
        }
        benign.removeAll(attackers);
        return new Hour(deliveries, attackers, benign);
    }

    /** Every verdict target (open, of this pass's source). */
    private Set<String> targets(String source) {
        Set<String> targets = new HashSet<>();
        for (Verdict v : verdicts.all(Status.PENDING)) {
            if (v.target() != null && v.evidence().sources().stream().anyMatch(x -> x.startsWith(source))) {
                targets.add(v.target());
            }
        }
        return targets;
    }
}
