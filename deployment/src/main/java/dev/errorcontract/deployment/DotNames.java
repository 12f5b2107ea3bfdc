package dev.errorcontract.deployment;

import org.jboss.jandex.DotName;

import dev.errorcontract.Idempotent;
import dev.errorcontract.RateLimited;

/** The names of the annotations and types the build steps look for. */
final class DotNames {

    static final DotName OBJECT = DotName.createSimple(Object.class);
    static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    static final DotName RATE_LIMITED = DotName.createSimple(RateLimited.class);
    static final DotName RATE_LIMIT_EXEMPT = DotName.createSimple(RateLimited.Exempt.class);
    static final DotName IDEMPOTENT = DotName.createSimple(Idempotent.class);

    private DotNames() {
    }
}
