package org.jointchat.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import jakarta.json.Json;
import java.util.List;
import java.util.MissingResourceException;

/**
 * The chat page's words as one JSON object (bundle key -> text in the view's language), rendered by app/home.xhtml
 * into {@code <script type="application/json" id="chat-texts">} for resources/js/chat/i18n/texts.js. Texts are
 * raw bundle patterns (plural forms and {0} are resolved in the page). Every {@code <} is written as
 * a JSON unicode escape, so no translation can end the script element ({@code </script>}) or open a comment.
 */
@Named
@RequestScoped
public class ChatPageTexts {

    /** The bundle keys the page uses (resources/js/chat: text.t('...') and i18n/texts.js ERROR_TEXTS). */
    static final List<String> KEYS = List.of(
            "chat.connecting",
            "chat.offline",
            "chat.typing",
            "chat.sending",
            "chat.failed",
            "chat.older",
            "chat.lastSeen",
            "problem.too-long",
            "problem.empty",
            "problem.rate-limited",
            "problem.not-member",
            "problem.not-found",
            "problem.validation",
            "rooms.memberCount",
            "chat.newBelow",
            "rooms.noDirect",
            "chat.today",
            "chat.yesterday",
            "chat.loadingOlder",
            "rooms.owner",
            "rooms.remove",
            "rooms.confirmLeave",
            "profile.onlineNow",
            "profile.none",
            "rooms.makeOwner",
            "rooms.confirmTransfer",
            "problem.forbidden",
            "problem.unavailable",
            "cancel",
            "save",
            "chat.actions",
            "chat.attachments",
            "chat.confirmDeleteMessage",
            "chat.delete",
            "chat.deleted",
            "chat.download",
            "chat.edit",
            "chat.editHint",
            "chat.editLabel",
            "chat.edited",
            "chat.editedAt",
            "chat.inReplyTo",
            "chat.mentions",
            "chat.unread",
            "chat.notLoaded",
            "chat.notNow",
            "chat.notifyMention",
            "chat.openImage",
            "chat.react",
            "chat.reactionCount",
            "chat.reactions",
            "chat.removeAttachment",
            "chat.reply",
            "chat.replyingTo",
            "chat.saving",
            "chat.searchCount",
            "chat.searchFailed",
            "chat.searchNone",
            "chat.searching",
            "chat.showOriginal",
            "chat.suggestions",
            "chat.tooFarBack",
            "chat.uploadFailed",
            "chat.uploading",
            "chat.you",
            "chat.removedByModerator",
            "chat.mod.errorMuted",
            "chat.mod.errorAnnouncement",
            "chat.mod.errorArchived",
            "chat.mod.mutedNotice",
            "chat.mod.announcementNotice",
            "chat.mod.archivedNotice",
            "chat.mod.remove",
            "chat.mod.mute",
            "chat.mod.ban",
            "chat.mod.report",
            "chat.mod.removeTitle",
            "chat.mod.removeText",
            "chat.mod.removeButton",
            "chat.mod.muteTitle",
            "chat.mod.muteText",
            "chat.mod.muteButton",
            "chat.mod.banTitle",
            "chat.mod.banText",
            "chat.mod.banButton",
            "chat.mod.reportTitle",
            "chat.mod.reportText",
            "chat.mod.reportButton",
            "chat.mod.muted",
            "chat.mod.banned",
            "chat.mod.reported",
            "chat.charsLeft",
            "chat.limitReached",
            "chat.pasteCut",
            // Panels (issue 21, items 4, 5, 12): search beside the chat, confirmations and undo, DM header, image viewer
            "chat.searchBack",
            "chat.confirm.removeTitle",
            "chat.confirm.removeText",
            "chat.confirm.removeButton",
            "chat.confirm.transferTitle",
            "chat.confirm.transferText",
            "chat.confirm.transferButton",
            "chat.confirm.leaveTitle",
            "chat.confirm.leaveText",
            "chat.confirm.leaveButton",
            "chat.messageDeleted",
            "chat.undo",
            "chat.directWith",
            "chat.viewProfile",
            "chat.imageViewer",
            "chat.downloadOriginal",
            "close",
            // System lines, the empty state of a room that is only its reader, adding people (issue 21, item 2)
            "chat.system.joined",
            "chat.system.added",
            "chat.system.left",
            "chat.system.removed",
            "chat.system.banned",
            "chat.system.renamed",
            "chat.system.topic",
            "chat.system.topicCleared",
            "chat.system.owner",
            "chat.addPeopleAdded",
            // Threads: the summary under a root, the thread panel, the Threads view (issue 22, item 1)
            "chat.send",
            "chat.thread.replies",
            "chat.thread.lastReply",
            "chat.thread.open",
            "chat.thread.repliedTo",
            "chat.thread.replyInThread",
            "chat.thread.title",
            "chat.thread.close",
            "chat.thread.back",
            "chat.thread.follow",
            "chat.thread.unfollow",
            "chat.thread.alsoToRoom",
            "chat.thread.placeholder",
            "chat.thread.label",
            "chat.thread.older",
            "chat.thread.loading",
            "chat.thread.failed",
            "chat.thread.noReplies",
            "chat.thread.replyList",
            "chat.thread.newReplies",
            "chat.thread.unread",
            "chat.threads.title",
            "chat.threads.close",
            "chat.threads.empty",
            "chat.threads.more",
            "chat.threads.failed",
            // Pinned messages (issue 22, item 2): the menu's items, the header's button, the mark, the list
            "chat.pin",
            "chat.unpin",
            "chat.pinned",
            "chat.pinnedTitle",
            "chat.pinnedMark",
            "chat.pinnedBy",
            "chat.pinsEmpty",
            "chat.pinsLoading",
            "chat.pinsFailed",

            // Search filters (issue 22, item 8): suggestions in the search box (views/searchSuggest.js) and their help
            "chat.filterSuggestions",
            "chat.filterHelp.from",
            "chat.filterHelp.in",
            "chat.filterHelp.before",
            "chat.filterHelp.after",
            "chat.filterHelp.on",
            "chat.filterHelp.has",
            "chat.filterHelp.is",

            // Scheduled messages (issue 22, item 7): views/scheduling.js
            "chat.sched.scheduleTitle",
            "chat.sched.dialogTitle",
            "chat.sched.editTitle",
            "chat.sched.text",
            "chat.sched.quick",
            "chat.sched.in30",
            "chat.sched.tomorrow9",
            "chat.sched.date",
            "chat.sched.time",
            "chat.sched.zone",
            "chat.sched.submit",
            "chat.sched.needText",
            "chat.sched.needTime",
            "chat.sched.tooSoon",
            "chat.sched.tooFar",
            "chat.sched.entry",
            "chat.sched.listTitle",
            "chat.sched.back",
            "chat.sched.empty",
            "chat.sched.sendsAt",
            "chat.sched.failed",
            "chat.sched.cancel",
            "chat.sched.confirmTitle",
            "chat.sched.confirmAction",
            "chat.sched.cancelled",
            "chat.sched.scheduledFor",
            "chat.sched.sent",

            // Forwarding and drafts (issue 22, items 5 and 6)
            "chat.forward",
            "chat.forward.title",
            "chat.forward.search",
            "chat.forward.rooms",
            "chat.forward.none",
            "chat.forward.comment",
            "chat.forward.send",
            "chat.forward.pick",
            "chat.forward.done",
            "chat.forward.open",
            "chat.forward.from",
            "chat.forward.viewOriginal",
            "chat.forward.failed",
            "chat.draft",

            // Read receipts (issue 22, item 3): views/receipts.js
            "chat.receipts.seen",
            "chat.receipts.seenBy",
            "chat.receipts.seenByTwo",
            "chat.receipts.seenByMany",
            "chat.receipts.menu",
            "chat.receipts.title",
            "chat.receipts.none",
            "chat.receipts.unavailable",

            // Status and do-not-disturb (issue 22, item 4): views/status.js, the do-not-disturb dot in views/people.js
            "status.dnd", "status.dndUntil", "status.set", "status.dialogTitle", "status.emoji", "status.emojiChoices",
            "status.text", "status.textPlaceholder", "status.clearAfter", "status.clear.30m", "status.clear.1h",
            "status.clear.4h", "status.clear.today", "status.clear.never", "status.dndFor", "status.dnd.off",
            "status.dnd.30m", "status.dnd.1h", "status.dnd.tomorrow", "status.clearButton", "status.dndOnHint");

    public String getJson() {
        var faces = FacesContext.getCurrentInstance();
        var bundle = faces.getApplication().getResourceBundle(faces, "msg");
        var json = Json.createObjectBuilder();
        for (String key : KEYS) {
            try {
                json.add(key, bundle.getString(key));
            } catch (MissingResourceException missing) {
                // The page shows the key: a missing text is visible, not blank.
            }
        }
        return safeInScript(json.build().toString());
    }

    /** JSON that is inert inside a script element: {@code <} never appears as itself (JSON.parse reads it back). */
    static String safeInScript(String json) {
        return json.replace("<", "\\u003c");
    }
}
