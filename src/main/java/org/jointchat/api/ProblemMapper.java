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
import org.jointchat.account.InvalidInputException;
import org.jointchat.account.LoginTakenException;
import org.jointchat.account.RegistrationRefusedException;
import org.jointchat.attachment.AttachmentError;
import org.jointchat.attachment.AttachmentException;
import org.jointchat.message.ChatError;
import org.jointchat.message.ChatException;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseUnavailableException;
import org.jointchat.platform.Messages;
import org.jointchat.platform.ServerBusyException;
import org.jointchat.platform.TooManyRequestsException;
import org.jointchat.room.RoomException;

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
        if (failure instanceof ChatException chat) {
            var builder = response(forChat(chat.code()), locale, chat.getMessage(), List.of());
            if (chat.code() == ChatError.UNAVAILABLE) {
                builder.header(HttpHeaders.RETRY_AFTER, 5);
            }
            return builder.build();
        }
        if (failure instanceof RoomException room) {
            var type = switch (room.error()) {
                case NOT_FOUND, USER_NOT_FOUND, NOT_A_MEMBER -> ProblemType.NOT_FOUND;
                case FORBIDDEN -> ProblemType.FORBIDDEN;
                case NAME_TAKEN -> ProblemType.ROOM_NAME_TAKEN;
                case INVALID -> ProblemType.VALIDATION;
                case BANNED -> ProblemType.BANNED;
                case ARCHIVED -> ProblemType.ARCHIVED;
            };
            return response(type, locale, Messages.get(locale, room.messageKey()), List.of()).build();
        }
        if (failure instanceof AttachmentException file) {
            var type = switch (file.error()) {
                case NOT_FOUND -> ProblemType.NOT_FOUND;
                case NOT_MEMBER -> ProblemType.NOT_MEMBER;
                case FILE_TOO_LARGE -> ProblemType.FILE_TOO_LARGE;
                case QUOTA_EXCEEDED -> ProblemType.QUOTA_EXCEEDED;
                case UNSUPPORTED_FILE_TYPE -> ProblemType.UNSUPPORTED_FILE_TYPE;
                case BUSY -> ProblemType.UNAVAILABLE;
            };
            var builder = response(type, locale, Messages.get(locale, file.messageKey(), file.arguments()), List.of());
            if (file.error() == AttachmentError.BUSY) {
                builder.header(HttpHeaders.RETRY_AFTER, 3);
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
        if (failure instanceof InvalidInputException invalid) {
            var fields = invalid.errors().stream()
                    .map(e -> new Problem.FieldProblem(e.field(), Messages.get(locale, e.messageKey())))
                    .toList();
            return response(ProblemType.VALIDATION, locale, null, fields).build();
        }
        if (failure instanceof RegistrationRefusedException refused) {
            var type = switch (refused.reason()) {
                case CLOSED -> ProblemType.REGISTRATION_CLOSED;
                case INVITE_REQUIRED -> ProblemType.INVITE_REQUIRED;
                case INVITE_INVALID -> ProblemType.INVITE_INVALID;
            };
            return response(type, locale, Messages.get(locale, refused.reason().messageKey()), List.of()).build();
        }
        if (failure instanceof LoginTakenException) {
            return response(ProblemType.CONFLICT_LOGIN_TAKEN, locale, null,
                    List.of(new Problem.FieldProblem("login", Messages.get(locale, "account.login.taken")))).build();
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

    private static ProblemType forChat(ChatError code) {
        return switch (code) {
            case INVALID -> ProblemType.VALIDATION;
            case EMPTY -> ProblemType.EMPTY;
            case TOO_LONG -> ProblemType.TOO_LONG;
            case FORBIDDEN -> ProblemType.FORBIDDEN;
            case NOT_MEMBER -> ProblemType.NOT_MEMBER;
            case RATE_LIMITED -> ProblemType.RATE_LIMITED;
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case UNAVAILABLE -> ProblemType.UNAVAILABLE;
            case MUTED -> ProblemType.MUTED;
            case ARCHIVED -> ProblemType.ARCHIVED;
            case ANNOUNCEMENT_ONLY -> ProblemType.ANNOUNCEMENT_ONLY;
        };
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
