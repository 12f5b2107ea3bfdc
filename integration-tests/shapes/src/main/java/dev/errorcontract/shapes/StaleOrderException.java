package dev.errorcontract.shapes;

import dev.errorcontract.ErrorCode;

@ErrorCode(status = 409, code = "stale_order", exposeMessage = true)
public class StaleOrderException extends IllegalStateException {

    public StaleOrderException(String message) {
        super(message);
    }
}
