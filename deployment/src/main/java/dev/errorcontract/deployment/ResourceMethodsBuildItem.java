package dev.errorcontract.deployment;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.jboss.jandex.Type;

import dev.errorcontract.runtime.server.ResourceMethodKey;
import io.quarkus.builder.item.SimpleBuildItem;

/**
 * Every resource method of the application as Quarkus REST serves it: one entry per resource class and HTTP method,
 * with the annotations that are in effect for it wherever they were written (the method, a method it overrides or
 * implements, the class, a superclass or an interface). Rate limiting, idempotency, the {@code Allow} header, OpenAPI
 * and the Dev UI all read this model, so they agree on which methods exist and what applies to them.
 */
final class ResourceMethodsBuildItem extends SimpleBuildItem {

    final List<ResourceMethod> methods;

    ResourceMethodsBuildItem(List<ResourceMethod> methods) {
        this.methods = List.copyOf(methods);
    }

    /** The resource classes with their superclasses and interfaces. */
    Set<DotName> resourceTypes() {
        return methods.stream().flatMap(method -> method.types().stream()).map(ClassInfo::name)
                .collect(Collectors.toSet());
    }

    /**
     * One resource method.
     *
     * @param resourceClass the class Quarkus REST instantiates and invokes
     * @param declaration the method carrying the JAX-RS annotations (on the class, a superclass or an interface)
     * @param overrides the method and the methods it overrides or implements, the most specific first; the first is
     *        the one invoked
     * @param types the resource class, its superclasses and its interfaces, the most specific first
     * @param httpMethod {@code GET}, {@code POST}, ...
     * @param path the full path template, {@code /tasks/{id}}
     */
    record ResourceMethod(ClassInfo resourceClass, MethodInfo declaration, List<MethodInfo> overrides,
            List<ClassInfo> types, String httpMethod, String path) {

        /** An annotation on the method or on a method it overrides or implements, the most specific first. */
        AnnotationInstance methodAnnotation(DotName name) {
            for (MethodInfo method : overrides) {
                AnnotationInstance annotation = method.declaredAnnotation(name);
                if (annotation != null) {
                    return annotation;
                }
            }
            return null;
        }

        /** An annotation on the resource class, a superclass or an interface, the most specific first. */
        AnnotationInstance classAnnotation(DotName name) {
            for (ClassInfo type : types) {
                AnnotationInstance annotation = type.declaredAnnotation(name);
                if (annotation != null) {
                    return annotation;
                }
            }
            return null;
        }

        /** The annotation in effect: on the method (or what it overrides) first, then on the class hierarchy. */
        AnnotationInstance annotation(DotName name) {
            AnnotationInstance annotation = methodAnnotation(name);
            return annotation != null ? annotation : classAnnotation(name);
        }

        boolean hasAnnotation(DotName name) {
            return annotation(name) != null;
        }

        /**
         * Whether the method reads the request body: one of its parameters has no JAX-RS parameter or context
         * annotation.
         */
        boolean readsBody() {
            for (MethodParameterInfo parameter : declaration.parameters()) {
                boolean annotatedAsNonBody = parameter.declaredAnnotations().stream().anyMatch(annotation -> {
                    String name = annotation.name().toString();
                    return DotNames.REST_ANNOTATION_PREFIXES.stream().anyMatch(name::startsWith);
                });
                if (!annotatedAsNonBody) {
                    return true;
                }
            }
            return false;
        }

        /** The key the filters find this method by at run time. */
        ResourceMethodKey key() {
            return new ResourceMethodKey(resourceClass.name().toString(), declaration.name(),
                    declaration.parameterTypes().stream().map(ResourceMethod::erasure).collect(Collectors.toList()));
        }

        /** {@code org.acme.TasksResource#create} (for messages and the Dev UI). */
        String javaName() {
            return resourceClass.name() + "#" + declaration.name();
        }

        /** {@code POST /tasks}. */
        String operation() {
            return httpMethod + " " + path;
        }

        private static String erasure(Type type) {
            return type.name().toString();
        }
    }
}
