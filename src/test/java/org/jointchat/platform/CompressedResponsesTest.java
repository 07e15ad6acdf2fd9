package org.jointchat.platform;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which requests ask for gzip and which answers are worth it (the wire itself: CompressionAndCachingIT). */
class CompressedResponsesTest {

    @Test
    void gzipIsAskedForByNameOrStarWithAQualityAboveZero() {
        assertTrue(CompressedResponses.acceptsGzip("gzip, deflate, br"));
        assertTrue(CompressedResponses.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertTrue(CompressedResponses.acceptsGzip("*"));
        assertFalse(CompressedResponses.acceptsGzip(null));
        assertFalse(CompressedResponses.acceptsGzip("identity"));
        assertFalse(CompressedResponses.acceptsGzip("gzip;q=0, identity"));
        assertFalse(CompressedResponses.acceptsGzip("gzip;q=zero"));
        assertFalse(CompressedResponses.acceptsGzip("x-gzip-ish"));
    }

    @Test
    void textualTypesCompressAndCompressedOnesDoNot() {
        for (String type : new String[] {"text/html;charset=UTF-8", "text/css", "text/javascript;charset=UTF-8",
                "application/json", "application/problem+json", "image/svg+xml", "application/vnd.api+json"}) {
            assertTrue(CompressedResponses.compressible(type), type);
        }
        for (String type : new String[] {null, "image/png", "image/jpeg", "application/octet-stream", "application/zip",
                "text/event-stream", "font/woff2"}) {
            assertFalse(CompressedResponses.compressible(type), String.valueOf(type));
        }
    }
}
