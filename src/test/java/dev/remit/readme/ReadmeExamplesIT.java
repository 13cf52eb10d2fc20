package dev.remit.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.remit.RemitApplication;
import dev.remit.support.FreePort;

/**
 * The README's examples, run as a reader runs them: every {@code ```sh} block, in order, pasted into
 * one bash (bash, curl and jq only), in a folder like the reader's clone: its {@code data/} is the
 * data folder of a fresh server with its first-start bootstrap and the embedded file database a real
 * start uses (so that {@code bin/remit admin} reaches it while the server runs), its {@code bin/} and
 * {@code target/} are the project's, and {@code BASE} points at the server. Each block must finish
 * without error and the results its comments promise must appear. Blocks fenced
 * {@code ```sh not-run} are not run.
 * <p>
 * An integration test (failsafe, after {@code package}) because the admin examples run the built jar.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "remit.bootstrap.enabled=true", "db-scheduler.polling-interval=200ms"})
class ReadmeExamplesIT {

    private static final int PORT = FreePort.next();
    private static final Path WORK_DIR = tempDir();
    private static final Path DATA_DIR = WORK_DIR.resolve("data");
    private static final Path JAR = Path.of("target", "remit.jar");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        RemitApplication.embeddedDatabaseDefaults(DATA_DIR).forEach((key, value) -> registry.add(key, () -> value));
        registry.add("server.port", () -> PORT);
        registry.add("remit.public-base-url", () -> "http://localhost:" + PORT);
        registry.add("remit.data-dir", DATA_DIR::toString);
    }

    /** A fenced block of the README, with the line its fence opens on. */
    record Block(int line, String info, String code) {
        boolean runnable() {
            return info.equals("sh");
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

        assertThat(JAR).as("target/remit.jar: this test runs in mvn verify's integration-test phase, after package")
                .isRegularFile();
        Files.createSymbolicLink(WORK_DIR.resolve("bin"), Path.of("bin").toAbsolutePath());
        Files.createSymbolicLink(WORK_DIR.resolve("target"), Path.of("target").toAbsolutePath());

        StringBuilder script = new StringBuilder("set -eo pipefail\n");
        for (Block block : runnable) {
            script.append("echo '>>> README.md line ").append(block.line()).append("'\n").append(block.code());
        }
        script.append("echo '>>> all blocks done'\n");
        Files.writeString(WORK_DIR.resolve("readme-examples.sh"), script);

        Path log = WORK_DIR.resolve("readme-examples.log");
        ProcessBuilder bash = new ProcessBuilder("bash", "readme-examples.sh").directory(WORK_DIR.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = bash.environment();
        environment.put("BASE", "http://localhost:" + PORT);
        // bin/remit runs the JDK that runs the tests; the admin command finds the database as a reader's
        // would, in ./data, with nothing of the machine's own remit configuration
        environment.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List.of("REMIT_DATA_DIR", "REMIT_AOT_DIR", "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                "SPRING_DATASOURCE_PASSWORD").forEach(environment::remove);
        Process process = bash.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as("the examples finished within 5 minutes; their output:\n%s", output).isTrue();

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
                .doesNotContain("\"status\":\"queued\"", "\"status\":\"failed\"", "No such file")
                // webhooks: the public key, and a receiver on this machine refused by default
                .contains("InvoiceCreate failed localhost resolves to",
                        "address is refused (remit.webhooks.allow-private-addresses)");

        // the admin command line, on the running server's database: what each command prints
        assertThat(output).as(output).contains("\"status\": \"active\"", "\"nextInvoiceAt\": \"");
        // Estimates: the draft listed with its number and total, then its invoice made and the estimate invoiced
        assertThat(output).as(output).contains("{\"estimateNumber\":1,\"estimateStatus\":\"draft\",\"total\":471.32,",
                "\"estimate\": \"invoiced\"", "\"invoice\": \"draft\"");
        // the second estimate: sent, accepted from its page's form, and its invoice made and sent by itself
        assertThat(output).as(output).contains("/e/", "accepted 303", "\"invoice\": \"sent\"", "\"total\": 2400");
        assertThat(output).as(output).doesNotContain("training failed")
                .doesNotContainPattern("(?m)^error: ")
                .containsPattern("(?m)^\\S+  Acme Agency$")
                .containsPattern("(?m)^\\S+  US  America/Chicago  Acme Plumbing$")
                .containsPattern("(?m)^\\S+  Alex  alex@example.com  locations=\\S+$");
        Matcher issued = Pattern.compile("(?m)^id: +(\\S+)\ntoken: +(\\S+)\nscopes: (.*)$").matcher(output);
        Map<String, String> scopesBySecret = new LinkedHashMap<>();
        String readOnlyId = null;
        while (issued.find()) {
            scopesBySecret.put(issued.group(2), issued.group(3));
            if (issued.group(3).equals("invoices.readonly")) {
                readOnlyId = issued.group(1);
            }
        }
        assertThat(scopesBySecret).as("token create x4 printed id, secret and scopes; output:\n%s", output).hasSize(4);
        assertThat(scopesBySecret.keySet()).as("each secret is shown once, when issued, and never listed")
                .allSatisfy(secret -> assertThat(output.split(Pattern.quote(secret), -1)).hasSize(2));
        assertThat(scopesBySecret.values()).contains("invoices.readonly", "invoices.write")
                .anySatisfy(scopes -> assertThat(scopes).contains("invoices.readonly", "invoices.write",
                        "invoices/template.readonly"));
        assertThat(readOnlyId).isNotNull();
        // the read-only token works (200), is revoked, answers 401 at once, and the list says it is revoked
        assertThat(output).as(output).containsPattern("\n200\nrevoked " + Pattern.quote(readOnlyId) + "\n401\n"
                + Pattern.quote(readOnlyId) + "  private-integration +company=\\S+  location=\\S+  revoked \\S+");
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("remit-readme-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
