package dev.errorcontract.runtime.server;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.errorcontract.runtime.config.ErrorContractConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class ServerRecorder {

    private final RuntimeValue<ErrorContractConfig> config;
    private final RuntimeValue<VertxHttpConfig> httpConfig;

    public ServerRecorder(RuntimeValue<ErrorContractConfig> config, RuntimeValue<VertxHttpConfig> httpConfig) {
        this.config = config;
        this.httpConfig = httpConfig;
    }

    public Handler<RoutingContext> problemAccept() {
        return new ProblemAccept();
    }

    public Handler<RoutingContext> requestIds() {
        return new RequestIds(config.getValue().requestId().header());
    }

    /** The contract's 413 for a declared body over {@code quarkus.http.limits.max-body-size}, or no filter. */
    public Handler<RoutingContext> bodyLimit() {
        return httpConfig.getValue().limits().maxBodySize()
                .map(limit -> (Handler<RoutingContext>) new BodyLimitHandler(limit.asLongValue()))
                .orElse(null);
    }

    /** The contract's 401s for what Quarkus's HTTP security answers itself. */
    public Handler<RoutingContext> contractChallenges() {
        return new ContractChallenges();
    }

    public Handler<RoutingContext> failureHandler() {
        return new HttpFailureHandler();
    }

    /** @param mappings exception class name to its catalogue entry */
    public Supplier<DeclaredExceptions> declaredExceptions(Map<String, DeclaredExceptions.Mapping> mappings) {
        DeclaredExceptions declared = new DeclaredExceptions(mappings);
        return () -> declared;
    }

    /** @param methodsByTemplate resource path template to its HTTP methods */
    public Supplier<AllowedMethods> allowedMethods(Map<String, List<String>> methodsByTemplate) {
        AllowedMethods allowedMethods = new AllowedMethods(methodsByTemplate);
        return () -> allowedMethods;
    }

    /**
     * @param parameters the resource method parameters that do not come from the body, with their source
     * @param fields the members of {@code @BeanParam} classes, with their source
     */
    public Supplier<ParameterSources> parameterSources(List<ParameterSources.MethodParameter> parameters,
            List<ParameterSources.BeanParamField> fields) {
        ParameterSources parameterSources = new ParameterSources(parameters, fields);
        return () -> parameterSources;
    }
}
