package dev.errorcontract.runtime.config;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Which exceptions map to which catalogue entries; fixed at build time because the mappers are registered then.
 */
@ConfigMapping(prefix = "quarkus.error-contract")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface ErrorContractBuildTimeConfig {

    /**
     * Exception types mapped to catalogue entries.
     * <p>
     * Keyed by fully qualified class name (an application's own class, or one of a library or the JDK); the same as
     * {@code @ErrorCode} on the class, which this overrides. Subtypes are included.
     */
    @ConfigDocMapKey("exception-class")
    @ConfigDocSection
    Map<String, ExceptionMapping> exceptions();

    interface ExceptionMapping {
        /**
         * The HTTP status, 400 to 599 (required), of the exception class the key names by its fully qualified name:
         * an application's own class, or one of a library or the JDK, subtypes included. It overrides
         * {@code @ErrorCode} on the class.
         */
        Integer status();

        /** The stable snake_case code; the catalogue code of the status when not set. */
        Optional<String> code();

        /** Whether the exception message is safe to show as {@code detail} (never for a 5xx). */
        @WithDefault("false")
        boolean exposeMessage();
    }
}
