package org.jointchat.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses request bodies over the configured size with 413, whether the client announces the length
 * or streams it chunked, before anything is parsed. It runs once the operation is known (nothing reads a
 * body before), so that the operations marked {@link OwnBodyLimit} — file uploads, bounded by their own
 * larger limit — can be left out; those are the only exception.
 */
@Provider
public class BodySizeLimit implements ContainerRequestFilter, ReaderInterceptor {

    /** Request property: the matched operation bounds its body itself. */
    private static final String OWN_LIMIT = BodySizeLimit.class.getName() + ".ownLimit";

    @Inject
    @ConfigProperty(name = "jointchat.api.max-body-bytes", defaultValue = "65536")
    long maxBytes;

    @Context
    ResourceInfo operation;

    @Override
    public void filter(ContainerRequestContext request) {
        var method = operation.getResourceMethod();
        if (method != null && method.isAnnotationPresent(OwnBodyLimit.class)) {
            request.setProperty(OWN_LIMIT, Boolean.TRUE);
            return;
        }
        if (request.getLength() > maxBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE);
        }
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!Boolean.TRUE.equals(context.getProperty(OWN_LIMIT))) {
            context.setInputStream(new Bounded(context.getInputStream(), maxBytes));
        }
        return context.proceed();
    }

    /** Thrown (possibly wrapped by the JSON parser) when a body exceeds the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body too large");
        }
    }

    private static final class Bounded extends FilterInputStream {
        private long remaining;

        Bounded(InputStream in, long limit) {
            super(in);
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (remaining -= n) < 0) {
                throw new TooLarge();
            }
            return n;
        }
    }
}
