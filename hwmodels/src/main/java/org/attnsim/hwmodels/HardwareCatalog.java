package org.attnsim.hwmodels;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The bundled profiles, and resolution of a user's "id or file" argument to a profile. */
public final class HardwareCatalog {

    /** Ids of the bundled profiles, in the order they are listed. */
    public static final List<String> BUNDLED_IDS =
            List.of("a100-40gb-sxm", "a100-80gb-sxm", "h100-sxm", "h100-pcie", "h200-sxm", "cpu-server-64c");

    private HardwareCatalog() {
    }

    public static List<HardwareProfile> bundled() {
        List<HardwareProfile> all = new ArrayList<>();
        for (String id : BUNDLED_IDS) {
            all.add(loadBundled(id));
        }
        return all;
    }

    /**
     * Resolves a bundled id, or a path to a profile YAML; {@code where} names the option or field that
     * gave it, for errors.
     */
    public static HardwareProfile resolve(String idOrPath, String where, Path baseDir) {
        if (BUNDLED_IDS.contains(idOrPath)) {
            return loadBundled(idOrPath);
        }
        boolean looksLikePath = idOrPath.contains("/") || idOrPath.endsWith(".yaml") || idOrPath.endsWith(".yml");
        if (looksLikePath) {
            Path p = Path.of(idOrPath);
            if (!p.isAbsolute() && baseDir != null) {
                p = baseDir.resolve(p);
            }
            if (!Files.isRegularFile(p)) {
                throw new InvalidInputException(where, "no profile file at '" + p + "'",
                        "give a bundled id (" + String.join(", ", BUNDLED_IDS) + ") or the path of a profile YAML");
            }
            return ProfileReader.read(p);
        }
        throw new InvalidInputException(where, "unknown hardware '" + idOrPath + "'",
                "allowed: " + String.join(", ", BUNDLED_IDS) + " or the path of a profile YAML");
    }

    private static HardwareProfile loadBundled(String id) {
        String resource = "profiles/" + id + ".yaml";
        try (InputStream in = HardwareCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("bundled profile missing from the jar: " + resource);
            }
            HardwareProfile p = ProfileReader.read(in, "bundled profile " + id, "bundled");
            if (!p.id().equals(id)) {
                throw new IllegalStateException("bundled profile " + resource + " has id " + p.id());
            }
            return p;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read bundled profile " + resource, e);
        }
    }
}
