package dev.errorcontract.runtime.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorRenderer;
import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.config.ErrorContractConfig;
import io.quarkus.arc.DefaultBean;

/**
 * The default rendering: RFC 9457 {@code application/problem+json} with the contract's extension members.
 */
@Singleton
@DefaultBean
public class ProblemDetailsRenderer implements ErrorRenderer {

    public static final String PROBLEM_JSON = "application/problem+json";

    private final String typeBaseUri;

    ProblemDetailsRenderer(ErrorContractConfig config) {
        this.typeBaseUri = config.typeBaseUri().orElse(null);
    }

    @Override
    public String contentType(ApiError error) {
        return PROBLEM_JSON;
    }

    @Override
    public Object render(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", typeBaseUri == null ? "about:blank" : typeBaseUri + error.code());
        body.put("title", error.title());
        body.put("status", error.status());
        if (error.detail() != null) {
            body.put("detail", error.detail());
        }
        if (error.instance() != null) {
            body.put("instance", error.instance());
        }
        body.put("code", error.code());
        if (error.requestId() != null) {
            body.put("request_id", error.requestId());
        }
        body.put("errors", fieldErrors(error.errors()));
        if (error.retryAfter() != null) {
            body.put("retry_after", error.retryAfter());
        }
        error.extensions().forEach(body::putIfAbsent);
        return body;
    }

    private static List<Map<String, Object>> fieldErrors(List<FieldError> errors) {
        List<Map<String, Object>> rendered = new ArrayList<>(errors.size());
        for (FieldError error : errors) {
            Map<String, Object> member = new LinkedHashMap<>();
            member.put("field", error.field());
            if (error.pointer() != null) {
                member.put("pointer", error.pointer());
            }
            if (error.in() != null) {
                member.put("in", error.in());
            }
            member.put("code", error.code());
            member.put("message", error.message());
            rendered.add(member);
        }
        return rendered;
    }
}
