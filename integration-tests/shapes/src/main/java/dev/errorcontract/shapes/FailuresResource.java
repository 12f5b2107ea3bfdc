package dev.errorcontract.shapes;

import java.io.OutputStream;
import java.util.ConcurrentModificationException;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/** Failures in every phase of a request, the way real code produces them. */
@Path("/failures")
@Produces(MediaType.APPLICATION_JSON)
public class FailuresResource {

    @Inject
    ObjectMapper objectMapper;

    /** The application's own JSON parsing fails: not the caller's fault (there is no request body). */
    @GET
    @Path("/own-json")
    public Order ownJson() throws Exception {
        return objectMapper.readValue("{\"customer_name\": ", Order.class);
    }

    /** A getter throws while Jackson writes the response. */
    @GET
    @Path("/throwing-getter")
    public ThrowingBean throwingGetter() {
        return new ThrowingBean();
    }

    /** A bean Jackson cannot write at all (no properties). */
    @GET
    @Path("/empty-bean")
    public EmptyBean emptyBean() {
        return new EmptyBean();
    }

    /** A custom MessageBodyWriter throws before writing anything. */
    @GET
    @Path("/custom-writer")
    @Produces("text/csv")
    public Report customWriter() {
        return new Report("broken");
    }

    @GET
    @Path("/stream-fails-before")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public StreamingOutput streamFailsBefore() {
        return output -> {
            throw new IllegalStateException("storage offline at s3://internal-bucket");
        };
    }

    /** A download that fails after 64 KiB were sent: the client must see it cut short. */
    @GET
    @Path("/stream-fails-after")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public StreamingOutput streamFailsAfter() {
        return (OutputStream output) -> {
            byte[] chunk = new byte[16 * 1024];
            for (int i = 0; i < 4; i++) {
                output.write(chunk);
                output.flush();
            }
            throw new IllegalStateException("storage offline at s3://internal-bucket");
        };
    }

    /** A reactive download of Vert.x buffers that fails after 64 KiB were sent. */
    @GET
    @Path("/buffers-fail-after")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Multi<Buffer> buffersFailAfter() {
        return Multi.createFrom().range(0, 4).map(i -> Buffer.buffer(new byte[16 * 1024]))
                .onCompletion().failWith(() -> new IllegalStateException("storage offline at s3://internal-bucket"));
    }

    /** A reactive download of byte arrays that fails after 64 KiB were sent. */
    @GET
    @Path("/bytes-fail-after")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Multi<byte[]> bytesFailAfter() {
        return Multi.createFrom().range(0, 4).map(i -> new byte[16 * 1024])
                .onCompletion().failWith(() -> new IllegalStateException("storage offline at s3://internal-bucket"));
    }

    @GET
    @Path("/reactive")
    public Uni<Order> reactive() {
        return Uni.createFrom().failure(new IllegalStateException("reactive pipeline broke"));
    }

    @GET
    @Path("/reactive-declared")
    public Uni<Order> reactiveDeclared() {
        return Uni.createFrom().failure(new StaleOrderException("order 7 changed meanwhile"));
    }

    @GET
    @Path("/multi")
    public Multi<String> multi() {
        return Multi.createFrom().failure(new IllegalStateException("stream broke"));
    }

    @GET
    @Path("/unavailable")
    public String unavailable() {
        throw new ServiceUnavailableException(30L);
    }

    @GET
    @Path("/status/{status}")
    public String status(@PathParam("status") int status) {
        throw new WebApplicationException("internal detail of " + status, status);
    }

    /** A library exception mapped by configuration. */
    @GET
    @Path("/concurrent-modification")
    public String concurrentModification() {
        throw new ConcurrentModificationException("list changed at index 3");
    }

    /** An @ErrorCode exception extending a JDK exception other than Exception/RuntimeException. */
    @GET
    @Path("/stale")
    public String stale() {
        throw new StaleOrderException("order 7 changed meanwhile");
    }

    public static class ThrowingBean {
        public String getName() {
            throw new IllegalStateException("lazy loading outside a session: jdbc:postgresql://db/orders");
        }
    }

    public static class EmptyBean {
    }

    public record Report(String title) {
    }
}
