package org.attnsim.kernels.device;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Device facts Aparapi does not expose (clock, cache size, cache line), read from `clinfo --raw` by
 * device name. Empty when clinfo is not installed.
 */
final class ClinfoFacts {

    private final Map<String, Map<String, String>> byDevice = new HashMap<>();

    private ClinfoFacts() {
    }

    static ClinfoFacts read() {
        ClinfoFacts facts = new ClinfoFacts();
        try {
            Process p = new ProcessBuilder("clinfo", "--raw").redirectErrorStream(true).start();
            Map<String, Map<String, String>> byKey = new HashMap<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String t = line.trim();
                    if (!t.startsWith("[") || !t.contains("/") || t.contains("/*]")) {
                        continue;
                    }
                    int close = t.indexOf(']');
                    String[] parts = t.substring(close + 1).trim().split("\\s+", 2);
                    if (parts.length == 2) {
                        byKey.computeIfAbsent(t.substring(0, close + 1), k -> new HashMap<>()).put(parts[0], parts[1]);
                    }
                }
            }
            p.waitFor(10, TimeUnit.SECONDS);
            for (Map<String, String> device : byKey.values()) {
                String name = device.get("CL_DEVICE_NAME");
                if (name != null) {
                    facts.byDevice.put(name.trim(), device);
                }
            }
        } catch (IOException e) {
            return facts;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return facts;
    }

    long number(String device, String key) {
        Map<String, String> d = byDevice.get(device.trim());
        if (d == null || d.get(key) == null) {
            return 0;
        }
        try {
            return Long.parseLong(d.get(key).trim().split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
