package dev.soctriage.triage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LiteralsTest {
    private final Literals set = new Literals(List.of("he", "she", "hers", "${", "..", "/etc/"));

    @Test
    void scan_findsOverlappingAndSuffixLiterals_inOnePass() {
        long[] found = set.scan("ushers");
        assertTrue(Literals.any(set.mask("she"), found));
        assertTrue(Literals.any(set.mask("he"), found));
        assertTrue(Literals.any(set.mask("hers"), found));
        assertFalse(Literals.any(set.mask("${", ".."), found));
    }

    @Test
    void scan_agreesWithContains_onEveryLiteral() {
        for (String text : List.of("GET /../../etc/passwd", "${jndi:ldap://x}", "é/etc/ü", "", "h e", "she sells")) {
            long[] found = set.scan(text);
            for (String l : List.of("he", "she", "hers", "${", "..", "/etc/")) {
                assertTrue(Literals.any(set.mask(l), found) == text.contains(l), l + " in " + text);
            }
        }
    }

    @Test
    void arrayScan_findsEveryLiteral_wherever_itSits_acrossTheHalves() {
        // the array scan walks two halves in step: a literal across the middle must still be found
        List<String> literals = List.of("he", "she", "hers", "${", "..", "/etc/");
        for (int length = 0; length <= 24; length++) {
            for (String literal : literals) {
                for (int at = 0; at + literal.length() <= length; at++) {
                    char[] text = "x".repeat(length).toCharArray();
                    literal.getChars(0, literal.length(), text, at);
                    long[] found = set.scan(text, length);
                    assertTrue(Literals.any(set.mask(literal), found), literal + " at " + at + " of " + length);
                    for (String other : literals) {
                        assertTrue(Literals.any(set.mask(other), found) == new String(text).contains(other),
                                other + " in " + new String(text));
                    }
                }
            }
        }
    }

    @Test
    void arrayScan_readsOnlyTheGivenLength() {
        char[] text = "abc/etc/".toCharArray();
        assertFalse(Literals.any(set.mask("/etc/"), set.scan(text, 7)));
        assertTrue(Literals.any(set.mask("/etc/"), set.scan(text, 8)));
    }

    @Test
    void moreThan64Literals_areTracked() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add("w" + i + ";");
        }
        Literals big = new Literals(many);
        assertTrue(Literals.any(big.mask("w99;"), big.scan("xx w99; yy")));
        assertFalse(Literals.any(big.mask("w98;"), big.scan("xx w99; yy")));
    }

    @Test
    void unknownOrNonAsciiLiterals_areRefused() {
        assertThrows(IllegalArgumentException.class, () -> set.mask("nope"));
        assertThrows(IllegalArgumentException.class, () -> new Literals(List.of("é")));
    }
}
