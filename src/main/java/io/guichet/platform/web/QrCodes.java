package io.guichet.platform.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * QR codes drawn on the server as inline SVG (the presenter's join address, a TOTP enrolment URI):
 * no image request, no network call, sharp at any size. One path of unit squares keeps the markup
 * small; the quiet zone of 4 modules is part of the drawing so a phone reads it on any background.
 */
public final class QrCodes {
    private static final int QUIET_ZONE = 4;

    private QrCodes() {}

    /**
     * An {@code <svg>} element for {@code text}, black on white, scaled by its container
     * ({@code viewBox} in modules). {@code label} becomes its accessible name (role img).
     */
    public static String svg(String text, String label) {
        BitMatrix m = matrix(text);
        int size = m.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder(m.getWidth() * m.getHeight() * 2);
        for (int y = 0; y < m.getHeight(); y++) {
            for (int x = 0; x < m.getWidth(); x++) {
                if (m.get(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" + escape(label) + "\">"
                + "<rect width=\"" + size + "\" height=\"" + size + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static BitMatrix matrix(String text) {
        try {
            // Margin 0: the quiet zone is drawn by svg(); M correction survives a projector's glare.
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, Map.of(
                    EncodeHintType.MARGIN, 0,
                    EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
                    EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name()));
        } catch (WriterException e) {
            // Only for text longer than a QR code holds (about 2 kB): a programming error here.
            throw new IllegalArgumentException("text too long for a QR code", e);
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
