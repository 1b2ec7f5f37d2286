package gcc.clearance;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The clearance model's PNGs: a heatmap per sweep (cut by eligible share and the swept
 * parameter, the 40% contour drawn over it), line charts of the same sweep, and the adoption
 * curve. Headless; stateless.
 */
final class Charts {
    private static final int CELL_W = 62;
    private static final int CELL_H = 34;
    private static final int LEFT = 120;
    private static final int TOP = 60;

    private Charts() {
    }

    /** Cells coloured by the cut (red below 40%, green at or above), the 40% contour as a thick black line. */
    static void heatmap(String title, Sweep w, Path png) throws IOException {
        int cols = w.shares().length;
        int rows = w.rows().length;
        int width = LEFT + cols * CELL_W + 30;
        int height = TOP + rows * CELL_H + 80;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("cut in mean clearance over all consignments (%); black line: 40% contour (the claim holds right of it)", 10, 42);
        for (int i = 0; i < rows; i++) {
            // Highest row value at the top, like a y axis.
            int y = TOP + (rows - 1 - i) * CELL_H;
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.2f", w.rows()[i]), LEFT - 40, y + CELL_H / 2 + 4);
            for (int j = 0; j < cols; j++) {
                int x = LEFT + j * CELL_W;
                double pct = 100 * w.cut()[i][j];
                g.setColor(colour(pct));
                g.fillRect(x, y, CELL_W, CELL_H);
                g.setColor(Color.GRAY);
                g.drawRect(x, y, CELL_W, CELL_H);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "%.0f", pct), x + CELL_W / 2 - 8, y + CELL_H / 2 + 4);
            }
        }
        for (int j = 0; j < cols; j++) {
            g.drawString(String.format(Locale.ROOT, "%.2f", w.shares()[j]), LEFT + j * CELL_W + CELL_W / 2 - 12, TOP + rows * CELL_H + 16);
        }
        g.drawString("eligible share", LEFT + cols * CELL_W / 2 - 30, TOP + rows * CELL_H + 36);
        g.rotate(-Math.PI / 2);
        g.drawString(w.parameter().label(), -(TOP + rows * CELL_H / 2 + 70), 16);
        g.rotate(Math.PI / 2);
        // The contour: each row's interpolated 40% share, at the centre of the row; cell centres are the grid points.
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3f));
        int prevX = -1;
        int prevY = -1;
        for (int i = 0; i < rows; i++) {
            Double m = w.minimumShare()[i];
            if (m == null) {
                prevX = -1;
                continue;
            }
            int x = LEFT + (int) Math.round(CELL_W / 2.0 + m / step(w.shares()) * CELL_W);
            int y = TOP + (rows - 1 - i) * CELL_H + CELL_H / 2;
            g.fillOval(x - 4, y - 4, 8, 8);
            if (prevX >= 0) {
                g.drawLine(prevX, prevY, x, y);
            }
            prevX = x;
            prevY = y;
        }
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static double step(double[] shares) {
        return shares[1] - shares[0];
    }

    private static Color colour(double pct) {
        if (pct >= 40) {
            double f = Math.min(1, (pct - 40) / 40);
            return new Color((int) (200 - 120 * f), (int) (235 - 45 * f), (int) (200 - 120 * f));
        }
        double f = Math.min(1, (40 - pct) / 40);
        return new Color(250, (int) (225 - 110 * f), (int) (210 - 110 * f));
    }

    /** One line per row of the sweep: cut against eligible share, with the 40% line. */
    static void lines(String title, Sweep w, Path png) throws IOException {
        XYChart c = new XYChartBuilder().width(760).height(440).title(title).xAxisTitle("eligible share")
                .yAxisTitle("cut in mean clearance, all consignments (%)").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(5);
        for (int i = 0; i < w.rows().length; i++) {
            double[] pct = new double[w.shares().length];
            for (int j = 0; j < pct.length; j++) {
                pct[j] = 100 * w.cut()[i][j];
            }
            c.addSeries(String.format(Locale.ROOT, "%s %.2f", w.parameter().label(), w.rows()[i]), w.shares(), pct);
        }
        c.addSeries("40% (pilot claim)", new double[]{0, 1}, new double[]{40, 40}).setMarker(SeriesMarkers.NONE)
                .setLineStyle(SeriesLines.DASH_DASH).setLineColor(Color.BLACK);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    /** Demand, the labs' cap, the share in force and the cut by month. */
    static void adoption(String title, Adoption.Month[] months, Path png) throws IOException {
        double[] x = new double[months.length];
        double[] demand = new double[months.length];
        double[] cap = new double[months.length];
        double[] share = new double[months.length];
        double[] cut = new double[months.length];
        for (int i = 0; i < months.length; i++) {
            x[i] = months[i].month();
            demand[i] = 100 * months[i].demandShare();
            cap[i] = 100 * months[i].labCapShare();
            share[i] = 100 * months[i].share();
            cut[i] = 100 * months[i].cut();
        }
        XYChart c = new XYChartBuilder().width(760).height(420).title(title).xAxisTitle("month of the rollout")
                .yAxisTitle("percent").build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE).setMarkerSize(5);
        c.addSeries("exporters' demand (eligible share %)", x, demand);
        c.addSeries("labs' full-scope capacity (share %)", x, cap);
        c.addSeries("eligible share in force (%)", x, share);
        c.addSeries("cut in mean clearance (%)", x, cut);
        c.addSeries("40% (pilot claim)", new double[]{x[0], x[x.length - 1]}, new double[]{40, 40}).setMarker(SeriesMarkers.NONE)
                .setLineStyle(SeriesLines.DASH_DASH).setLineColor(Color.BLACK);
        BitmapEncoder.saveBitmap(c, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
