package dev.errorcontract.shapes;

import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An order as the client writes it: SNAKE_CASE names (from the naming strategy) and one explicit name. */
public record Order(@NotBlank String customerName,
        @JsonProperty("due_date") @NotNull LocalDate deliverBy,
        @Valid @Size(min = 1) List<LineItem> lineItems) {

    public record LineItem(@NotBlank String productName, @Positive int quantity) {
    }
}
