package dev.errorcontract.shapes;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestForm;

/** Parameters from everywhere a request carries them: a @BeanParam, a form, a cookie. */
@Path("/search")
public class SearchResource {

    public static class SearchParams {
        @QueryParam("q")
        @NotBlank
        public String query;

        @HeaderParam("X-Tenant")
        @NotBlank
        public String tenant;

        @CookieParam("session")
        @NotBlank
        public String session;
    }

    @GET
    public String search(@Valid @BeanParam SearchParams params) {
        return params.query;
    }

    @POST
    @Path("/feedback")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public String feedback(@FormParam("star_rating") @Min(1) @Max(5) int rating, @RestForm @NotBlank String comment,
            @CookieParam("session") @NotBlank String session) {
        return "thanks";
    }
}
