package org.jointchat.api;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is stable and documented in docs/api.md; {@code title}
 * is in the caller's language; {@code errors} lists the offending fields of a validation problem.
 */
public record Problem(String type, String title, int status, String detail, List<FieldProblem> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldProblem(String field, String message) {
    }
}
