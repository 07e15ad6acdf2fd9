package org.jointchat.api;

import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseUnavailableException;
import org.jointchat.platform.Messages;
import org.jointchat.platform.ServerBusyException;
import org.jointchat.platform.TooManyRequestsException;

/**
 * Every failure of an API call becomes an application/problem+json answer; nothing internal (stack
 * traces, SQL, class names) reaches the client. Unexpected failures are logged here, once.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable failure = thrown;
        Locale locale = locale();
        if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof ProblemSource feature) {
            var builder = response(feature.problemType(), locale, feature.problemDetail(locale), feature.problemFields(locale));
            if (feature.retryAfterSeconds() != null) {
                builder.header(HttpHeaders.RETRY_AFTER, feature.retryAfterSeconds());
            }
            return builder.build();
        }
        if (failure instanceof DatabaseUnavailableException || Database.isUnreachable(failure)) {
            LOG.log(Level.WARNING, "Database unavailable", failure);
            return response(ProblemType.UNAVAILABLE, locale, null, List.of()).header(HttpHeaders.RETRY_AFTER, 5).build();
        }
        if (failure instanceof TooManyRequestsException tooMany) {
            return response(ProblemType.TOO_MANY_REQUESTS, locale, null, List.of())
                    .header(HttpHeaders.RETRY_AFTER, tooMany.retryAfterSeconds()).build();
        }
        if (failure instanceof ServerBusyException busy) {
            return response(ProblemType.BUSY, locale, null, List.of())
                    .header(HttpHeaders.RETRY_AFTER, busy.retryAfterSeconds()).build();
        }
        if (failure instanceof ProblemException problem) {
            var builder = response(problem.type(), locale, problem.detailKey() == null ? null
                    : Messages.get(locale, problem.detailKey(), problem.detailArguments()), List.of());
            if (problem.retryAfter() != null) {
                builder.header(HttpHeaders.RETRY_AFTER, Math.max(1, (problem.retryAfter().toMillis() + 999) / 1000));
            }
            if (problem.type().status() == 401) {
                builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"jointchat\"");
            }
            return builder.build();
        }
        if (causedBy(failure, BodySizeLimit.TooLarge.class)) {
            return response(ProblemType.PAYLOAD_TOO_LARGE, locale, null, List.of()).build();
        }
        if (causedBy(failure, JsonbException.class) || causedBy(failure, JsonParsingException.class)
                || failure instanceof ProcessingException) {
            return response(ProblemType.MALFORMED_REQUEST, locale, Messages.get(locale, "problem.malformed-request.detail"), List.of()).build();
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            var builder = response(ProblemType.forStatus(web.getResponse().getStatus()), locale, null, List.of());
            builder.status(web.getResponse().getStatus());
            web.getResponse().getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
            return builder.build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure in an API call", failure);
        return response(ProblemType.INTERNAL, locale, null, List.of()).build();
    }

    static Response.ResponseBuilder response(ProblemType type, Locale locale, String detail, List<Problem.FieldProblem> errors) {
        var problem = new Problem(type.uri(), Messages.get(locale, type.titleKey()), type.status(), detail,
                errors.isEmpty() ? null : errors);
        return Response.status(type.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    private Locale locale() {
        try {
            return headers == null ? Locale.ENGLISH : Messages.negotiate(headers.getAcceptableLanguages());
        } catch (RuntimeException malformedHeader) {
            return Locale.ENGLISH;
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
