package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A page's form refused for now, answered as the API answers it: {@code 429} (too many attempts from this address)
 * or {@code 503} (password hashing busy) with {@code Retry-After}; the page itself renders as usual with a Faces
 * message that says when to try again.
 */
final class RetryLater {

    static final int TOO_MANY_REQUESTS = 429;

    private RetryLater() {
    }

    static void tooMany(FacesContext faces, long seconds) {
        answer(faces, TOO_MANY_REQUESTS, seconds);
        FacesText.error(null, "abuse.tooMany", seconds);
    }

    static void busy(FacesContext faces, long seconds) {
        answer(faces, HttpServletResponse.SC_SERVICE_UNAVAILABLE, seconds);
        FacesText.error(null, "abuse.busy", seconds);
    }

    private static void answer(FacesContext faces, int status, long seconds) {
        var response = (HttpServletResponse) faces.getExternalContext().getResponse();
        response.setStatus(status);
        response.setHeader("Retry-After", Long.toString(seconds));
    }
}
