package org.attnsim.reports.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jfree.chart.annotations.AbstractXYAnnotation;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Text labels of points on an XY plot, placed when the chart is drawn, at the size it is drawn (a PNG's pixels,
 * a PDF page's points), so that no label covers another label or a point's marker and each stays inside the plot.
 * Each label tries the right of its point, its corners on the right, the same on the left, then steps away from
 * it, above and below (joined to its point by a thin line); the longest labels choose first. Where no place is
 * free, the least covered one.
 */
public final class PointLabels extends AbstractXYAnnotation {

    /** A label's text at its point (data coordinates), {@code centred} to try above and below the point first. */
    public record Label(String text, double x, double y, boolean centred) {
    }

    /** Pixels (or points) between a point and its label; half a marker's side (JFreeChart draws 6) and a half. */
    static final double GAP = 4;
    static final double MARKER = 3.5;
    /** Steps of one line's height a label may move away from its point, above and below. */
    static final int STEPS = 8;

    private final List<Label> labels;
    private final List<Point2D> markers;
    private final Font font;
    private List<Rectangle2D> placed = List.of();

    /** {@code markers}: every drawn point (data coordinates), labelled or not. */
    public PointLabels(List<Label> labels, List<Point2D> markers, Font font) {
        this.labels = List.copyOf(labels);
        this.markers = List.copyOf(markers);
        this.font = font;
    }

    /** The labels' boxes as last drawn, in the order of the labels (Java2D coordinates). */
    public List<Rectangle2D> placed() {
        return placed;
    }

    @Override
    public void draw(Graphics2D g2, XYPlot plot, Rectangle2D dataArea, ValueAxis domainAxis, ValueAxis rangeAxis,
            int rendererIndex, PlotRenderingInfo info) {
        RectangleEdge domainEdge = Plot.resolveDomainAxisLocation(plot.getDomainAxisLocation(), plot.getOrientation());
        RectangleEdge rangeEdge = Plot.resolveRangeAxisLocation(plot.getRangeAxisLocation(), plot.getOrientation());
        g2.setFont(font);
        FontMetrics fm = g2.getFontMetrics();
        List<Point2D> anchors = new ArrayList<>();
        List<Rectangle2D> sizes = new ArrayList<>();
        for (Label l : labels) {
            anchors.add(new Point2D.Double(domainAxis.valueToJava2D(l.x(), dataArea, domainEdge),
                    rangeAxis.valueToJava2D(l.y(), dataArea, rangeEdge)));
            sizes.add(new Rectangle2D.Double(0, 0, fm.stringWidth(l.text()), fm.getAscent() + fm.getDescent()));
        }
        List<Point2D> marks = markers.stream().map(m -> (Point2D) new Point2D.Double(
                domainAxis.valueToJava2D(m.getX(), dataArea, domainEdge),
                rangeAxis.valueToJava2D(m.getY(), dataArea, rangeEdge))).toList();
        List<Boolean> centred = labels.stream().map(Label::centred).toList();
        placed = place(anchors, sizes, centred, marks, dataArea);
        for (int i = 0; i < labels.size(); i++) {
            Rectangle2D box = placed.get(i);
            Point2D at = anchors.get(i);
            if (box.getMinY() - at.getY() > GAP + 1 || at.getY() - box.getMaxY() > GAP + 1) {
                g2.setPaint(Color.GRAY);
                g2.setStroke(new BasicStroke(0.5f));
                double y = box.getMinY() > at.getY() ? box.getMinY() : box.getMaxY();
                double x = Math.max(box.getMinX(), Math.min(at.getX(), box.getMaxX()));
                g2.draw(new Line2D.Double(at.getX(), at.getY(), x, y));
            }
            g2.setPaint(new Color(255, 255, 255, 200));
            g2.fill(box);
            g2.setPaint(Color.BLACK);
            g2.drawString(labels.get(i).text(), (float) box.getMinX(), (float) (box.getMinY() + fm.getAscent()));
        }
    }

    /**
     * The boxes of labels of the given sizes (only width and height read) at their anchors, each clear of the
     * boxes placed before it and of the markers, inside {@code area} where any place is; the longest first.
     */
    static List<Rectangle2D> place(List<Point2D> anchors, List<Rectangle2D> sizes, List<Boolean> centred,
            List<Point2D> markers, Rectangle2D area) {
        List<Rectangle2D> taken = new ArrayList<>();
        for (Point2D m : markers) {
            taken.add(new Rectangle2D.Double(m.getX() - MARKER, m.getY() - MARKER, 2 * MARKER, 2 * MARKER));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < anchors.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -sizes.get(i).getWidth()));
        Rectangle2D[] out = new Rectangle2D[anchors.size()];
        for (int i : order) {
            List<Rectangle2D> options = candidates(anchors.get(i), sizes.get(i).getWidth(), sizes.get(i).getHeight(),
                    centred.get(i));
            Rectangle2D best = null;
            double bestCover = Double.MAX_VALUE;
            for (Rectangle2D c : options) {
                if (!area.contains(c)) {
                    continue;
                }
                double cover = covered(c, taken);
                if (cover < bestCover) {
                    best = c;
                    bestCover = cover;
                }
                if (cover == 0) {
                    break;
                }
            }
            if (best == null) {
                best = inside(options.get(0), area);
            }
            out[i] = best;
            taken.add(best);
        }
        return List.of(out);
    }

    private static List<Rectangle2D> candidates(Point2D a, double w, double h, boolean centred) {
        double x = a.getX();
        double y = a.getY();
        List<Rectangle2D> c = new ArrayList<>();
        if (centred) {
            c.add(new Rectangle2D.Double(x - w / 2, y - GAP - h, w, h));
            c.add(new Rectangle2D.Double(x - w / 2, y + GAP, w, h));
        }
        double right = x + GAP;
        double left = x - GAP - w;
        // Corners just clear of a label centred beside the point, so that two labels of one point stack.
        double below = y + Math.max(GAP, h / 2);
        double above = y - Math.max(GAP, h / 2) - h;
        c.add(new Rectangle2D.Double(x + 2 * GAP, y - h / 2, w, h));
        c.add(new Rectangle2D.Double(right, below, w, h));
        c.add(new Rectangle2D.Double(right, above, w, h));
        c.add(new Rectangle2D.Double(x - 2 * GAP - w, y - h / 2, w, h));
        c.add(new Rectangle2D.Double(left, below, w, h));
        c.add(new Rectangle2D.Double(left, above, w, h));
        for (int k = 1; k <= STEPS; k++) {
            c.add(new Rectangle2D.Double(right, below + k * h, w, h));
            c.add(new Rectangle2D.Double(left, below + k * h, w, h));
            c.add(new Rectangle2D.Double(right, above - k * h, w, h));
            c.add(new Rectangle2D.Double(left, above - k * h, w, h));
        }
        return c;
    }

    private static double covered(Rectangle2D box, List<Rectangle2D> taken) {
        double sum = 0;
        for (Rectangle2D t : taken) {
            Rectangle2D both = box.createIntersection(t);
            if (!both.isEmpty()) {
                sum += both.getWidth() * both.getHeight();
            }
        }
        return sum;
    }

    private static Rectangle2D inside(Rectangle2D box, Rectangle2D area) {
        double x = Math.max(area.getMinX(), Math.min(box.getMinX(), area.getMaxX() - box.getWidth()));
        double y = Math.max(area.getMinY(), Math.min(box.getMinY(), area.getMaxY() - box.getHeight()));
        return new Rectangle2D.Double(x, y, box.getWidth(), box.getHeight());
    }
}
