package dev.errorcontract.deployment;

import io.quarkus.builder.item.MultiBuildItem;

/**
 * An application exception type mapped to a catalogue entry, by {@code @ErrorCode} or by configuration.
 */
public final class DeclaredExceptionBuildItem extends MultiBuildItem {

    final String className;
    final int status;
    final String code;
    final boolean exposeMessage;
    /** Where the mapping was written, for error messages. */
    final String origin;

    DeclaredExceptionBuildItem(String className, int status, String code, boolean exposeMessage, String origin) {
        this.className = className;
        this.status = status;
        this.code = code;
        this.exposeMessage = exposeMessage;
        this.origin = origin;
    }
}
