package dev.soctriage.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The prefilter's literal of a regular expression must be in every match: a quantifier's bounds are not
 * (the Shellshock rule's {@code [^}]{0,40}} gave "0,40", and no Shellshock line was ever tried).
 */
class RegexLiteralsTest {

    @Test
    void aQuantifiersBounds_areNoLiteral_theLiteralIsInEveryMatch() {
        String regex = "\\(\\)\\s*\\{[^}]{0,40}\\}\\s*;";
        String literal = RegexLiterals.required(regex);
        String match = "() { :; }; /bin/bash";
        assertTrue(Pattern.compile(regex).matcher(match).find());
        assertTrue(match.toLowerCase().contains(literal), "literal '" + literal + "' not in the match");
        assertEquals("", RegexLiterals.required("[a-z]{2,8}"));
        assertEquals("select", RegexLiterals.required("union\\s+(all\\s+)?select"));
    }
}
