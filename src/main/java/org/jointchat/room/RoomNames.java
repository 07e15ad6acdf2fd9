package org.jointchat.room;

import java.util.List;
import org.jointchat.account.FieldError;
import org.jointchat.platform.Database;
import org.jointchat.platform.DatabaseException;
import org.jointchat.platform.VisibleText;

/** The rules of a room's name and topic, checked on creation and on every change; a taken name is refused. */
final class RoomNames {

    private static final String UNIQUE_VIOLATION = "23505";

    private RoomNames() {
    }

    /** The name, trimmed; an error added when it is empty, too long or has hidden characters. */
    static String checkName(String name, List<FieldError> errors) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            errors.add(new FieldError("name", "room.name.required"));
        } else if (trimmed.codePointCount(0, trimmed.length()) > RoomService.NAME_MAX) {
            errors.add(new FieldError("name", "room.name.tooLong"));
        } else if (hasControl(trimmed)) {
            errors.add(new FieldError("name", "room.name.invalid"));
        }
        return trimmed;
    }

    /** The topic, trimmed (null when empty); an error added when it is too long or has hidden characters. */
    static String checkTopic(String topic, List<FieldError> errors) {
        String trimmed = topic == null ? "" : topic.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > RoomService.TOPIC_MAX) {
            errors.add(new FieldError("topic", "room.topic.tooLong"));
        } else if (hasControl(trimmed)) {
            errors.add(new FieldError("topic", "room.topic.invalid"));
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static boolean hasControl(String text) {
        return VisibleText.hasHiddenCharacters(text, false);
    }

    /** NAME_TAKEN when the database refused a duplicate name, else the failure itself. */
    static RuntimeException nameTakenOr(DatabaseException e) {
        return Database.hasSqlState(e, UNIQUE_VIOLATION) ? new RoomException(RoomError.NAME_TAKEN, "room.error.nameTaken") : e;
    }
}
