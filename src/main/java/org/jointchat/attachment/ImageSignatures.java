package org.jointchat.attachment;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The image types the page previews, each recognised by its first bytes. Only a file whose bytes are the
 * image it claims to be is stored as that image and served inline: an HTML page declared as a PNG is not.
 */
final class ImageSignatures {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = ascii("GIF87a");
    private static final byte[] GIF89 = ascii("GIF89a");
    private static final byte[] RIFF = ascii("RIFF");
    private static final byte[] WEBP = ascii("WEBP");

    /** Image type → a short name people know it by. */
    static final Map<String, String> TYPES = Map.of(
            "image/png", "PNG", "image/jpeg", "JPEG", "image/gif", "GIF", "image/webp", "WebP");

    private ImageSignatures() {
    }

    /** Whether the type is one of the images recognised here. */
    static boolean isImageType(String type) {
        return TYPES.containsKey(type);
    }

    /** Whether the bytes begin as an image of this type does. */
    static boolean matches(String type, byte[] bytes) {
        return switch (type) {
            case "image/png" -> startsWith(bytes, 0, PNG);
            case "image/jpeg" -> startsWith(bytes, 0, JPEG);
            case "image/gif" -> startsWith(bytes, 0, GIF87) || startsWith(bytes, 0, GIF89);
            case "image/webp" -> startsWith(bytes, 0, RIFF) && startsWith(bytes, 8, WEBP);
            default -> false;
        };
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] signature) {
        return bytes.length >= at + signature.length
                && Arrays.equals(bytes, at, at + signature.length, signature, 0, signature.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
