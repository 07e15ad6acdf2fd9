/**
 * Files sent with messages: uploads checked by name, size, type and bytes, kept in PostgreSQL, claimed by the
 * message that carries them ({@code AttachmentClaims}), served to members only, unclaimed ones purged.
 */
package org.jointchat.attachment;
