package io.guichet.platform.web;

import io.guichet.testing.QrDecoder;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QrCodesTest {
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"");
    private static final Pattern SQUARE = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z");

    @Test
    void the_drawing_reads_back_as_the_text() throws IOException {
        String url = "https://guichet.cegep.example/live/ABC123";
        String totp = "otpauth://totp/Guichet:elodie@cegep.example?secret=JBSWY3DPEHPK3PXP&issuer=Guichet";

        assertThat(QrDecoder.decodePng(rasterize(QrCodes.svg(url, "Code QR")))).isEqualTo(url);
        assertThat(QrDecoder.decodePng(rasterize(QrCodes.svg(totp, "Code QR")))).isEqualTo(totp);
    }

    @Test
    void the_label_is_the_accessible_name_and_stays_text() {
        String svg = QrCodes.svg("x", "<script>\"a\" & b</script>");

        assertThat(svg).contains("role=\"img\"")
                .contains("aria-label=\"&lt;script&gt;&quot;a&quot; &amp; b&lt;/script&gt;\"")
                .doesNotContain("<script>");
    }

    @Test
    void text_beyond_a_qr_codes_capacity_is_refused() {
        assertThatThrownBy(() -> QrCodes.svg("x".repeat(5000), "trop long"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Draws the SVG's unit squares 8 px each, as a browser would, so the decoder sees pixels. */
    private static byte[] rasterize(String svg) throws IOException {
        var box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).isTrue();
        int modules = Integer.parseInt(box.group(1)), scale = 8;
        var image = new BufferedImage(modules * scale, modules * scale, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(java.awt.Color.BLACK);
        var square = SQUARE.matcher(svg);
        while (square.find()) {
            g.fillRect(Integer.parseInt(square.group(1)) * scale, Integer.parseInt(square.group(2)) * scale, scale, scale);
        }
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
