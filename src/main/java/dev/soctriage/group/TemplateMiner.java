package dev.soctriage.group;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Drain-style template miner (He et al., "Drain: An Online Log Parsing Approach with Fixed Depth
 * Tree", ICWS 2017): lines are masked ({@link TemplateMasks}), split into tokens, routed by token
 * count and first token to a short list of clusters, and joined to the most similar cluster when at
 * least {@link Config#similarity()} of their tokens agree; the positions that differ become
 * {@code <*>}. One miner serves one batch; its cluster ids are stable for the same input.
 */
public final class TemplateMiner {
    /** Wildcard of a template position whose values differ. */
    public static final String WILDCARD = "<*>";
    /**
     * Clusters compared per line at most: a route (token count and first token) holds no more, so a
     * line costs at most this many comparisons of {@link Config#maxTokens()} tokens however dissimilar
     * the batch; a line that matches none of a full route's clusters joins the most similar one.
     */
    static final int MAX_PER_ROUTE = 24;
    /** Characters of a line read for mining; the rest counts as one more token. */
    static final int MAX_CHARS = 4096;

    /**
     * The miner's one tunable configuration.
     *
     * @param similarity  fraction (0–1] of equal tokens needed to join a cluster (Drain3's sim_th)
     * @param maxClusters clusters per miner; beyond it a line joins its route's most similar cluster
     *                    whatever the similarity, so hostile input cannot multiply groups without bound
     * @param maxTokens   tokens read per line; the rest is one final {@code <…>} token
     */
    public record Config(double similarity, int maxClusters, int maxTokens) {
        public static final Config DEFAULT = new Config(0.5, 2_000, 80);
    }

    private final Config config;
    private final Map<String, List<Cluster>> routes = new HashMap<>();
    private final List<Cluster> clusters = new ArrayList<>();

    public TemplateMiner(Config config) {
        this.config = config;
    }

    /** Adds a line (its free text) and returns the id of the cluster it joined. */
    public int add(String text) {
        String[] tokens = tokens(text);
        String first = tokens.length == 0 ? "" : tokens[0];
        String route = tokens.length + " " + (first.indexOf('<') >= 0 ? WILDCARD : first);
        List<Cluster> candidates = routes.computeIfAbsent(route, r -> new ArrayList<>(2));
        Cluster best = null;
        double bestSim = -1;
        for (Cluster c : candidates) {
            double sim = c.similarity(tokens);
            if (sim > bestSim) {
                best = c;
                bestSim = sim;
            }
        }
        boolean full = clusters.size() >= config.maxClusters() || candidates.size() >= MAX_PER_ROUTE;
        if (best != null && (bestSim >= config.similarity() || full)) {
            best.merge(tokens);
            return best.id;
        }
        if (full) {
            // no room and no route: one shared cluster of this length's catch-all template
            return overflow(tokens.length);
        }
        Cluster c = new Cluster(clusters.size(), tokens);
        clusters.add(c);
        candidates.add(c);
        return c.id;
    }

    /** The template of a cluster as it stands now (it generalises as lines join). */
    public String template(int id) {
        return String.join(" ", clusters.get(id).template);
    }

    public int size() {
        return clusters.size();
    }

    private int overflow(int length) {
        String route = "overflow " + length;
        List<Cluster> list = routes.computeIfAbsent(route, r -> new ArrayList<>(1));
        if (list.isEmpty()) {
            String[] all = new String[length];
            java.util.Arrays.fill(all, WILDCARD);
            Cluster c = new Cluster(clusters.size(), all);
            clusters.add(c);
            list.add(c);
        }
        return list.get(0).id;
    }

    String[] tokens(String text) {
        List<String> out = new ArrayList<>(16);
        int n = Math.min(text.length(), MAX_CHARS);
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (out.size() == config.maxTokens() - 1) {
                out.add("<…>");
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.add(TemplateMasks.mask(text.substring(start, i)));
        }
        if (text.length() > MAX_CHARS && out.size() < config.maxTokens()) {
            out.add("<…>");
        }
        return out.toArray(new String[0]);
    }

    private static final class Cluster {
        final int id;
        final String[] template;

        Cluster(int id, String[] tokens) {
            this.id = id;
            this.template = tokens.clone();
        }

        double similarity(String[] tokens) {
            if (tokens.length == 0) {
                return 1;
            }
            int same = 0;
            for (int i = 0; i < tokens.length; i++) {
                if (template[i].equals(tokens[i])) {
                    same++;
                }
            }
            return (double) same / tokens.length;
        }

        void merge(String[] tokens) {
            for (int i = 0; i < tokens.length; i++) {
                if (!template[i].equals(tokens[i])) {
                    template[i] = WILDCARD;
                }
            }
        }
    }
}
