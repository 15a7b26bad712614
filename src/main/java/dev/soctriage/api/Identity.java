package dev.soctriage.api;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The caller as API Gateway's JWT authorizer vouches for it: the name a decision is recorded under
 * ({@code email} when {@code email_verified} is true, else {@code username}, else {@code sub}), its
 * groups and its OAuth scopes.
 */
public record Identity(String subject, String name, Set<String> groups, Set<String> scopes) {

    /** @return empty when the request carries no JWT identity (no authorizer, or no subject claims) */
    public static Optional<Identity> of(HttpEvent request, String groupsClaim, ObjectMapper mapper) {
        HttpEvent.Jwt jwt = request.requestContext() == null || request.requestContext().authorizer() == null
                ? null
                : request.requestContext().authorizer().jwt();
        if (jwt == null || jwt.claims() == null) {
            return Optional.empty();
        }
        Map<String, Object> claims = jwt.claims();
        String sub = text(claims.get("sub"));
        // an e-mail address names the caller only when the identity provider verified it: anyone may
        // put any address on an unverified account
        String email = verified(claims.get("email_verified")) ? text(claims.get("email")) : null;
        String name = first(email, text(claims.get("username")), text(claims.get("cognito:username")), sub);
        if (name == null) {
            return Optional.empty();
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (jwt.scopes() != null) {
            jwt.scopes().stream().filter(s -> s != null && !s.isBlank()).forEach(scopes::add);
        }
        // OAuth's scope claim is blank-separated by definition (RFC 8693): there a blank does separate
        for (String scope : list(claims.get("scope"), mapper)) {
            for (String part : scope.split("\\s+")) {
                if (!part.isEmpty()) {
                    scopes.add(part);
                }
            }
        }
        return Optional.of(new Identity(sub, name, list(claims.get(groupsClaim), mapper), Set.copyOf(scopes)));
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * A list claim, read exactly: a JSON array (as a value or as text) gives its elements; API
     * Gateway's rendering of an array, {@code "[a b]"}, gives the blank-separated names inside the
     * brackets (Cognito group names hold no blanks); any other text is one name, whole. A name is
     * never split out of a longer one: "Former soc-analysts" is not "soc-analysts".
     */
    static Set<String> list(Object claim, ObjectMapper mapper) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof Collection<?> c) {
            c.stream().map(Identity::text).filter(s -> s != null).forEach(out::add);
            return out;
        }
        String s = text(claim);
        if (s == null) {
            return out;
        }
        Optional<JsonNode> array = s.startsWith("[") && s.contains("\"") ? jsonArray(s, mapper) : Optional.empty();
        if (array.isPresent()) {
            array.get().forEach(e -> {
                if (e.isTextual() && !e.asText().isBlank()) {
                    out.add(e.asText().strip());
                }
            });
            return out;
        }
        if (s.startsWith("[") && s.endsWith("]")) {
            for (String part : s.substring(1, s.length() - 1).split(" ")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }
        out.add(s);
        return out;
    }

    private static boolean verified(Object claim) {
        return claim instanceof Boolean b ? b : "true".equalsIgnoreCase(text(claim));
    }

    private static Optional<JsonNode> jsonArray(String s, ObjectMapper mapper) {
        try {
            JsonNode n = mapper.readTree(s);
            return n != null && n.isArray() ? Optional.of(n) : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    private static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().strip();
        return s.isEmpty() ? null : s;
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
