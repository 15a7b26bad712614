package dev.soctriage.servers;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text fields of a {@code multipart/form-data} body (RFC 7578), as Kestra reads inputs. */
final class Multipart {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern NAME = Pattern.compile("(?i)content-disposition:[^\\r\\n]*\\bname=\"([^\"]*)\"");

    private Multipart() {
    }

    /**
     * @throws IllegalArgumentException when the content type is not multipart/form-data with a boundary,
     *                                  or the body does not follow it
     */
    static Map<String, String> parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            throw new IllegalArgumentException("content type is " + contentType);
        }
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw new IllegalArgumentException("no boundary in " + contentType);
        }
        String delimiter = "--" + (b.group(1) != null ? b.group(1) : b.group(2));
        // ISO-8859-1 maps bytes one to one, so splitting keeps UTF-8 values intact
        String text = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, String> fields = new LinkedHashMap<>();
        String[] parts = text.split(Pattern.quote(delimiter), -1);
        if (parts.length < 2 || !parts[parts.length - 1].startsWith("--")) {
            throw new IllegalArgumentException("body does not end with the closing delimiter");
        }
        for (int i = 1; i < parts.length - 1; i++) {
            String part = parts[i];
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0) {
                throw new IllegalArgumentException("part " + i + " has no header end");
            }
            Matcher n = NAME.matcher(part.substring(0, headerEnd));
            if (!n.find()) {
                throw new IllegalArgumentException("part " + i + " has no name");
            }
            String value = part.substring(headerEnd + 4);
            if (value.endsWith("\r\n")) {
                value = value.substring(0, value.length() - 2);
            }
            fields.put(new String(n.group(1).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                    new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
