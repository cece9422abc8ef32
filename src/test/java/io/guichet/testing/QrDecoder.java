package io.guichet.testing;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;

/** Reads a QR code back the way a phone would: from the pixels of a screenshot. */
public final class QrDecoder {
    private QrDecoder() {}

    public static String decodePng(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int w = image.getWidth(), h = image.getHeight();
            int[] pixels = image.getRGB(0, 0, w, h, null, 0, w);
            var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(w, h, pixels)));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, true)).getText();
        } catch (IOException | com.google.zxing.ReaderException e) {
            throw new AssertionError("no readable QR code in the image", e);
        }
    }
}
