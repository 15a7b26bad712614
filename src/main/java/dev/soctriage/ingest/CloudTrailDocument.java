package dev.soctriage.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.soctriage.text.UntrustedText;

/**
 * A CloudTrail log file: the whole object is one JSON object with a {@code Records} array, and nothing
 * after it but white space. Applications log S3 and SQS events as {@code {"Records":[...]}} lines too, so
 * the head alone decides nothing: {@link #isWhole} reads the document to its end first, and anything else
 * — more lines after the object, a second value, a syntax error — is read as lines, every byte of it.
 */
final class CloudTrailDocument {
    private static final Pattern HEAD = Pattern.compile("^\\s*\\{\\s*\"Records\"\\s*:\\s*\\[");

    private CloudTrailDocument() {
    }

    /** Whether the object's first bytes open {@code {"Records":[}: only then is {@link #isWhole} worth reading. */
    static boolean startsLike(byte[] head) {
        return HEAD.matcher(new String(head, StandardCharsets.ISO_8859_1)).find();
    }

    /**
     * Reads {@code in} to its end (never past {@code maxBytes}) without keeping anything: true when it is
     * one JSON object holding a {@code Records} array and nothing follows it but white space. Leaves
     * {@code in} open.
     */
    static boolean isWhole(ObjectMapper json, InputStream in, long maxBytes) throws IOException {
        try (JsonParser p = json.getFactory().createParser(new LimitedInputStream(new KeptOpen(in), maxBytes))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            boolean records = false;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                records |= p.nextToken() == JsonToken.START_ARRAY && "Records".equals(name);
                p.skipChildren();
            }
            return t == JsonToken.END_OBJECT && records && p.nextToken() == null;
        } catch (JsonProcessingException notOneDocument) {
            // a syntax error inside, or text after the object: lines, whose reader loses nothing
            return false;
        }
    }

    /**
     * One event per record of a document that {@link #isWhole} accepted; a record that is not a JSON
     * object is a failure, counted and named, and the rest is kept.
     */
    static void readRecords(ObjectMapper json, InputStream in, long maxBytes, Consumer<String> events,
            List<String> failures) throws IOException {
        int index = 0;
        try (JsonParser p = json.getFactory().createParser(new LimitedInputStream(in, maxBytes))) {
            p.nextToken(); // {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.START_ARRAY || !"Records".equals(name)) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode record = json.readTree(p);
                    if (record != null && record.isObject()) {
                        events.accept(UntrustedText.capLine(json.writeValueAsString(record)));
                    } else {
                        failures.add("Records[" + index + "]: not a JSON object");
                    }
                    index++;
                }
            }
        }
    }

    /** The stream without its {@code close()}: the parser of a first reading must not close the object. */
    private static final class KeptOpen extends FilterInputStream {
        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller closes the stream
        }
    }
}
