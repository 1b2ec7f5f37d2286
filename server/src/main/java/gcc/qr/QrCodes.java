package gcc.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Clearance codes as QR symbols (ZXing). Codes are written at error-correction level M, which
 * survives a scuffed label at a gate, in alphanumeric mode (Base45 uses only that set).
 * Stateless and thread-safe.
 */
public final class QrCodes {
    /** Pixels per QR module in written images: about 2.5 cm wide for a version-10 symbol at 300 dpi. */
    public static final int MODULE_PIXELS = 5;
    /** Quiet zone in modules, as the QR standard requires. */
    public static final int MARGIN = 4;

    private QrCodes() {
    }

    /** The QR version (1-40) the text needs at level M. */
    public static int version(String text) {
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M).getVersion().getVersionNumber();
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit any QR symbol: " + e.getMessage(), e);
        }
    }

    /** Writes the code as a PNG file. */
    public static void writePng(String text, Path png) throws IOException {
        int version = version(text);
        int size = (17 + 4 * version + 2 * MARGIN) * MODULE_PIXELS;
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, MARGIN));
            MatrixToImageWriter.writeToPath(m, "PNG", png);
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode QR: " + e.getMessage(), e);
        }
    }

    /** Reads the text of the QR symbol in an image file. */
    public static String readPng(Path image) throws IOException {
        BufferedImage img = ImageIO.read(image.toFile());
        if (img == null) {
            throw new IllegalArgumentException(image + " is not an image ImageIO can read");
        }
        BufferedImageLuminanceSource source = new BufferedImageLuminanceSource(img);
        // ZXing's finder-pattern detector misses a small share of clean symbols; a printed code
        // photographed at a gate goes through the same fallbacks a scanner would try.
        List<BinaryBitmap> attempts = List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)));
        List<Map<DecodeHintType, Object>> hints = List.of(Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE),
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE));
        for (Map<DecodeHintType, Object> h : hints) {
            for (BinaryBitmap bitmap : attempts) {
                try {
                    return new QRCodeReader().decode(bitmap, h).getText();
                } catch (NotFoundException | ChecksumException | FormatException e) {
                    // try the next way of reading it
                }
            }
        }
        throw new IllegalArgumentException("no readable QR code in " + image);
    }
}
