package dev.soctriage.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Golden templates of real log lines (shapes from Loghub's HDFS, Linux and OpenSSH samples). */
class TemplateMinerTest {
    final TemplateMiner miner = new TemplateMiner(TemplateMiner.Config.DEFAULT);

    private String mine(List<String> lines) {
        int id = -1;
        for (String l : lines) {
            int next = miner.add(l);
            if (id >= 0) {
                assertEquals(id, next, "joined the same cluster: " + l);
            }
            id = next;
        }
        return miner.template(id);
    }

    /** Two lines of one shape join one cluster, whose template masks what varies. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "hdfsBlockLines_maskIdsSizesAndAddresses | Receiving block blk_-<NUM> src: /<IP> dest: /<IP>"
                    + " | Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010"
                    + " | Receiving block blk_-7503483334202473044 src: /10.251.215.16:55695 dest: /10.251.215.16:50010",
            "linuxSessionLines_maskTheUser | pam_unix(cron:session): session opened for user <*> by (uid=<NUM>)"
                    + " | pam_unix(cron:session): session opened for user root by (uid=0)"
                    + " | pam_unix(cron:session): session opened for user cyrus by (uid=0)",
            "sshdReverseMappingLines_maskHostAndAddress | reverse mapping checking getaddrinfo for <*> [<IP>] failed - POSSIBLE BREAK-IN ATTEMPT!"
                    + " | reverse mapping checking getaddrinfo for 191-110-93-215.dynamic.ptrs.example.net [191.110.93.215] failed - POSSIBLE BREAK-IN ATTEMPT!"
                    + " | reverse mapping checking getaddrinfo for host.example.org [203.0.113.9] failed - POSSIBLE BREAK-IN ATTEMPT!",
            "hexIdsAndUuids_areMasked | request <UUID> trace <HEX> done"
                    + " | request 2f1c1b3e-8d3a-4b6e-9d2f-0a1b2c3d4e5f trace 9f86d081884c7d65 done"
                    + " | request 7c9e6679-7425-40de-944b-e07fc1f90ae7 trace 0x1f2e3d done" })
    void goldenTemplates(String name, String template, String first, String second) {
        assertEquals(template, mine(List.of(first, second)), name);
    }

    @Test
    void differentMessages_stayApart() {
        int a = miner.add("Started Daily apt upgrade and clean activities.");
        int b = miner.add("Stopping User Manager for UID 1000...");
        assertNotEquals(a, b);
    }

    @Test
    void clusterCap_boundsTheClustersHostileInputCanMake() {
        TemplateMiner small = new TemplateMiner(new TemplateMiner.Config(0.5, 10, 80));
        for (int i = 0; i < 1000; i++) {
            small.add("w" + Integer.toString(i * 7919, 36).replaceAll("[0-9]", "q") + " alpha beta " + "zz".repeat(i % 7));
        }
        assertTrue(small.size() <= 10 + 80, "at most the cap plus one overflow cluster per length: " + small.size());
    }

    @Test
    void longLines_areReadUpToMaxTokens() {
        String[] tokens = miner.tokens("a ".repeat(10_000));
        assertEquals(TemplateMiner.Config.DEFAULT.maxTokens(), tokens.length);
        assertEquals("<…>", tokens[tokens.length - 1]);
    }

    @Test
    void dissimilarLines_costABoundedNumberOfComparisons_perRoute() {
        // given 5,000 lines of one length and first word that share nothing else
        java.util.Random r = new java.util.Random(7);
        java.util.Set<Integer> clusters = new java.util.HashSet<>();
        for (int i = 0; i < 5000; i++) {
            StringBuilder b = new StringBuilder("event");
            for (int t = 0; t < 8; t++) {
                b.append(' ').append(Long.toString(r.nextLong() & Long.MAX_VALUE, 36).replaceAll("[0-9]", "x"));
            }
            clusters.add(miner.add(b.toString()));
        }
        // then their route holds at most MAX_PER_ROUTE clusters: each line was compared with no more
        assertTrue(clusters.size() <= TemplateMiner.MAX_PER_ROUTE, clusters.size() + " clusters");
    }
}
