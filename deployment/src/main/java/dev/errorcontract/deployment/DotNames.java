package dev.errorcontract.deployment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.jboss.jandex.DotName;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestMatrix;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.errorcontract.ApiException;
import dev.errorcontract.ErrorCode;
import dev.errorcontract.Idempotent;
import dev.errorcontract.RateLimited;
import io.quarkus.security.Authenticated;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The names of the annotations and types the build steps look for. Types of optional extensions the deployment module
 * does not depend on (Hibernate Validator, SmallRye Fault Tolerance, the REST client) are named by string.
 */
final class DotNames {

    static final DotName OBJECT = DotName.createSimple(Object.class);
    static final DotName THROWABLE = DotName.createSimple(Throwable.class);
    static final DotName STRING = DotName.createSimple(String.class);
    static final DotName BEAN_PARAM = DotName.createSimple(BeanParam.class);

    // the extension's own
    static final DotName ERROR_CODE = DotName.createSimple(ErrorCode.class);
    static final DotName API_EXCEPTION = DotName.createSimple(ApiException.class);
    static final DotName RATE_LIMITED = DotName.createSimple(RateLimited.class);
    static final DotName RATE_LIMIT_EXEMPT = DotName.createSimple(RateLimited.Exempt.class);
    static final DotName IDEMPOTENT = DotName.createSimple(Idempotent.class);

    // Jakarta REST and Quarkus REST
    static final DotName PATH = DotName.createSimple(Path.class);
    static final DotName CONSUMES = DotName.createSimple(Consumes.class);
    static final DotName PRODUCES = DotName.createSimple(Produces.class);
    static final DotName EXCEPTION_MAPPER = DotName.createSimple(ExceptionMapper.class);
    static final DotName SERVER_EXCEPTION_MAPPER = DotName.createSimple(ServerExceptionMapper.class);
    static final DotName CONTAINER_REQUEST_FILTER = DotName.createSimple(ContainerRequestFilter.class);
    static final DotName SERVER_REQUEST_FILTER = DotName.createSimple(ServerRequestFilter.class);
    static final DotName PROVIDER = DotName.createSimple(Provider.class);
    static final DotName PRE_MATCHING = DotName.createSimple(PreMatching.class);
    static final DotName PRIORITY = DotName.createSimple(Priority.class);
    static final DotName NON_BLOCKING = DotName.createSimple(NonBlocking.class);
    static final DotName WEB_APPLICATION_EXCEPTION = DotName.createSimple(WebApplicationException.class);
    static final DotName QUERY_PARAM = DotName.createSimple(QueryParam.class);
    static final DotName REST_QUERY = DotName.createSimple(RestQuery.class);
    static final DotName PATH_PARAM = DotName.createSimple(PathParam.class);
    static final DotName REST_PATH = DotName.createSimple(RestPath.class);
    static final DotName HEADER_PARAM = DotName.createSimple(HeaderParam.class);
    static final DotName REST_HEADER = DotName.createSimple(RestHeader.class);
    static final DotName COOKIE_PARAM = DotName.createSimple(CookieParam.class);
    static final DotName REST_COOKIE = DotName.createSimple(RestCookie.class);
    static final DotName FORM_PARAM = DotName.createSimple(FormParam.class);
    static final DotName REST_FORM = DotName.createSimple(RestForm.class);
    static final DotName MATRIX_PARAM = DotName.createSimple(MatrixParam.class);
    static final DotName REST_MATRIX = DotName.createSimple(RestMatrix.class);
    /** The prefixes of Jakarta REST's and Quarkus REST's parameter and context annotations. */
    static final List<String> REST_ANNOTATION_PREFIXES = List.of(packagePrefix(Path.class),
            packagePrefix(RestQuery.class) + "Rest");
    /** The HTTP method annotations by the method they stand for. */
    static final Map<String, DotName> HTTP_METHODS = bySimpleName(GET.class, POST.class, PUT.class, DELETE.class,
            PATCH.class, HEAD.class, OPTIONS.class);

    // Jackson
    static final DotName JSON_PROCESSING_EXCEPTION = DotName.createSimple(JsonProcessingException.class);
    static final DotName JSON_PARSE_EXCEPTION = DotName.createSimple(JsonParseException.class);
    static final DotName JSON_MAPPING_EXCEPTION = DotName.createSimple(JsonMappingException.class);
    static final DotName MISMATCHED_INPUT_EXCEPTION = DotName.createSimple(MismatchedInputException.class);
    static final DotName INVALID_DEFINITION_EXCEPTION = DotName.createSimple(InvalidDefinitionException.class);

    // security
    static final DotName PERMIT_ALL = DotName.createSimple(PermitAll.class);
    static final DotName ROLES_ALLOWED = DotName.createSimple(RolesAllowed.class);
    static final DotName AUTHENTICATED = DotName.createSimple(Authenticated.class);
    static final DotName PERMISSIONS_ALLOWED = DotName.createSimple(PermissionsAllowed.class);
    static final DotName UNAUTHORIZED_EXCEPTION = DotName.createSimple(UnauthorizedException.class);
    static final DotName AUTHENTICATION_FAILED_EXCEPTION = DotName.createSimple(AuthenticationFailedException.class);
    static final DotName FORBIDDEN_EXCEPTION = DotName.createSimple(ForbiddenException.class);

    // Hibernate Validator (Jakarta Validation)
    static final DotName VALID = DotName.createSimple("jakarta.validation.Valid");
    static final DotName VALIDATION_EXCEPTION = DotName.createSimple("jakarta.validation.ValidationException");
    static final String CONSTRAINTS_PACKAGE = "jakarta.validation.constraints.";

    // SmallRye Fault Tolerance
    static final DotName FAULT_TOLERANCE_EXCEPTION = DotName
            .createSimple("org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException");
    static final DotName RETRY = DotName.createSimple("org.eclipse.microprofile.faulttolerance.Retry");
    static final DotName CIRCUIT_BREAKER = DotName
            .createSimple("org.eclipse.microprofile.faulttolerance.CircuitBreaker");
    static final DotName BULKHEAD = DotName.createSimple("org.eclipse.microprofile.faulttolerance.Bulkhead");
    static final DotName TIMEOUT = DotName.createSimple("org.eclipse.microprofile.faulttolerance.Timeout");
    static final DotName FT_RATE_LIMIT = DotName.createSimple("io.smallrye.faulttolerance.api.RateLimit");
    static final DotName RETRY_WHEN = DotName.createSimple("io.smallrye.faulttolerance.api.RetryWhen");
    static final DotName CUSTOM_BACKOFF = DotName.createSimple("io.smallrye.faulttolerance.api.CustomBackoff");
    static final DotName EXPONENTIAL_BACKOFF = DotName
            .createSimple("io.smallrye.faulttolerance.api.ExponentialBackoff");
    static final DotName FIBONACCI_BACKOFF = DotName.createSimple("io.smallrye.faulttolerance.api.FibonacciBackoff");

    // the REST client
    static final DotName REST_CLIENT = DotName.createSimple("org.eclipse.microprofile.rest.client.inject.RestClient");

    private DotNames() {
    }

    private static Map<String, DotName> bySimpleName(Class<?>... types) {
        Map<String, DotName> names = new LinkedHashMap<>();
        for (Class<?> type : types) {
            names.put(type.getSimpleName(), DotName.createSimple(type));
        }
        return Collections.unmodifiableMap(names);
    }

    private static String packagePrefix(Class<?> type) {
        return type.getPackageName() + '.';
    }
}
