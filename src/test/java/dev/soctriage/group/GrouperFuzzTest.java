package dev.soctriage.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.soctriage.model.LogEvent;
import dev.soctriage.model.Signal;
import dev.soctriage.parse.ParsedEvent;
import dev.soctriage.text.UntrustedText;

/** The grouper on arbitrary batches: nothing throws, no event is lost, the caps hold, signals never mix. */
class GrouperFuzzTest {
    final Grouper grouper = new Grouper(new TemplateMiner.Config(0.5, 50, 40));

    @FuzzTest(maxDuration = "25s")
    void anyBatch_groupsEveryEventOnce(byte[] input) {
        String text = UntrustedText.decodeUtf8(input);
        List<LogEvent> events = new ArrayList<>();
        int i = 0;
        for (String l : text.split("\n", -1)) {
            events.add(new LogEvent("f" + i, i++, l));
        }
        List<ParsedEvent> parsed = GrouperTest.PARSERS.parseAll(events);
        // a classifier that labels lines by a character in them, so labelled and unlabelled lines share templates
        LineClassifier byChar = e -> e.line().indexOf('!') >= 0 ? Signal.PROBE : Signal.NONE;
        List<EventGroup> groups = grouper.group(parsed, byChar);
        assertEquals(parsed.size(), groups.stream().mapToInt(EventGroup::count).sum());
        Set<String> keys = new HashSet<>();
        for (EventGroup g : groups) {
            assertTrue(keys.add(g.key()));
            assertTrue(g.samples().size() <= GroupAccumulator.MAX_SAMPLES && !g.samples().isEmpty());
            g.distinct().values().forEach(v -> assertTrue(v.size() <= GroupAccumulator.MAX_DISTINCT));
            for (ParsedEvent s : g.samples()) {
                assertEquals(g.signal(), byChar.classify(s), "a group never mixes labelled and unlabelled lines");
            }
        }
    }
}
