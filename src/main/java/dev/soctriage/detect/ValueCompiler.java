package dev.soctriage.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.soctriage.net.Cidr;

/**
 * A selection's {@code field|modifier|...: values} into one {@link Expr}: the modifiers of the
 * Sigma modifiers appendix, applied in order (transformations first produce the values, the type
 * modifiers then say how they are tested). What this engine cannot honour refuses the rule.
 */
final class ValueCompiler {
    /** more windash spellings than this refuse the rule (5 per flag) */
    static final int MAX_WINDASH = 625;
    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

    private final Map<String, List<String>> placeholders;

    /** @param placeholders what {@code |expand} replaces {@code %name%} with (detection.placeholders) */
    ValueCompiler(Map<String, List<String>> placeholders) {
        this.placeholders = placeholders;
    }

    /**
     * @param field the field, or "" for a keyword search
     * @param mods  the modifiers after the field name, in order
     * @param raw   the YAML value: a scalar (as text, or null) or a list of them
     */
    Expr compile(String field, List<String> mods, List<String> raw, boolean scalarNull) throws RuleRefused {
        boolean contains = false;
        boolean startswith = false;
        boolean endswith = false;
        boolean all = false;
        boolean cased = false;
        boolean neq = false;
        String type = null;
        String regexFlags = "";
        String utf16 = null;
        List<String> values = new ArrayList<>(raw);
        List<byte[]> bytes = null;
        for (String m : mods) {
            switch (m) {
                case "contains" -> contains = true;
                case "startswith" -> startswith = true;
                case "endswith" -> endswith = true;
                case "all" -> all = true;
                case "cased" -> cased = true;
                case "neq" -> neq = true;
                case "i", "m", "s" -> {
                    if (!"re".equals(type)) {
                        throw new RuleRefused("modifier |" + m + " only follows |re");
                    }
                    regexFlags += m;
                }
                case "re", "cidr", "exists", "fieldref", "lt", "lte", "gt", "gte" -> {
                    if (type != null) {
                        throw new RuleRefused("modifiers |" + type + " and |" + m + " cannot be combined");
                    }
                    type = m;
                }
                case "utf16le", "utf16be", "utf16", "wide" -> utf16 = m;
                case "base64", "base64offset" -> {
                    bytes = encode(values, bytes, utf16);
                    values = m.equals("base64") ? base64(bytes) : base64offset(bytes);
                    bytes = null;
                    utf16 = null;
                }
                case "windash" -> values = windash(values);
                case "expand" -> values = expand(values);
                case "minute", "hour", "day", "week", "month", "year" ->
                    throw new RuleRefused("time modifier |" + m + " is not supported: fields hold text whose date format varies by source");
                default -> throw new RuleRefused("unknown modifier |" + m);
            }
        }
        if (utf16 != null) {
            throw new RuleRefused("|" + utf16 + " without |base64 or |base64offset after it: this engine matches text, "
                    + "and UTF-16 bytes appear in text only base64-encoded");
        }
        if (all && values.size() < 2) {
            throw new RuleRefused("|all on a single value (the specification forbids it)");
        }
        if ("exists".equals(type)) {
            if (values.size() != 1 || !("true".equalsIgnoreCase(values.get(0)) || "false".equalsIgnoreCase(values.get(0)))) {
                throw new RuleRefused("|exists takes true or false");
            }
            return new Expr.Exists(field, Boolean.parseBoolean(values.get(0).toLowerCase(java.util.Locale.ROOT)));
        }
        if (scalarNull) {
            if (!mods.isEmpty()) {
                throw new RuleRefused("modifiers on a null value");
            }
            return new Expr.IsNull(field);
        }
        if (values.isEmpty()) {
            throw new RuleRefused("an empty list of values for " + (field.isEmpty() ? "keywords" : field));
        }
        List<ValueTest> tests = new ArrayList<>(values.size());
        for (String v : values) {
            if (v == null) {
                throw new RuleRefused("null inside a list of values (the specification forbids it)");
            }
            tests.add(test(type, v, contains, startswith, endswith, cased, regexFlags));
        }
        if (field.isEmpty()) {
            if (neq) {
                throw new RuleRefused("|neq on keywords");
            }
            // keywords are a search of the text: a value matches anywhere in it
            List<ValueTest> anywhere = new ArrayList<>();
            for (String v : values) {
                anywhere.add(type == null ? new ValueTest.Text(SigmaPattern.of(v, true, true, cased))
                        : test(type, v, contains, startswith, endswith, cased, regexFlags));
            }
            return new Expr.Keywords(List.copyOf(anywhere), all);
        }
        return new Expr.Field(field, List.copyOf(tests), all, neq);
    }

    private static ValueTest test(String type, String v, boolean contains, boolean startswith, boolean endswith,
            boolean cased, String flags) throws RuleRefused {
        if (type == null) {
            return new ValueTest.Text(SigmaPattern.of(v, contains || endswith, contains || startswith, cased));
        }
        switch (type) {
            case "re" -> {
                int f = 0;
                f |= flags.contains("i") ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
                f |= flags.contains("m") ? Pattern.MULTILINE : 0;
                f |= flags.contains("s") ? Pattern.DOTALL : 0;
                try {
                    return new ValueTest.Regex(Pattern.compile(v, f));
                } catch (PatternSyntaxException e) {
                    throw new RuleRefused("regular expression does not compile: " + e.getDescription());
                }
            }
            case "cidr" -> {
                try {
                    return new ValueTest.InCidr(Cidr.parse(v));
                } catch (IllegalArgumentException e) {
                    throw new RuleRefused("|cidr value is no address block: " + v);
                }
            }
            case "fieldref" -> {
                return new ValueTest.FieldRef(v, contains || endswith, contains || startswith, cased);
            }
            default -> {
                try {
                    return new ValueTest.Compare(type, Double.parseDouble(v));
                } catch (NumberFormatException e) {
                    throw new RuleRefused("|" + type + " takes a number: " + v);
                }
            }
        }
    }

    private static List<byte[]> encode(List<String> values, List<byte[]> bytes, String utf16) {
        if (bytes != null) {
            return bytes;
        }
        List<byte[]> out = new ArrayList<>();
        for (String v : values) {
            byte[] b;
            if (utf16 == null) {
                b = v.getBytes(StandardCharsets.UTF_8);
            } else if (utf16.equals("utf16be")) {
                b = v.getBytes(StandardCharsets.UTF_16BE);
            } else if (utf16.equals("utf16")) {
                byte[] le = v.getBytes(StandardCharsets.UTF_16LE);
                b = new byte[le.length + 2];
                b[0] = (byte) 0xFF;
                b[1] = (byte) 0xFE;
                System.arraycopy(le, 0, b, 2, le.length);
            } else {
                b = v.getBytes(StandardCharsets.UTF_16LE);
            }
            out.add(b);
        }
        return out;
    }

    private static List<String> base64(List<byte[]> bytes) {
        List<String> out = new ArrayList<>();
        for (byte[] b : bytes) {
            out.add(Base64.getEncoder().encodeToString(b));
        }
        return out;
    }

    /**
     * The three spellings a value has inside a longer base64 text, by its offset modulo 3, without
     * the characters that depend on the bytes around it (as pySigma computes them).
     */
    private static List<String> base64offset(List<byte[]> bytes) {
        int[] start = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<String> out = new ArrayList<>();
        for (byte[] b : bytes) {
            for (int i = 0; i < 3; i++) {
                byte[] shifted = new byte[b.length + i];
                java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
                System.arraycopy(b, 0, shifted, i, b.length);
                String enc = Base64.getEncoder().encodeToString(shifted);
                int end = enc.length() - endCut[(b.length + i) % 3];
                if (end > start[i]) {
                    out.add(enc.substring(start[i], end));
                }
            }
        }
        return out;
    }

    /** Each flag dash ({@code -} or {@code /} starting a word) in every one of its five spellings. */
    private static List<String> windash(List<String> values) throws RuleRefused {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                boolean startsWord = i + 1 < v.length() && Character.isLetterOrDigit(v.charAt(i + 1));
                boolean afterBreak = i == 0 || !Character.isLetterOrDigit(v.charAt(i - 1));
                if ((c == '-' || c == '/') && startsWord && afterBreak) {
                    at.add(i);
                }
            }
            long combos = (long) Math.pow(DASHES.length, at.size());
            if (out.size() + combos > MAX_WINDASH) {
                throw new RuleRefused("|windash makes more than " + MAX_WINDASH + " spellings");
            }
            for (long k = 0; k < combos; k++) {
                char[] chars = v.toCharArray();
                long r = k;
                for (int pos : at) {
                    chars[pos] = DASHES[(int) (r % DASHES.length)];
                    r /= DASHES.length;
                }
                out.add(new String(chars));
            }
        }
        return out;
    }

    /** {@code %name%} replaced by each of its configured values; {@code \%} is a plain percent. */
    private List<String> expand(List<String> values) throws RuleRefused {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            List<String> partial = List.of("");
            int i = 0;
            while (i < v.length()) {
                char c = v.charAt(i);
                if (c == '\\' && i + 1 < v.length() && v.charAt(i + 1) == '%') {
                    partial = append(partial, List.of("%"));
                    i += 2;
                } else if (c == '%' && v.indexOf('%', i + 1) > i + 1) {
                    int end = v.indexOf('%', i + 1);
                    String name = v.substring(i + 1, end);
                    List<String> with = placeholders.get(name);
                    if (with == null || with.isEmpty()) {
                        throw new RuleRefused("placeholder %" + name + "% has no values here (set detection.placeholders."
                                + name + ")");
                    }
                    partial = append(partial, with);
                    i = end + 1;
                } else {
                    partial = append(partial, List.of(String.valueOf(c)));
                    i++;
                }
                if (partial.size() > MAX_WINDASH) {
                    throw new RuleRefused("|expand makes more than " + MAX_WINDASH + " values");
                }
            }
            out.addAll(partial);
        }
        return out;
    }

    private static List<String> append(List<String> heads, List<String> tails) {
        List<String> out = new ArrayList<>(heads.size() * tails.size());
        for (String h : heads) {
            for (String t : tails) {
                out.add(h + t);
            }
        }
        return out;
    }
}
