package org.attnsim.reports.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The attnsim version, taken from the Maven project version at build time. */
public final class Version implements IVersionProvider {

    public static String text() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/org/attnsim/reports/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"attnsim " + text()};
    }
}
