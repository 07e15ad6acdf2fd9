package org.jointchat.attachment;

import java.util.List;
import org.jointchat.account.FieldError;
import org.jointchat.account.InvalidInputException;
import org.jointchat.platform.VisibleText;

/**
 * The rule for an uploaded file's name: what a browser or script sent, reduced to its last path segment
 * ({@code C:\Users\ann\photo.png} and {@code ../../photo.png} are {@code photo.png}), trimmed, 1–255
 * characters, no control or invisible formatting characters (a U+202E could make {@code gpj.exe} read
 * {@code exe.jpg}).
 */
final class FileName {

    static final int MAX = 255;

    private FileName() {
    }

    /** The name as stored and shown; InvalidInputException (field {@code name}) when it breaks the rule. */
    static String of(String sent) {
        if (sent == null) {
            throw invalid("attachment.name.required");
        }
        String name = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1).strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw invalid("attachment.name.required");
        }
        if (name.codePointCount(0, name.length()) > MAX) {
            throw invalid("attachment.name.tooLong");
        }
        if (VisibleText.hasHiddenCharacters(name, false)) {
            throw invalid("attachment.name.invalid");
        }
        return name;
    }

    private static InvalidInputException invalid(String messageKey) {
        return new InvalidInputException(List.of(new FieldError("name", messageKey)));
    }
}
