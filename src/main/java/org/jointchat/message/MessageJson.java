package org.jointchat.message;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** A message as JSON: the one shape that WebSocket frames (realtime's {@code Frames}) and the REST API share. */
public final class MessageJson {

    /** Looked up once: JSON.createObjectBuilder() would search for the provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private MessageJson() {
    }

    /** An instant as the protocol writes it: ISO-8601 UTC, milliseconds; null stays null. */
    public static String time(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * A message as frames and the REST API show it (docs/protocol.md, "Messages"); absent fields are left out.
     * {@code type}: the frame type ("message", "changed"), or null for the REST API.
     */
    public static JsonObjectBuilder object(ChatMessage m, String type) {
        var json = JSON.createObjectBuilder();
        if (type != null) {
            json.add("type", type);
        }
        json.add("room", m.roomId()).add("seq", m.seq()).add("id", m.id()).add("version", m.version())
                .add("author", m.author()).add("authorName", m.authorName())
                .add("text", m.text()).add("html", m.html()).add("sentAt", time(m.sentAt())).add("clientId", m.clientId());
        if (m.system() != null) {
            // A system line (docs/protocol.md, "System lines"): data for the page to render in the reader's language.
            var e = m.system();
            var event = JSON.createObjectBuilder().add("type", e.type());
            if (e.target() != null) {
                event.add("target", e.target()).add("targetName", e.targetName());
            }
            if (e.value() != null) {
                event.add("value", e.value());
            }
            json.add("kind", "system").add("event", event);
        }
        if (m.editedAt() != null) {
            json.add("editedAt", time(m.editedAt()));
        }
        if (m.deleted()) {
            json.add("deleted", true);
            if (m.removedByModerator()) {
                json.add("removedByModerator", true);
            }
        }
        if (m.replyTo() != null) {
            var q = m.replyTo();
            json.add("replyTo", JSON.createObjectBuilder().add("seq", q.seq()).add("author", q.author())
                    .add("authorName", q.authorName()).add("text", q.text()).add("deleted", q.deleted()));
        }
        if (!m.mentions().isEmpty()) {
            json.add("mentions", JSON.createArrayBuilder(m.mentions()));
        }
        if (!m.reactions().isEmpty()) {
            var reactions = JSON.createArrayBuilder();
            m.reactions().forEach(r -> reactions.add(JSON.createObjectBuilder().add("emoji", r.emoji())
                    .add("count", r.count()).add("users", JSON.createArrayBuilder(r.users()))));
            json.add("reactions", reactions);
        }
        if (!m.attachments().isEmpty()) {
            var files = JSON.createArrayBuilder();
            m.attachments().forEach(a -> files.add(JSON.createObjectBuilder().add("id", a.id()).add("name", a.name())
                    .add("contentType", a.contentType()).add("size", a.size()).add("image", a.image())));
            json.add("attachments", files);
        }
        // Threads (issue 22, item 1; docs/protocol.md, "Threads"): on a reply its root, on a root with replies its summary.
        if (m.thread() != null) {
            json.add("thread", m.thread());
            if (m.alsoToRoom()) {
                json.add("alsoToRoom", true);
            }
        }
        if (m.threadSummary() != null) {
            var t = m.threadSummary();
            var participants = JSON.createArrayBuilder();
            t.participants().forEach(p -> participants.add(JSON.createObjectBuilder().add("login", p.login())
                    .add("displayName", p.displayName())));
            var summary = JSON.createObjectBuilder().add("replies", t.replies());
            if (t.lastReplyAt() != null) {
                summary.add("lastReplyAt", time(t.lastReplyAt()));
            }
            json.add("threadSummary", summary.add("participants", participants));
        }
        if (m.pinned() != null) {
            // Pins (issue 22, item 2): who pinned it and when; "by"/"byName" absent when that account is gone.
            var pin = JSON.createObjectBuilder();
            if (m.pinned().by() != null) {
                pin.add("by", m.pinned().by()).add("byName", m.pinned().byName());
            }
            json.add("pinned", pin.add("at", time(m.pinned().at())));
        }
        if (m.forwarded() != null) {
            // Forwarding (issue 22, item 5): the original as it was; room and seq only when the link is shared.
            var f = m.forwarded();
            var forwarded = JSON.createObjectBuilder().add("author", f.author()).add("authorName", f.authorName())
                    .add("sentAt", time(f.sentAt())).add("text", f.text()).add("html", f.html());
            if (f.roomId() != null) {
                forwarded.add("room", f.roomId()).add("seq", f.seq());
            }
            json.add("forwarded", forwarded);
        }
        return json;
    }
}
