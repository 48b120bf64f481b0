package org.attnsim.hwmodels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProfileWriterTest {

    @Test
    void everyBundledProfileRoundTrips() {
        for (HardwareProfile p : HardwareCatalog.bundled()) {
            String yaml = ProfileWriter.yaml(p, "round trip\nsecond line");
            HardwareProfile back = ProfileReader.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
                    "written", "bundled");
            assertEquals(p, back, p.id());
        }
    }
}
