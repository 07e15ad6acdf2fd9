package org.jointchat.attachment;

/** An uploaded file as a message shows it; the bytes are at {@code /api/v1/attachments/{id}}. */
public record AttachmentRef(long id, String name, String contentType, long size, boolean image) {

    /** A stored file: only verified images are stored with an image type, so the type says whether it is one. */
    public static AttachmentRef of(long id, String name, String contentType, long size) {
        return new AttachmentRef(id, name, contentType, size, ImageSignatures.isImageType(contentType));
    }
}
