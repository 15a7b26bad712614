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
 * ({@code email}, else {@code username}, else {@code sub}), its groups and its OAuth scopes.
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
        String name = first(text(claims.get("email")), text(claims.get("username")),
                text(claims.get("cognito:username")), sub);
        if (name == null) {
            return Optional.empty();
        }
        Set<String> scopes = new LinkedHashSet<>();
        if (jwt.scopes() != null) {
            jwt.scopes().stream().filter(s -> s != null && !s.isBlank()).forEach(scopes::add);
        }
        scopes.addAll(list(claims.get("scope"), mapper));
        return Optional.of(new Identity(sub, name, list(claims.get(groupsClaim), mapper), Set.copyOf(scopes)));
    }

    public boolean inGroup(String group) {
        return groups.contains(group);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    /**
     * A list claim in any of the forms it arrives in: API Gateway's {@code "[a b]"}, a JSON array (as a
     * value or as text), or a comma- or space-separated string.
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
            s = s.substring(1, s.length() - 1);
        }
        for (String part : s.split("[,\\s]+")) {
            if (!part.isBlank()) {
                out.add(part);
            }
        }
        return out;
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
