package org.jointchat.web;

import jakarta.faces.context.FacesContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.jointchat.api.ProblemException;

/** What the administration pages share: times in the view's language, and a refused action as a Faces message. */
final class AdminText {

    private AdminText() {
    }

    static String time(OffsetDateTime time) {
        return time == null ? "" : time.format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()));
    }

    /** The refusal's own message (e.g. "the last administrator"), else its problem title. */
    static void refused(ProblemException e) {
        if (e.detailKey() != null) {
            FacesText.error(null, e.detailKey(), e.detailArguments());
        } else {
            FacesText.error(null, e.type().titleKey());
        }
    }
}
