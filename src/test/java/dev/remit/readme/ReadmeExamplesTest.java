package dev.remit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.remit.support.TestDatabase;

/**
 * The README's examples, run as a reader runs them: every {@code ```sh} block, in order, pasted into
 * one bash (bash, curl and jq only), in a folder whose {@code data/} is the data folder of a fresh
 * server with its first-start bootstrap, with {@code BASE} pointing at that server. Each block must
 * finish without error and the results its comments promise must appear. Blocks fenced
 * {@code ```sh not-run}, and those that run {@code target/remit.jar} (built after the tests), are not
 * run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "remit.bootstrap.enabled=true", "db-scheduler.polling-interval=200ms"})
class ReadmeExamplesTest {

    private static final Map<String, Object> DATABASE = TestDatabase.fresh("readme");
    private static final int PORT = freePort();
    private static final Path WORK_DIR = tempDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        DATABASE.forEach((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> PORT);
        registry.add("remit.public-base-url", () -> "http://localhost:" + PORT);
        registry.add("remit.data-dir", () -> WORK_DIR.resolve("data").toString());
    }

    /** A fenced block of the README, with the line its fence opens on. */
    record Block(int line, String info, String code) {
        boolean runnable() {
            return info.equals("sh") && !code.contains("target/remit.jar");
        }
    }

    static List<Block> blocks(List<String> markdown) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            String line = markdown.get(i);
            String trimmed = line.stripLeading();
            if (!trimmed.startsWith("```") || trimmed.length() == 3) {
                continue;
            }
            int indent = line.length() - trimmed.length();
            String info = trimmed.substring(3).strip();
            StringBuilder code = new StringBuilder();
            int j = i + 1;
            for (; j < markdown.size() && !markdown.get(j).strip().equals("```"); j++) {
                String content = markdown.get(j);
                code.append(content.length() >= indent && content.substring(0, indent).isBlank()
                        ? content.substring(indent) : content.stripLeading()).append('\n');
            }
            blocks.add(new Block(i + 1, info, code.toString()));
            i = j;
        }
        return blocks;
    }

    @Test
    void theReadmesShellExamplesWorkAsWritten() throws Exception {
        for (String tool : List.of("bash", "curl", "jq")) {
            boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
            if (!present && !"true".equals(System.getenv("CI"))) {
                Assumptions.abort(tool + " is not installed: apt-get install " + tool + " (CI installs it)");
            }
            assertThat(present).as(tool + " is needed to run the README's examples").isTrue();
        }
        List<Block> all = blocks(Files.readAllLines(Path.of("README.md")));
        List<Block> runnable = all.stream().filter(Block::runnable).toList();
        assertThat(runnable).as("the README's runnable examples").hasSizeGreaterThanOrEqualTo(4);
        assertThat(all).filteredOn(b -> b.info().startsWith("sh")).extracting(Block::info)
                .as("a shell block is run (sh) or visibly not (sh not-run)").allMatch(info -> info.equals("sh")
                        || info.equals("sh not-run"));

        StringBuilder script = new StringBuilder("set -eo pipefail\n");
        for (Block block : runnable) {
            script.append("echo '>>> README.md line ").append(block.line()).append("'\n").append(block.code());
        }
        script.append("echo '>>> all blocks done'\n");
        Files.writeString(WORK_DIR.resolve("readme-examples.sh"), script);

        ProcessBuilder bash = new ProcessBuilder("bash", "readme-examples.sh").directory(WORK_DIR.toFile())
                .redirectErrorStream(true);
        bash.environment().put("BASE", "http://localhost:" + PORT);
        Process process = bash.start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String output = new String(out, StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(process.exitValue()).as("the examples ran to the end; their output:\n%s", output).isZero();
        assertThat(output).as(output).contains(">>> all blocks done")
                // create and read: 3 × 120.50 with 8.25 % tax, plus 80.00
                .contains("\"total\": 471.32", "\"invoiceUrl\": \"http://localhost:" + PORT + "/i/")
                // record-payment and void
                .contains("\"status\": \"partially_paid\"", "\"amountPaid\": 100", "\"amountDue\": 371.32",
                        "\"status\": \"void\"")
                // send, its delivery, and the seed's body accepted with a warning without Stripe
                .contains("\"status\": \"sent\"", "\"channel\":\"email\"", "\"channel\":\"sms\"", ".eml", ".json",
                        "autoPayment: Stripe is not connected for live mode")
                .doesNotContain("\"status\":\"queued\"", "\"status\":\"failed\"", "No such file");
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("remit-readme-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
