package dev.soctriage.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one capping helper: the marker counts in the limit, and a code point is never split. */
class TextsTest {
    @Test
    void cap_leavesTextThatFits_asItIs() {
        String s = "exactly ten";
        assertSame(s, Texts.cap(s, 11));
        assertNull(Texts.cap(null, 5));
    }

    @Test
    void cap_endsALongerText_withTheEllipsis_withinTheLimit() {
        assertEquals("abcd…", Texts.cap("abcdefgh", 5));
        assertEquals(5, Texts.cap("abcdefgh", 5).length());
    }

    @Test
    void cap_countsALongerMarker_inTheLimit() {
        String cut = Texts.cap("x".repeat(100), 20, UntrustedText.TRUNCATED);
        assertEquals("x".repeat(20 - UntrustedText.TRUNCATED.length()) + UntrustedText.TRUNCATED, cut);
    }

    @Test
    void cap_neverSplitsASurrogatePair() {
        // given an emoji (two chars) that would straddle the cut
        String s = "abc\uD83D\uDE00def";

        // when cut where only its high surrogate would fit
        String cut = Texts.cap(s, 5);

        // then the whole emoji goes, not half of it
        assertEquals("abc…", cut);
    }

    @Test
    void cap_refusesALimitShorterThanItsMarker() {
        assertThrows(IllegalArgumentException.class, () -> Texts.cap("abcdef", 3, "[cut]"));
    }
}
