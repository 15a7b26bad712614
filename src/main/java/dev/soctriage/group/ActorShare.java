package dev.soctriage.group;

import java.util.List;

import dev.soctriage.parse.ParsedEvent;

/**
 * One actor's part of a cross-actor group: how many of the group's events it made, and a few of
 * them verbatim, so that the guard can ground a target naming this actor in its own lines.
 *
 * @param ip      the actor's address, or null
 * @param user    the actor's user, or null
 * @param count   the actor's events in the group
 * @param samples up to {@value GroupAccumulator#SAMPLES_PER_ACTOR} of them, first seen first
 */
public record ActorShare(String ip, String user, int count, List<ParsedEvent> samples) {
}
