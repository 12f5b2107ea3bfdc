package dev.errorcontract.it.tasks;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /tasks}. */
public record NewTask(
        @NotNull @Size(min = 1, max = 200) String title,
        @NotNull @Pattern(regexp = "low|medium|high|urgent", message = "Must be one of: low, medium, high, urgent") String priority) {
}
