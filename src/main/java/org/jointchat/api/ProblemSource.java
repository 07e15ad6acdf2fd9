package org.jointchat.api;

import java.util.List;
import java.util.Locale;

/**
 * A feature's refusal that knows its own problem document. Features throw, the edge maps: the
 * {@link ProblemMapper} answers with what this says and needs to know no feature.
 */
public interface ProblemSource {

    ProblemType problemType();

    /** The problem's detail in {@code locale}, or null for none. */
    String problemDetail(Locale locale);

    /** The offending fields of a validation problem; none by default. */
    default List<Problem.FieldProblem> problemFields(Locale locale) {
        return List.of();
    }

    /** Seconds for a Retry-After header, or null for none. */
    default Integer retryAfterSeconds() {
        return null;
    }
}
