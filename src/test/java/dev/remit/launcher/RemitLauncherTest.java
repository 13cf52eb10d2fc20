package dev.remit.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The jar's main class: {@code admin ...} reaches the admin commands, anything else the server's own answers. */
class RemitLauncherTest {

    private record Run(int exit, String out) {
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), RemitLauncher.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    @Test
    void adminArgumentsGoToTheAdminCommands() throws Exception {
        Run admin = launch("admin", "--help");
        assertThat(admin.exit()).as(admin.out()).isZero();
        assertThat(admin.out()).startsWith("Usage: remit admin").contains("company", "token");
    }

    @Test
    void everythingElseGoesToTheServer() throws Exception {
        Run server = launch("--help");
        assertThat(server.exit()).as(server.out()).isZero();
        assertThat(server.out()).startsWith("Usage: remit [--setting=value ...]");
    }
}
