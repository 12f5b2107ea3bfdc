package dev.errorcontract.runtime.server;

import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Map;

import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.core.parameters.converters.ParameterConverter;

import dev.errorcontract.FieldError;

/**
 * Which member of a {@code @BeanParam} Quarkus REST could not convert. Its failure does not say: Quarkus REST injects
 * the members one after the other and wraps the first converter's exception in a bare 404 (query, path) or 400
 * (header, cookie, form), and the half-filled instance is gone. So each member the request sends is given, as Quarkus
 * REST gives it, to the converter Quarkus REST generated for that member (a static field of the class, since it
 * rewrites {@code @BeanParam} classes at build time); the member whose converter refuses its value is the bad one.
 */
final class BeanParams {

    /** The prefix of the static field that holds a member's converter in a class Quarkus REST injects. */
    static final String CONVERTER_PREFIX = "__quarkus_converter__";

    private BeanParams() {
    }

    /** The member of the {@code @BeanParam} class {@code type} whose value cannot be converted, or {@code null}. */
    static FieldError badMember(Class<?> type, ResteasyReactiveRequestContext request, ParameterSources sources) {
        for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
            for (Map.Entry<String, ParameterSources.Source> member : sources.members(current.getName()).entrySet()) {
                ParameterSources.Source source = member.getValue();
                if (!converts(current, member.getKey(), source, request)) {
                    return FieldError.parameter(source.in(), source.name(), "invalid_type", null);
                }
            }
        }
        return null;
    }

    /** Whether the member's value, as the request sends it, converts (or there is none, or nothing to convert). */
    private static boolean converts(Class<?> type, String field, ParameterSources.Source source,
            ResteasyReactiveRequestContext request) {
        ParameterConverter converter;
        boolean single;
        try {
            Field holder = type.getDeclaredField(CONVERTER_PREFIX + field);
            holder.setAccessible(true);
            converter = (ParameterConverter) holder.get(null);
            single = !Collection.class.isAssignableFrom(type.getDeclaredField(field).getType());
        } catch (NoSuchFieldException e) {
            return true; // no converter: a String member, which cannot fail
        } catch (ReflectiveOperationException | RuntimeException e) {
            ErrorResponses.LOG.debugf("Cannot check the @BeanParam member %s.%s: %s", type.getName(), field, e);
            return true;
        }
        Object value = switch (source.in()) {
            case FieldError.IN_QUERY -> request.getQueryParameter(source.name(), single, false, null);
            case FieldError.IN_HEADER -> request.getHeader(source.name(), single);
            case FieldError.IN_COOKIE -> request.getCookieParameter(source.name());
            case FieldError.IN_FORM -> request.getFormParameter(source.name(), single, false);
            case FieldError.IN_PATH -> request.getPathParameter(source.name(), false);
            default -> null;
        };
        if (converter == null || value == null || (value instanceof Collection<?> values && values.isEmpty())) {
            return true;
        }
        try {
            converter.convert(value);
            return true;
        } catch (RuntimeException refused) {
            return false;
        }
    }
}
