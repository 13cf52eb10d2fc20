package dev.remit.launcher;

import java.util.Arrays;

import dev.remit.RemitApplication;
import dev.remit.admin.AdminCommand;

/**
 * The jar's main class: {@code remit admin ...} runs an admin command, anything else is the server's
 * (which answers {@code --version} and {@code --help} itself). It lives in a module of its own so that
 * the application's root package, which every module may use, depends on no module: {@code admin}
 * composes the others and is composed by nothing but this.
 */
public final class RemitLauncher {

    private RemitLauncher() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("admin")) {
            System.exit(AdminCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        RemitApplication.main(args);
    }
}
