package dev.errorcontract.shapes;

import java.time.LocalDate;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.jboss.resteasy.reactive.RestQuery;

/** Parameters grouped in @BeanParam classes: converted members, from the query, the headers, a cookie and the path. */
@Path("/reports")
public class ReportsResource {

    public static class Window {
        @QueryParam("page_size")
        public int pageSize;

        @QueryParam("from")
        public LocalDate from;

        @RestQuery
        public Integer offset;

        @HeaderParam("X-Max-Rows")
        public Integer maxRows;

        @CookieParam("tz_offset")
        public Integer tzOffset;
    }

    public static class Year {
        @PathParam("year")
        public int year;
    }

    /** A record of parameters, constructor-injected. */
    public record Range(@QueryParam("to") LocalDate to, @HeaderParam("X-Min-Rows") Integer minRows) {
    }

    @GET
    public String list(@BeanParam Window window) {
        return "page " + window.pageSize + " from " + window.from;
    }

    @GET
    @Path("/{year}")
    public String ofYear(@BeanParam Year year) {
        return "year " + year.year;
    }

    @GET
    @Path("/range")
    public String range(@BeanParam Range range) {
        return "to " + range.to();
    }
}
