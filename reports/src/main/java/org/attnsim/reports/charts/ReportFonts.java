package org.attnsim.reports.charts;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * The one font family of every chart and report: DejaVu Sans (package fonts-dejavu-core), so that
 * PNGs look the same everywhere and the PDF can embed the very font the charts were measured with.
 */
public final class ReportFonts {

    public static final String FAMILY = "DejaVu Sans";
    /** A folder searched first (the portable bundle's own fonts, see tools/portable-bundle.sh). */
    public static final String DIR_PROPERTY = "attnsim.fonts";
    private static final Path[] DIRS = {Path.of(System.getProperty(DIR_PROPERTY, "/usr/share/fonts/truetype/dejavu")),
        Path.of("/usr/share/fonts/truetype/dejavu"),
        Path.of("/usr/share/fonts/dejavu"), Path.of("/usr/local/share/fonts")};

    private ReportFonts() {
    }

    public static Path regular() {
        return find("DejaVuSans.ttf");
    }

    public static Path bold() {
        return find("DejaVuSans-Bold.ttf");
    }

    /** Registers the two faces with AWT so that charts render with them even without fontconfig. */
    public static void registerWithAwt() {
        GraphicsEnvironment ge = GraphicsEnvironment.getLocalGraphicsEnvironment();
        for (Path p : new Path[] {regular(), bold()}) {
            try {
                ge.registerFont(Font.createFont(Font.TRUETYPE_FONT, p.toFile()));
            } catch (FontFormatException | IOException e) {
                throw new IllegalStateException("cannot load font " + p, e);
            }
        }
    }

    public static Font font(int style, float size) {
        return new Font(FAMILY, style, 1).deriveFont(size);
    }

    private static Path find(String file) {
        for (Path dir : DIRS) {
            Path p = dir.resolve(file);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new InvalidInputException("fonts", "the DejaVu Sans font (" + file + ") is not installed",
                "install it with 'apt-get install fonts-dejavu-core', or write only csv, json and md with --format");
    }
}
