package org.jointchat.attachment;

import java.util.Locale;
import org.jointchat.api.ProblemSource;
import org.jointchat.api.ProblemType;
import org.jointchat.platform.Messages;

/** A refused upload or download; nothing was stored. */
public class AttachmentException extends RuntimeException implements ProblemSource {

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

    @Override
    public ProblemType problemType() {
        return switch (error) {
            case NOT_FOUND -> ProblemType.NOT_FOUND;
            case NOT_MEMBER -> ProblemType.NOT_MEMBER;
            case FILE_TOO_LARGE -> ProblemType.FILE_TOO_LARGE;
            case QUOTA_EXCEEDED -> ProblemType.QUOTA_EXCEEDED;
            case UNSUPPORTED_FILE_TYPE -> ProblemType.UNSUPPORTED_FILE_TYPE;
            case BUSY -> ProblemType.UNAVAILABLE;
        };
    }

    @Override
    public String problemDetail(Locale locale) {
        return Messages.get(locale, messageKey, arguments);
    }

    @Override
    public Integer retryAfterSeconds() {
        return error == AttachmentError.BUSY ? 3 : null;
    }
}
