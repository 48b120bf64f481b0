package org.attnsim.kernels.device;

import com.aparapi.Config;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.opencl.OpenCLLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * The OpenCL devices of this machine, listed through Aparapi (which needs only libOpenCL.so.1 and an
 * ICD such as PoCL), and the choice of one by index or name.
 */
public final class OpenClDevices {

    private static final boolean LOADER_LOADED = askLoaderQuietly();

    private OpenClDevices() {
    }

    /** Every OpenCL device, GPUs first; empty without an OpenCL driver. */
    public static List<OpenCLDevice> all() {
        List<OpenCLDevice> out = new ArrayList<>();
        if (!LOADER_LOADED) {
            return out;
        }
        try {
            List<OpenCLDevice> listed = OpenCLDevice.listDevices(null);
            if (listed != null) {
                out.addAll(listed);
            }
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            return out;
        }
        out.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        return out;
    }

    /** Why {@link #all()} is empty: which of the two pieces an OpenCL device needs is missing. */
    public static String absence() {
        return LOADER_LOADED ? "no OpenCL driver (ICD) is installed, or none reports a device"
                : "libOpenCL.so.1, OpenCL's loader, is missing (or Aparapi's native library did not load)";
    }

    /**
     * Whether Aparapi's native library loaded, and with it libOpenCL.so.1, asked once. Where it does not, Aparapi's
     * loader logs a SEVERE record of three sentences as its class initialises; attnsim says so itself in one line, so
     * the record is held back. The logger is Aparapi's only one, so its level is put back at once.
     */
    private static boolean askLoaderQuietly() {
        Logger aparapi = Logger.getLogger(Config.getLoggerName());
        Level before = aparapi.getLevel();
        aparapi.setLevel(Level.OFF);
        try {
            return OpenCLLoader.isOpenCLAvailable();
        } finally {
            aparapi.setLevel(before);
        }
    }

    private static int rank(OpenCLDevice d) {
        return switch (d.getType()) {
            case GPU -> 0;
            case ACC -> 1;
            default -> 2;
        };
    }

    public static List<DeviceInfo> describe() {
        ClinfoFacts facts = ClinfoFacts.read();
        List<DeviceInfo> out = new ArrayList<>();
        List<OpenCLDevice> devices = all();
        for (int i = 0; i < devices.size(); i++) {
            out.add(describe(i, devices.get(i), facts));
        }
        return out;
    }

    public static DeviceInfo describe(OpenCLDevice d) {
        List<OpenCLDevice> devices = all();
        int index = 0;
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).getDeviceId() == d.getDeviceId()) {
                index = i;
            }
        }
        return describe(index, d, ClinfoFacts.read());
    }

    private static DeviceInfo describe(int index, OpenCLDevice d, ClinfoFacts facts) {
        String name = d.getName().trim();
        return new DeviceInfo(index, d.getOpenCLPlatform().getName().trim(), name,
                d.getType().name().toLowerCase(Locale.ROOT), d.getMaxComputeUnits(),
                facts.number(name, "CL_DEVICE_MAX_CLOCK_FREQUENCY"), d.getGlobalMemSize(), d.getLocalMemSize(),
                d.getMaxWorkGroupSize(), facts.number(name, "CL_DEVICE_GLOBAL_MEM_CACHE_SIZE"),
                facts.number(name, "CL_DEVICE_GLOBAL_MEM_CACHELINE_SIZE"));
    }

    /**
     * The device named by {@code choice} (an index from `attnsim devices` or part of a name), or the best
     * one (a GPU before a CPU) when {@code choice} is null.
     */
    public static OpenCLDevice choose(String choice, String where) {
        List<OpenCLDevice> devices = all();
        if (devices.isEmpty()) {
            throw new OpenClUnavailableException(where, "no OpenCL device found: " + absence());
        }
        if (choice == null || choice.isBlank()) {
            return devices.get(0);
        }
        if (choice.matches("\\d+")) {
            int i = Integer.parseInt(choice);
            if (i < devices.size()) {
                return devices.get(i);
            }
        }
        for (OpenCLDevice d : devices) {
            if (d.getName().toLowerCase(Locale.ROOT).contains(choice.toLowerCase(Locale.ROOT))) {
                return d;
            }
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            names.add(i + ": " + devices.get(i).getName().trim());
        }
        throw new InvalidInputException(where, "no OpenCL device '" + choice + "'", "allowed: " + String.join("; ", names));
    }
}
