package dev.errorcontract.shapes;

import static dev.errorcontract.shapes.Contract.assertContract;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Item 5 and 6 together: a member of a {@code @BeanParam} that cannot be converted answers as the same parameter
 * declared on its own does, a 400 naming it where the caller sent it (a path parameter stays a 404).
 */
@QuarkusTest
public class BeanParamConversionTest {

    @Test
    void queryMemberNotANumber() {
        assertBadParameter(given().get("/reports?page_size=abc"), "page_size", "query");
    }

    @Test
    void queryMemberNotADate() {
        assertBadParameter(given().get("/reports?from=yesterday"), "from", "query");
    }

    @Test
    void queryMemberNamedAfterItsField() {
        assertBadParameter(given().get("/reports?offset=first"), "offset", "query");
    }

    @Test
    void onlyTheMemberThatCannotBeConvertedIsNamed() {
        assertBadParameter(given().get("/reports?from=2030-01-01&offset=2&page_size=abc"), "page_size", "query");
        assertBadParameter(given().get("/reports?from=tomorrow&offset=2&page_size=10"), "from", "query");
        assertBadParameter(given().header("X-Max-Rows", "5").cookie("tz_offset", "UTC").get("/reports"), "tz_offset",
                "cookie");
    }

    @Test
    void headerMemberNotANumber() {
        assertBadParameter(given().header("X-Max-Rows", "many").get("/reports"), "X-Max-Rows", "header");
    }

    @Test
    void cookieMemberNotANumber() {
        assertBadParameter(given().cookie("tz_offset", "CET").get("/reports"), "tz_offset", "cookie");
    }

    @Test
    void recordMembers() {
        assertBadParameter(given().get("/reports/range?to=soon"), "to", "query");
        assertBadParameter(given().header("X-Min-Rows", "few").get("/reports/range"), "X-Min-Rows", "header");
    }

    @Test
    void pathMemberStays404() {
        assertContract(given().get("/reports/last-year"), 404, "not_found");
    }

    @Test
    void validMembersPass() {
        given().queryParam("page_size", 20).queryParam("from", "2030-01-01").queryParam("offset", 3)
                .header("X-Max-Rows", "100").cookie("tz_offset", "60")
                .get("/reports").then().statusCode(200).body(equalTo("page 20 from 2030-01-01"));
        given().get("/reports/2031").then().statusCode(200).body(equalTo("year 2031"));
        given().get("/reports/range?to=2030-02-01").then().statusCode(200).body(equalTo("to 2030-02-01"));
    }

    private static void assertBadParameter(io.restassured.response.Response response, String name, String in) {
        assertContract(response, 400, "bad_request").then()
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(name))
                .body("errors[0].in", equalTo(in))
                .body("errors[0].pointer", nullValue());
    }
}
