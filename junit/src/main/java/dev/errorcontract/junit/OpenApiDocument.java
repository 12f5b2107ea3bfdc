package dev.errorcontract.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An application's OpenAPI document (JSON), as far as the test kit reads it: operations, statuses, headers. */
public final class OpenApiDocument {

    static final List<String> VERBS = List.of("get", "put", "post", "delete", "options", "head", "patch");

    /** One operation of the document. */
    public record Operation(String method, String path, JsonNode node, JsonNode pathItem) {

        /** The statuses the document declares for the operation ({@code "default"} included as is). */
        public Set<String> statuses() {
            Set<String> statuses = new LinkedHashSet<>();
            node.path("responses").fieldNames().forEachRemaining(statuses::add);
            return statuses;
        }

        boolean declares(int status) {
            return node.path("responses").has(String.valueOf(status)) || node.path("responses").has("default")
                    || node.path("responses").has((status / 100) + "XX");
        }

        /** The header names the document declares for a status (case-insensitive, lower case). */
        Set<String> headers(int status, JsonNode document) {
            JsonNode response = node.path("responses").path(String.valueOf(status));
            if (response.isMissingNode()) {
                response = node.path("responses").path("default");
            }
            response = resolve(document, response);
            Set<String> names = new LinkedHashSet<>();
            response.path("headers").fieldNames().forEachRemaining(name -> names.add(name.toLowerCase(Locale.ROOT)));
            return names;
        }

        /** Parameters of the operation and of its path item, each resolved. */
        List<JsonNode> parameters(JsonNode document) {
            List<JsonNode> parameters = new ArrayList<>();
            pathItem.path("parameters").forEach(parameter -> parameters.add(resolve(document, parameter)));
            node.path("parameters").forEach(parameter -> parameters.add(resolve(document, parameter)));
            return parameters;
        }

        boolean hasRequestBody() {
            return node.has("requestBody");
        }

        boolean isSecured(JsonNode document) {
            JsonNode security = node.has("security") ? node.path("security") : document.path("security");
            return security.isArray() && !security.isEmpty() || node.path("responses").has("401");
        }

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, Pattern> patterns = new TreeMap<>();

    private OpenApiDocument(JsonNode document) {
        this.document = document;
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            patterns.put(path.getKey(), Pattern.compile(path.getKey().replaceAll("\\{[^/}]+}", "[^/]+")));
            for (String verb : VERBS) {
                if (path.getValue().has(verb)) {
                    operations.add(new Operation(verb, path.getKey(), path.getValue().path(verb), path.getValue()));
                }
            }
        }
    }

    /** Reads a document in JSON (as {@code /q/openapi?format=json} serves it). */
    public static OpenApiDocument parse(String json) {
        try {
            return new OpenApiDocument(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document is not JSON", e);
        }
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    JsonNode root() {
        return document;
    }

    /** The operation serving a request path and method; templates without parameters win over those with. */
    public Optional<Operation> find(String method, String requestPath) {
        String verb = method.toLowerCase(Locale.ROOT);
        return operations.stream()
                .filter(operation -> operation.method().equals(verb))
                .filter(operation -> patterns.get(operation.path()).matcher(requestPath).matches())
                .min(Comparator.comparingInt(operation -> operation.path().split("\\{").length));
    }

    /** Whether any operation's path matches (whatever its method). */
    boolean hasPath(String requestPath) {
        return patterns.values().stream().anyMatch(pattern -> pattern.matcher(requestPath).matches());
    }

    static JsonNode resolve(JsonNode document, JsonNode node) {
        for (int depth = 0; depth < 10 && node.has("$ref"); depth++) {
            String ref = node.path("$ref").asText();
            node = ref.startsWith("#") ? document.at(ref.substring(1)) : node;
        }
        return node;
    }
}
