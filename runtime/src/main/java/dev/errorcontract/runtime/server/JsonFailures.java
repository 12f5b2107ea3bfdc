package dev.errorcontract.runtime.server;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.errorcontract.ApiError;
import dev.errorcontract.ErrorCodes;
import dev.errorcontract.FieldError;
import dev.errorcontract.runtime.server.FailureClassifier.Classified;

/** Jackson's failures: finding one behind a failure, and a request body it could not read as the caller's 400. */
final class JsonFailures {

    private JsonFailures() {
    }

    /** The Jackson failure behind a failure, or {@code null}. */
    static JsonProcessingException jsonCause(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof JsonProcessingException json) {
                return json;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    /** 400 {@code malformed_body}, naming the field when the failure is about one; the parser's message is not shown. */
    static Classified malformedBody(JsonProcessingException json, FailureClassifier.Texts texts) {
        String field = json instanceof JsonMappingException mapping ? fieldPath(mapping.getPath()) : null;
        if (field == null) {
            return new Classified(ApiError.of(400, ErrorCodes.MALFORMED_BODY, texts.text("detail.malformed_body")),
                    Map.of(), null);
        }
        boolean missing = json instanceof MismatchedInputException && json.getMessage() != null
                && json.getMessage().startsWith("Missing required");
        FieldError error = FieldError.body(field, "invalid_type",
                texts.text(missing ? "field.required" : "field.invalid_type"));
        return new Classified(ApiError.of(400, ErrorCodes.MALFORMED_BODY,
                texts.text("detail.malformed_body.field", field)).withErrors(List.of(error)), Map.of(), null);
    }

    /** The JSON path of a mapping failure as {@code items[0].sku}, or {@code null} when it is not about a field. */
    static String fieldPath(List<JsonMappingException.Reference> path) {
        if (path == null || path.isEmpty()) {
            return null;
        }
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? null : field.toString();
    }
}
