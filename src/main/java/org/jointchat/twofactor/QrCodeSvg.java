package org.jointchat.twofactor;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code drawn on the server as an SVG element to put into the page: no external service sees the secret, and
 * the page's Content-Security-Policy needs nothing new (inline SVG is markup, not script or a loaded image).
 */
public final class QrCodeSvg {

    private static final int BORDER = 4;

    private QrCodeSvg() {
    }

    /** An {@code <svg>} element of the text's QR code; {@code label} (plain text) is its accessible name. */
    public static String of(String text, String label) {
        var qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int size = qr.size + 2 * BORDER;
        var path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"jc-qr\" role=\"img\" aria-label=\"" + escape(label)
                + "\" viewBox=\"0 0 " + size + " " + size + "\" shape-rendering=\"crispEdges\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
