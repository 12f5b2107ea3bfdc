package dev.errorcontract.runtime.server;

import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

/**
 * A resource method as the build's model of the resources names it and as the filters find it at run time: the
 * resource class Quarkus REST invokes (not the interface or superclass that declares the method), the method name and
 * its erased parameter types, so overloads stay apart.
 */
public record ResourceMethodKey(String resourceClass, String method, List<String> parameterTypes) {

    public ResourceMethodKey {
        parameterTypes = List.copyOf(parameterTypes);
    }

    /** The key of the method a request was matched to. */
    public static ResourceMethodKey of(ResteasyReactiveResourceInfo resource) {
        List<String> types = new ArrayList<>();
        for (Class<?> type : resource.getParameterTypes()) {
            types.add(type.getName());
        }
        return new ResourceMethodKey(resource.getResourceClass().getName(), resource.getName(), types);
    }

    @Override
    public String toString() {
        return resourceClass + '#' + method + '(' + String.join(", ", parameterTypes) + ')';
    }
}
