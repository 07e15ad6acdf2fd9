package org.jointchat.attachment;

import java.util.Locale;
import org.jointchat.platform.Messages;

/** A refused upload or download; nothing was stored. */
public class AttachmentException extends RuntimeException {

    private final AttachmentError error;
    private final String messageKey;
    private final transient Object[] arguments;

    /** The message is a key of the text bundles (attachment.error.*): the API answers in the caller's language. */
    public AttachmentException(AttachmentError error, String messageKey, Object... arguments) {
        super(Messages.get(Locale.ENGLISH, messageKey, arguments));
        this.error = error;
        this.messageKey = messageKey;
        this.arguments = arguments.clone();
    }

    public AttachmentError error() {
        return error;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
