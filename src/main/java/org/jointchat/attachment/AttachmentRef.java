package org.jointchat.attachment;

/** An uploaded file as a message shows it; the bytes are at {@code /api/v1/attachments/{id}}. */
public record AttachmentRef(long id, String name, String contentType, long size, boolean image) {
}
