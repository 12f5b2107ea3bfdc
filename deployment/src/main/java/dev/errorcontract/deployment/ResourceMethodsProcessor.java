package dev.errorcontract.deployment;

import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.jboss.resteasy.reactive.common.processor.scanning.ResourceScanningResult;

import dev.errorcontract.deployment.ResourceMethodsBuildItem.ResourceMethod;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.resteasy.reactive.common.deployment.ResourceScanningResultBuildItem;

/**
 * The model of the application's resource methods, from the resource classes Quarkus REST found: each concrete
 * resource class with every HTTP method it serves, whether declared on the class, inherited from a superclass or
 * implemented from a {@code @Path} interface (the JAX-RS annotation inheritance rules: a method without JAX-RS
 * annotations takes those of the method it overrides or implements).
 */
class ResourceMethodsProcessor {

    @BuildStep
    ResourceMethodsBuildItem modelResourceMethods(Optional<ResourceScanningResultBuildItem> scanning) {
        if (scanning.isEmpty()) {
            return new ResourceMethodsBuildItem(List.of());
        }
        ResourceScanningResult result = scanning.get().getResult();
        List<ResourceMethod> methods = new ArrayList<>();
        for (ClassInfo resource : result.getScannedResources().values()) {
            if (!resource.isInterface() && !Modifier.isAbstract(resource.flags())) {
                methods.addAll(methodsOf(resource, result));
            }
        }
        methods.sort(Comparator.comparing(ResourceMethod::path).thenComparing(ResourceMethod::httpMethod)
                .thenComparing(method -> method.resourceClass().name().toString()));
        return new ResourceMethodsBuildItem(methods);
    }

    /**
     * Every HTTP method a concrete resource class serves: the most specific declaration with an HTTP method annotation
     * of each signature, in the class or its supertypes.
     */
    private static List<ResourceMethod> methodsOf(ClassInfo resource, ResourceScanningResult result) {
        Map<DotName, String> httpMethods = result.getHttpAnnotationToMethod();
        String classPath = result.getScannedResourcePaths().get(resource.name());
        List<ClassInfo> types = typeHierarchy(result.getIndex(), resource);
        List<ResourceMethod> methods = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ClassInfo type : types) {
            for (MethodInfo method : type.methods()) {
                if (!isInstanceMethod(method) || seen.contains(signature(method))) {
                    continue;
                }
                List<String> verbs = method.declaredAnnotations().stream()
                        .map(annotation -> httpMethods.get(annotation.name())).filter(verb -> verb != null)
                        .toList();
                if (verbs.isEmpty()) {
                    continue;
                }
                seen.add(signature(method));
                AnnotationInstance methodPath = method.declaredAnnotation(DotNames.PATH);
                String path = joinPaths(classPath, methodPath == null ? null : methodPath.value().asString());
                List<MethodInfo> overrides = overrides(types, method);
                for (String verb : verbs) {
                    methods.add(new ResourceMethod(resource, method, overrides, types, verb, path));
                }
            }
        }
        return methods;
    }

    private static boolean isInstanceMethod(MethodInfo method) {
        return !method.isStaticInitializer() && !method.isConstructor() && !method.isSynthetic()
                && !Modifier.isStatic(method.flags()) && !Modifier.isPrivate(method.flags());
    }

    /** The class, its superclasses, then every interface they implement (breadth first), as far as the index knows. */
    private static List<ClassInfo> typeHierarchy(IndexView index, ClassInfo resource) {
        List<ClassInfo> classes = new ArrayList<>();
        for (ClassInfo current = resource; current != null
                && !current.name().equals(DotNames.OBJECT); current = current.superName() == null ? null
                        : index.getClassByName(current.superName())) {
            classes.add(current);
        }
        Set<ClassInfo> types = new LinkedHashSet<>(classes);
        Deque<DotName> interfaces = new ArrayDeque<>();
        classes.forEach(type -> interfaces.addAll(type.interfaceNames()));
        while (!interfaces.isEmpty()) {
            ClassInfo implemented = index.getClassByName(interfaces.poll());
            if (implemented != null && types.add(implemented)) {
                interfaces.addAll(implemented.interfaceNames());
            }
        }
        return List.copyOf(types);
    }

    /** The method as invoked on the resource class and every method of the hierarchy with its signature. */
    private static List<MethodInfo> overrides(List<ClassInfo> types, MethodInfo declaration) {
        String signature = signature(declaration);
        List<MethodInfo> overrides = new ArrayList<>();
        for (ClassInfo type : types) {
            for (MethodInfo method : type.methods()) {
                if (method.name().equals(declaration.name()) && signature(method).equals(signature)) {
                    overrides.add(method);
                }
            }
        }
        return overrides;
    }

    private static String signature(MethodInfo method) {
        StringBuilder signature = new StringBuilder(method.name()).append('(');
        for (Type parameter : method.parameterTypes()) {
            signature.append(parameter.name()).append(',');
        }
        return signature.append(')').toString();
    }

    static String joinPaths(String classPath, String methodPath) {
        String joined = "/" + (classPath == null ? "" : classPath) + "/" + (methodPath == null ? "" : methodPath);
        joined = joined.replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
