package org.jointchat.attachment;

/** Why an upload was refused (nothing was stored) or a file is not shown. */
public enum AttachmentError {
    /** No such room or file, or one the caller may not know of. */
    NOT_FOUND,
    /** The room is public and the caller is not a member. */
    NOT_MEMBER,
    /** Over {@code jointchat.files.max-size}. */
    FILE_TOO_LARGE,
    /** The uploader's files would take more than {@code jointchat.files.quota}. */
    QUOTA_EXCEEDED,
    /** Not on the allow-list {@code jointchat.files.types}, or an image whose bytes are not that image. */
    UNSUPPORTED_FILE_TYPE,
    /** As many uploads as the server takes at once are under way: try again in a few seconds. */
    BUSY
}
