package dev.errorcontract.deployment;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import dev.errorcontract.ErrorCodes;
import dev.errorcontract.runtime.config.ErrorContractBuildTimeConfig;
import dev.errorcontract.runtime.server.DeclaredExceptions;
import dev.errorcontract.runtime.server.ServerRecorder;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;

/**
 * The application's exception types mapped to catalogue entries, by {@code @ErrorCode} on the class or by
 * {@code quarkus.error-contract.exceptions."<class>"}: collected, checked, and handed to the run time.
 */
class DeclaredExceptionProcessor {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** Configuration overrides {@code @ErrorCode} on the same class. */
    @BuildStep
    void collectDeclaredExceptions(CombinedIndexBuildItem index, ErrorContractBuildTimeConfig config,
            BuildProducer<DeclaredExceptionBuildItem> declared) {
        Set<String> configured = config.exceptions().keySet();
        for (AnnotationInstance annotation : index.getIndex().getAnnotations(DotNames.ERROR_CODE)) {
            String className = annotation.target().asClass().name().toString();
            if (!configured.contains(className)) {
                AnnotationValue code = annotation.value("code");
                AnnotationValue expose = annotation.value("exposeMessage");
                declared.produce(new DeclaredExceptionBuildItem(className, annotation.value("status").asInt(),
                        code == null ? "" : code.asString(), expose != null && expose.asBoolean(),
                        "@ErrorCode on " + className));
            }
        }
        config.exceptions().forEach((className, mapping) -> declared.produce(new DeclaredExceptionBuildItem(className,
                mapping.status(), mapping.code().orElse(""), mapping.exposeMessage(),
                "quarkus.error-contract.exceptions.\"" + className + "\"")));
    }

    @BuildStep
    void validateDeclaredExceptions(ValidationPhaseBuildItem validationPhase, CombinedIndexBuildItem index,
            List<DeclaredExceptionBuildItem> declared, BuildProducer<ValidationErrorBuildItem> errors) {
        for (DeclaredExceptionBuildItem item : declared) {
            if (item.status < 400 || item.status > 599) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(item.origin
                        + ": status " + item.status + " is not an error status; use 400 to 599")));
            }
            if (!item.code.isEmpty() && !SNAKE_CASE.matcher(item.code).matches()) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(item.origin + ": code '"
                        + item.code + "' is not snake_case (lower-case letters, digits and single underscores)")));
            }
            Boolean throwable = isThrowable(index.getIndex(), item.className);
            if (throwable == null) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(
                        item.origin + ": no such class in the application or its libraries")));
            } else if (!throwable) {
                errors.produce(new ValidationErrorBuildItem(new IllegalStateException(
                        item.origin + ": " + item.className + " is not an exception type")));
            }
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem recordDeclaredExceptions(ServerRecorder recorder, List<DeclaredExceptionBuildItem> declared) {
        Map<String, DeclaredExceptions.Mapping> mappings = new HashMap<>();
        for (DeclaredExceptionBuildItem item : declared) {
            String code = item.code.isEmpty() ? ErrorCodes.defaultCode(item.status) : item.code;
            mappings.put(item.className, new DeclaredExceptions.Mapping(item.status, code, item.exposeMessage));
        }
        return SyntheticBeanBuildItem.configure(DeclaredExceptions.class).scope(Singleton.class).unremovable()
                .supplier(recorder.declaredExceptions(mappings)).setRuntimeInit().done();
    }

    /**
     * Whether a class is a {@code Throwable}: through the index as far as it knows the class and its superclasses,
     * then through the class loader (JDK and library classes are not indexed); {@code null} when there is no such
     * class.
     */
    private static Boolean isThrowable(IndexView index, String className) {
        String current = className;
        while (current != null) {
            if (current.equals(DotNames.THROWABLE.toString())) {
                return true;
            }
            ClassInfo type = index.getClassByName(DotName.createSimple(current));
            if (type == null) {
                try {
                    Class<?> loaded = Class.forName(current, false, Thread.currentThread().getContextClassLoader());
                    return Throwable.class.isAssignableFrom(loaded);
                } catch (ClassNotFoundException | LinkageError e) {
                    return current.equals(className) ? null : false;
                }
            }
            current = type.superName() == null ? null : type.superName().toString();
        }
        return false;
    }
}
