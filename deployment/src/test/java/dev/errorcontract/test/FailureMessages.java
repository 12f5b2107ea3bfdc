package dev.errorcontract.test;

/** The messages of a failure, its causes and suppressed exceptions, for asserting on build and start-up failures. */
public final class FailureMessages {

    private FailureMessages() {
    }

    public static String of(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable current = failure; current != null; current = current.getCause()) {
            messages.append(current.getMessage()).append('\n');
            for (Throwable suppressed : current.getSuppressed()) {
                messages.append(of(suppressed));
            }
        }
        return messages.toString();
    }
}
