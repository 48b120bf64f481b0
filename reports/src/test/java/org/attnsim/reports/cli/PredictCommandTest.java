package org.attnsim.reports.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void jsonHasTheDocumentedKeysAndExactFlops() throws IOException {
        CliRun r = CliRun.of("predict", "--hardware", "h100-sxm", "--phase", "forward", "--d-model", "4096", "--heads",
                "32", "--variant", "mha,gqa,sqa,xsqa", "--seq", "8192", "--batch", "2", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(4, rows.size());
        for (String key : List.of("variant", "queryHeads", "kvHeads", "hardware", "phase", "seqLen", "batch", "flops",
                "bytes", "seconds", "bound", "speedup")) {
            assertTrue(rows.get(0).has(key), key);
            assertTrue(rows.get(0).get(key).isNumber() || rows.get(0).get(key).isTextual(), key);
        }
        assertEquals("mha", rows.get(0).get("variant").asText());
        assertEquals(1.0, rows.get(0).get("speedup").asDouble());
        // Non-causal: 4 x 2 x 8192^2 x 32 x 128 = 2,199,023,255,552 matrix FLOPs for MHA.
        assertEquals(2_199_023_255_552.0, rows.get(0).get("matrixFlops").asDouble());
        assertEquals(8, rows.get(3).get("queryHeads").asInt());
        assertTrue(rows.get(3).get("speedup").asDouble() > 1.0);
    }

    @Test
    void sparqAddsARowPerVariant() throws IOException {
        CliRun r = CliRun.of("predict", "--hardware", "a100-40gb-sxm", "--phase", "decode", "--d-model", "4096",
                "--heads", "32", "--variant", "mha,gqa", "--kv-heads", "8", "--seq", "16384", "--batch", "64",
                "--sparq-r", "32", "--sparq-k", "128", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = JSON.readTree(r.out());
        assertEquals(4, rows.size());
        assertEquals("dense", rows.get(0).get("attention").asText());
        assertEquals("sparq", rows.get(1).get("attention").asText());
        assertEquals(8, rows.get(2).get("kvHeads").asInt());
        assertTrue(rows.get(1).get("speedup").asDouble() > 2.0, "SparQ beats dense MHA decoding at 16k");
    }

    @Test
    void anFp8KvCacheHalvesWhatDecodingReadsAndSaysSo() throws IOException {
        String[] args = {"predict", "--hardware", "h100-sxm", "--phase", "decode", "--d-model", "4096", "--heads", "32",
            "--variant", "gqa", "--kv-heads", "8", "--seq", "65536", "--batch", "8", "--format", "json"};
        JsonNode bf16 = JSON.readTree(CliRun.of(args).out()).get(0);
        String[] fp8Args = java.util.Arrays.copyOf(args, args.length + 2);
        fp8Args[args.length] = "--kv-dtype";
        fp8Args[args.length + 1] = "fp8";
        CliRun r = CliRun.of(fp8Args);
        assertEquals(0, r.code(), r.err());
        JsonNode fp8 = JSON.readTree(r.out()).get(0);
        assertEquals("bf16", bf16.get("kvDtype").asText());
        assertEquals("fp8", fp8.get("kvDtype").asText());
        assertEquals("bf16", fp8.get("dtype").asText());
        // 2 x 8 x 8 x 65,537 x 128 elements a byte smaller each.
        assertEquals(1_073_758_208.0, bf16.get("bytes").asDouble() - fp8.get("bytes").asDouble(), 1);
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "decode", "--d-model", "1024", "--heads", "16",
            "--variant", "mha", "--seq", "128", "--kv-dtype", "fp4"},
                "attnsim: error: --kv-dtype: unknown KV cache dtype 'fp4', allowed: bf16, fp16, fp32, fp8, int8");
    }

    @Test
    void severalKvCacheTypesGiveEachVariantARowPerTypeAgainstTheBaselinesFirst() throws IOException {
        CliRun r = CliRun.of("predict", "--hardware", "h100-sxm", "--phase", "decode", "--d-model", "4096", "--heads",
                "32", "--variant", "mha,gqa", "--kv-heads", "8", "--seq", "65536", "--batch", "8", "--kv-dtype",
                "bf16,fp8", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = JSON.readTree(r.out());
        List<String> labels = new java.util.ArrayList<>();
        rows.forEach(row -> labels.add(row.get("label").asText() + " " + row.get("kvDtype").asText()));
        assertEquals(List.of("MHA KV bf16 bf16", "MHA KV fp8 fp8", "GQA KV bf16 bf16", "GQA KV fp8 fp8"), labels);
        // MHA's cache: 2 x 8 x 32 x 65,537 x 128 elements, a byte smaller each in fp8; GQA's a quarter of that.
        assertEquals(4_295_032_832.0, rows.get(0).get("bytes").asDouble() - rows.get(1).get("bytes").asDouble(), 1);
        assertEquals(1_073_758_208.0, rows.get(2).get("bytes").asDouble() - rows.get(3).get("bytes").asDouble(), 1);
        // Every speed-up is over MHA with the first type's cache.
        assertEquals(rows.get(0).get("seconds").asDouble() / rows.get(3).get("seconds").asDouble(),
                rows.get(3).get("speedup").asDouble(), 1e-12);
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "decode", "--d-model", "1024", "--heads", "16",
            "--variant", "mha", "--seq", "128", "--kv-dtype", "fp8,bf16,fp8"},
                "attnsim: error: --kv-dtype: 'fp8' appears twice, give each type once");
    }

    @Test
    void csvAndTableFormats() {
        CliRun csv = CliRun.of("predict", "--hardware", "h100-pcie", "--phase", "train", "--d-model", "2048", "--heads",
                "16", "--variant", "mha,custom", "--query-heads", "6", "--kv-heads", "2", "--seq", "4096", "--causal",
                "--scope", "layer", "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(3, csv.out().lines().count());
        assertTrue(csv.out().lines().skip(2).findFirst().orElseThrow().startsWith("custom,custom 6/2,dense,6,2"));
        CliRun table = CliRun.of("predict", "--hardware", "cpu-server-64c", "--phase", "prefill", "--d-model", "1024",
                "--heads", "8", "--variant", "mha,mqa", "--seq", "2048");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("MQA"));
    }

    @Test
    void wholeModelScope() throws IOException {
        CliRun r = CliRun.of("predict", "--hardware", "h100-sxm", "--phase", "train", "--d-model", "4096", "--heads",
                "32", "--variant", "gqa,xsqa", "--kv-heads", "8", "--seq", "8192", "--causal", "--scope", "model",
                "--layers", "32", "--ffn-hidden", "14336", "--vocab", "128256", "--format", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode rows = JSON.readTree(r.out());
        assertTrue(rows.get(0).get("attentionFraction").asDouble() < 0.5);
        assertFalse(rows.get(0).get("fits").asBoolean(), "16 bytes per parameter of 8B exceed 80 GB");
    }

    @Test
    void badOptionsAreOneLineErrorsWithExitTwo() throws IOException {
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "forward", "--d-model", "1000", "--heads", "16",
            "--variant", "mha", "--seq", "128"}, "attnsim: error: --heads: heads 16 do not divide d_model 1000");
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "forward", "--d-model", "1024", "--heads", "16",
            "--variant", "custom", "--query-heads", "6", "--kv-heads", "4", "--seq", "128"},
                "attnsim: error: --variant custom with --query-heads/--kv-heads: query heads 6 are not a multiple");
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "decode", "--d-model", "1024", "--heads", "16",
            "--variant", "mha", "--seq", "128", "--sparq-r", "80", "--sparq-k", "16"},
                "attnsim: error: --sparq-r/--sparq-k: sparq r = 80 with d_head 64, allowed: 1 <= r <= d_head");
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "decode", "--d-model", "1024", "--heads", "16",
            "--variant", "mha", "--seq", "128", "--sparq-r", "8", "--sparq-k", "256"},
                "attnsim: error: --sparq-r/--sparq-k: sparq k = 256 with a KV cache of 128");
        assertError(new String[] {"--hardware", "gb200", "--phase", "forward", "--d-model", "1024", "--heads", "16",
            "--variant", "mha", "--seq", "128"}, "attnsim: error: --hardware: unknown hardware 'gb200'");
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "forward", "--d-model", "1024", "--heads", "16",
            "--variant", "mha", "--seq", "-5"}, "attnsim: error: --seq: value -5 is too small");
        assertError(new String[] {"--hardware", "h100-sxm", "--phase", "forward", "--d-model", "1024", "--heads", "16",
            "--variant", "mha", "--seq", "many"}, "attnsim: error: Invalid value for option '--seq'");
        assertError(new String[] {"--phase", "forward"}, "attnsim: error: Missing required options");

        Path profile = tmp.resolve("broken.yaml");
        try (var in = org.attnsim.hwmodels.HardwareCatalog.class.getResourceAsStream("profiles/h100-sxm.yaml")) {
            Files.writeString(profile, new String(in.readAllBytes()).replace("value: 3350 GB/s", "value: -3 GB/s"));
        }
        assertError(new String[] {"--hardware", profile.toString(), "--phase", "forward", "--d-model", "1024", "--heads",
            "16", "--variant", "mha", "--seq", "128"}, "attnsim: error: " + profile + ": deviceMemory.bandwidth.value:");
    }

    private static void assertError(String[] args, String prefix) {
        String[] full = new String[args.length + 1];
        full[0] = "predict";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun r = CliRun.of(full);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith(prefix), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals("", r.out());
    }
}
