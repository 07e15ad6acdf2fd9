package org.jointchat.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.spi.JsonProvider;
import org.jointchat.draft.DraftChanged;
import org.jointchat.message.MessageJson;

/**
 * A user's saved or cleared draft (issue 22, item 6) to every socket of that user, as a {@code draft} frame
 * (docs/protocol.md, "Drafts"): their other tabs and devices show the same draft.
 */
@ApplicationScoped
public class DraftAnnouncer {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    Fanout fanout;

    /** On the request's thread, as the service fired it: the draft is already stored. */
    void changed(@Observes DraftChanged draft) {
        fanout.toUser(draft.login(), frame(draft));
    }

    static String frame(DraftChanged draft) {
        var json = JSON.createObjectBuilder().add("type", "draft").add("room", draft.roomId()).add("thread", draft.thread())
                .add("text", draft.text()).add("updatedAt", MessageJson.time(draft.updatedAt()));
        if (draft.origin() != null) {
            json.add("origin", draft.origin());
        }
        return json.build().toString();
    }
}
