package dev.soctriage.guard;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The grounding guard ({@code ALLOWLIST_CIDRS}). */
@ConfigMapping(prefix = "guard")
public interface GuardConfig {
    /** Blocks never to block, added to the never-public ranges; literal CIDRs or addresses only. */
    Optional<List<String>> allowlistCidrs();
}
