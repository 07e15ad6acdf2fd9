package org.jointchat.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jointchat.account.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Names, types, image signatures and the download headers that depend on them. */
class FileRulesTest {

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13};

    @Test
    void namesKeepTheirLastPathSegmentTrimmed() {
        assertEquals("photo.png", FileName.of("../../photo.png"));
        assertEquals("photo.png", FileName.of("C:\\Users\\ann\\photo.png "));
        assertEquals("отчёт 2026.pdf", FileName.of("  отчёт 2026.pdf"));
        assertEquals("x".repeat(255), FileName.of("x".repeat(255)));
    }

    @Test
    void namesBreakingTheRuleAreRefusedOnTheNameField() {
        for (String bad : new String[] {null, "", "  ", "dir/", "..", "a/..", "x".repeat(256), "gpj\u202Eexe.jpg", "a\u0000b", "two\nlines"}) {
            var refused = assertThrows(InvalidInputException.class, () -> FileName.of(bad), String.valueOf(bad));
            assertEquals("name", refused.errors().get(0).field());
        }
    }

    @Test
    void declaredTypesLoseTheirParametersAndCase() {
        assertEquals("text/plain", AttachmentService.mediaType("Text/Plain; charset=UTF-8"));
        assertEquals("image/png", AttachmentService.mediaType(" image/png "));
        assertNull(AttachmentService.mediaType(null));
        assertNull(AttachmentService.mediaType(" ; x=y"));
    }

    @Test
    void imagesAreRecognisedByTheirBytes() {
        assertTrue(ImageSignatures.matches("image/png", PNG));
        assertTrue(ImageSignatures.matches("image/jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}));
        assertTrue(ImageSignatures.matches("image/gif", "GIF89a...".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(ImageSignatures.matches("image/webp", "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(ImageSignatures.matches("image/png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(ImageSignatures.matches("image/jpeg", PNG));
        assertFalse(ImageSignatures.matches("image/webp", "RIFF\0\0\0\0WAVE".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(ImageSignatures.matches("image/png", new byte[0]));
        assertFalse(ImageSignatures.matches("image/svg+xml", "<svg/>".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void onlyVerifiedImagesKeepTheirTypeAndEverythingElseIsInert() {
        assertEquals("image/png", AttachmentResource.servedType(new AttachmentRef(1, "a.png", "image/png", 1, true)));
        assertEquals("text/plain; charset=utf-8", AttachmentResource.servedType(new AttachmentRef(1, "a.html", "text/plain", 1, false)));
        assertEquals("application/octet-stream", AttachmentResource.servedType(new AttachmentRef(1, "a.pdf", "application/pdf", 1, false)));
        assertEquals("application/octet-stream", AttachmentResource.servedType(new AttachmentRef(1, "a.bmp", "image/bmp", 1, false)));
    }

    @Test
    void dispositionCarriesTheExactNameEncodedAndAnAsciiFallback() {
        assertEquals("inline; filename=\"cat.png\"; filename*=UTF-8''cat.png", AttachmentResource.disposition(true, "cat.png"));
        assertEquals("attachment; filename=\"_____ 2026.pdf\"; filename*=UTF-8''%D0%BE%D1%82%D1%87%D1%91%D1%82%202026.pdf",
                AttachmentResource.disposition(false, "отчёт 2026.pdf"));
        assertEquals("attachment; filename=\"a_b_c_d;e.txt\"; filename*=UTF-8''a%22b%5Cc%25d%3Be.txt",
                AttachmentResource.disposition(false, "a\"b\\c%d;e.txt"));
    }
}
