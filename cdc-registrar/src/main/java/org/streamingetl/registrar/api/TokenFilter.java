package org.streamingetl.registrar.api;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.streamingetl.registrar.config.RegistrarConfig;

/** Refuses {@link RequiresToken} operations without the configured bearer token (401), and logs the refusal. */
@Provider
@RequiresToken
public class TokenFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(TokenFilter.class);

    // Looked up per request: JAX-RS providers are created before the runtime configuration is there.
    @Inject
    Instance<RegistrarConfig> config;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> refusal = TokenCheck.refusal(config.get().api().token(),
                request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (refusal.isPresent()) {
            LOG.warnf("Refused %s %s: %s", request.getMethod(), request.getUriInfo().getPath(), refusal.get());
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("error", refusal.get())).build());
        }
    }
}
