package dev.errorcontract.runtime.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP methods of each resource path, collected at build time, for the {@code Allow} header of a 405: Quarkus
 * REST rejects a wrong verb without saying which verbs are allowed.
 */
public final class AllowedMethods {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*[\\w.-]+\\s*(?::\\s*((?:[^{}]|\\{[^{}]*\\})+))?\\}");

    private record Route(Pattern path, String method) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** @param methodsByTemplate path template ({@code /tasks/{id}}) to its methods */
    public AllowedMethods(Map<String, List<String>> methodsByTemplate) {
        methodsByTemplate.forEach((template, methods) -> {
            Pattern path = compile(template);
            for (String method : methods) {
                routes.add(new Route(path, method));
            }
        });
    }

    /** The {@code Allow} value for a request path, or {@code null} when no resource matches it. */
    public String allowFor(String requestPath) {
        TreeSet<String> methods = new TreeSet<>();
        for (Route route : routes) {
            if (route.path().matcher(requestPath).matches()) {
                methods.add(route.method());
            }
        }
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        methods.add("OPTIONS");
        return String.join(", ", methods);
    }

    /** A template as a pattern that also matches below an application path prefix. */
    static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder("(?:/.*)?");
        Matcher parameter = PARAMETER.matcher(template);
        int last = 0;
        while (parameter.find()) {
            regex.append(Pattern.quote(template.substring(last, parameter.start())));
            regex.append(parameter.group(1) == null ? "[^/]+" : "(?:" + parameter.group(1).trim() + ")");
            last = parameter.end();
        }
        regex.append(Pattern.quote(template.substring(last))).append("/?");
        return Pattern.compile(regex.toString());
    }
}
