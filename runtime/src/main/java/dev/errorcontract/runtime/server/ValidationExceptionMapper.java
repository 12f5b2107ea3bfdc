package dev.errorcontract.runtime.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveExceptionMapper;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.config.ErrorContractConfig;

/**
 * Bean validation failures of a request by the contract: 422 (or 400) {@code validation_error} with one field error
 * per violation, in a stable order. A violated return value is the server's fault: 500, not shown. Active with
 * quarkus-hibernate-validator.
 */
@Singleton
public class ValidationExceptionMapper implements ResteasyReactiveExceptionMapper<ValidationException> {

    private static final List<String> ORDER = List.of(FieldError.IN_BODY, FieldError.IN_FORM, FieldError.IN_QUERY,
            FieldError.IN_PATH, FieldError.IN_HEADER, FieldError.IN_COOKIE);
    private static final Comparator<FieldError> STABLE_ORDER = Comparator
            .comparingInt((FieldError error) -> ORDER.indexOf(error.in()) < 0 ? ORDER.size() : ORDER.indexOf(error.in()))
            .thenComparing(FieldError::field)
            .thenComparing(FieldError::code)
            .thenComparing(FieldError::message, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** The code of each constraint annotation: its simple name in snake_case. */
    private static final ClassValue<String> CODES = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> constraint) {
            return snakeCase(constraint.getSimpleName());
        }
    };

    private final Map<JavaType, Map<String, BeanPropertyDefinition>> properties = new ConcurrentHashMap<>();
    private final ErrorResponses responses;
    private final ParameterSources parameterSources;
    private final ObjectMapper objectMapper;
    private final int status;

    ValidationExceptionMapper(ErrorResponses responses, ParameterSources parameterSources, ObjectMapper objectMapper,
            ErrorContractConfig config) {
        this.responses = responses;
        this.objectMapper = objectMapper;
        this.parameterSources = parameterSources;
        this.status = config.validationStatus();
    }

    @Override
    public Response toResponse(ValidationException exception, ServerRequestContext context) {
        var routingContext = RoutingContexts.of(context);
        if (!(exception instanceof ConstraintViolationException violations) || violations.getConstraintViolations().isEmpty()
                || violations.getConstraintViolations().stream().anyMatch(ValidationExceptionMapper::isReturnValue)) {
            return responses.toResponse(FailureClassifier.unexpected(exception).error(), Map.of(), exception,
                    routingContext);
        }
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations.getConstraintViolations()) {
            errors.add(fieldError(violation));
        }
        errors.sort(STABLE_ORDER);
        String detail = responses.message(routingContext, "detail.validation_error", errors.size());
        return responses.toResponse(ApiError.of(status, ErrorCodes.VALIDATION_ERROR, detail).withErrors(errors), Map.of(),
                null, routingContext);
    }

    @Override
    public Response toResponse(ValidationException exception) {
        return toResponse(exception, null);
    }

    private FieldError fieldError(ConstraintViolation<?> violation) {
        String methodName = null;
        int parameterIndex = -1;
        String parameterName = null;
        JavaType type = null;
        ParameterSources.Source beanParamSource = null;
        StringBuilder bodyPath = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD) {
                methodName = node.getName();
            } else if (kind == ElementKind.PARAMETER) {
                parameterIndex = node.as(Path.ParameterNode.class).getParameterIndex();
                parameterName = node.getName();
                Object[] arguments = violation.getExecutableParameters();
                Object argument = arguments == null || parameterIndex >= arguments.length ? null
                        : arguments[parameterIndex];
                type = argument == null ? null : objectMapper.constructType(argument.getClass());
            } else if (kind == ElementKind.PROPERTY || kind == ElementKind.CONTAINER_ELEMENT) {
                if (node.isInIterable() && type != null) {
                    type = type.getContentType();
                }
                if (node.getIndex() != null && !bodyPath.isEmpty()) {
                    bodyPath.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null && !bodyPath.isEmpty()) {
                    bodyPath.append('.').append(node.getKey());
                }
                if (node.getName() != null && kind == ElementKind.PROPERTY) {
                    if (bodyPath.isEmpty() && type != null && beanParamSource == null) {
                        beanParamSource = parameterSources.findField(type.getRawClass().getName(), node.getName());
                    }
                    BeanPropertyDefinition property = type == null ? null : property(type, node.getName());
                    if (!bodyPath.isEmpty()) {
                        bodyPath.append('.');
                    }
                    bodyPath.append(property == null ? node.getName() : property.getName());
                    type = property == null ? null : property.getPrimaryType();
                }
            }
        }
        String code = CODES.get(violation.getConstraintDescriptor().getAnnotation().annotationType());
        String message = violation.getMessage();
        if (beanParamSource != null) {
            return FieldError.parameter(beanParamSource.in(), beanParamSource.name(), code, message);
        }
        ParameterSources.Source source = methodName == null ? null
                : parameterSources.find(resourceClassName(violation.getRootBeanClass()), methodName, parameterIndex);
        if (source == null && methodName != null) {
            source = findInHierarchy(violation.getRootBeanClass(), methodName, parameterIndex);
        }
        if (source != null) {
            return FieldError.parameter(source.in(), source.name(), code, message);
        }
        if (bodyPath.isEmpty()) {
            // the whole body, for example a missing one
            return new FieldError(parameterName == null ? "body" : parameterName, "", FieldError.IN_BODY, code, message);
        }
        return FieldError.body(bodyPath.toString(), code, message);
    }

    /** Jackson's view of a property of the body: its JSON name follows {@code @JsonProperty} and the naming strategy. */
    private BeanPropertyDefinition property(JavaType type, String javaName) {
        if (type.isContainerType() || type.getRawClass().getName().startsWith("java.")) {
            return null;
        }
        return properties.computeIfAbsent(type, this::introspect).get(javaName);
    }

    /** The properties of a body type by their Java names: introspecting a bean is costly, so once per type. */
    private Map<String, BeanPropertyDefinition> introspect(JavaType type) {
        Map<String, BeanPropertyDefinition> byJavaName = new HashMap<>();
        for (BeanPropertyDefinition property : objectMapper.getDeserializationConfig().introspect(type)
                .findProperties()) {
            byJavaName.putIfAbsent(property.getInternalName(), property);
        }
        return byJavaName;
    }

    /** A parameter declared on a superclass or a {@code @Path} interface of the resource. */
    private ParameterSources.Source findInHierarchy(Class<?> type, String methodName, int index) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            ParameterSources.Source source = parameterSources.find(current.getName(), methodName, index);
            if (source != null) {
                return source;
            }
            for (Class<?> implemented : current.getInterfaces()) {
                source = findInHierarchy(implemented, methodName, index);
                if (source != null) {
                    return source;
                }
            }
        }
        return null;
    }

    private static boolean isReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /** The resource class behind a CDI subclass or proxy. */
    private static String resourceClassName(Class<?> type) {
        String name = type.getName();
        int generated = name.indexOf("_Subclass");
        if (generated < 0) {
            generated = name.indexOf("_ClientProxy");
        }
        return generated < 0 ? name : name.substring(0, generated);
    }

    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
