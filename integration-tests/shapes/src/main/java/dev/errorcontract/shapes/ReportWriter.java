package dev.errorcontract.shapes;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;

/** A custom writer (CSV reports) that fails, as writers of real applications do. */
@Provider
@Produces("text/csv")
public class ReportWriter implements MessageBodyWriter<FailuresResource.Report> {

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == FailuresResource.Report.class;
    }

    @Override
    public void writeTo(FailuresResource.Report report, Class<?> type, Type genericType, Annotation[] annotations,
            MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream)
            throws IOException {
        throw new IllegalStateException("template missing: /opt/app/templates/report.csv");
    }
}
