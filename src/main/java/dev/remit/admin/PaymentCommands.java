package dev.remit.admin;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.remit.payment.SecretBox;
import dev.remit.payment.StripeAccount;
import dev.remit.payment.StripeAccounts;
import dev.remit.tenancy.TenancyRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code remit admin payments stripe --location ... --test-secret-key ... --live-secret-key ...
 * --webhook-secret ...}: connects a location's Stripe account. Secrets are encrypted with
 * REMIT_SECRET_KEY before they are stored and are never printed.
 */
@Command(name = "payments", description = "Payment providers of a location.",
        subcommands = {PaymentCommands.Stripe.class})
public class PaymentCommands {


    @ParentCommand
    AdminCommand root;


    @Command(name = "stripe",
            description = "Set (or show, or remove) a location's Stripe keys. Keys not given stay as they are.")
    static class Stripe implements Callable<Integer> {

        @ParentCommand
        PaymentCommands parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--location", required = true, description = "the location (sub-account) id")
        String locationId;

        @Option(names = "--test-secret-key", description = "secret (or restricted) key for test mode: sk_test_... or rk_test_...")
        String testKey;

        @Option(names = "--live-secret-key", description = "secret (or restricted) key for live mode: sk_live_... or rk_live_...")
        String liveKey;

        @Option(names = {"--webhook-secret", "--test-webhook-secret"},
                description = "signing secret (whsec_...) of the test-mode webhook endpoint")
        String testWebhookSecret;

        @Option(names = "--live-webhook-secret", description = "signing secret (whsec_...) of the live-mode webhook endpoint")
        String liveWebhookSecret;

        @Option(names = "--remove", description = "forget the location's Stripe keys")
        boolean remove;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            if (parent.root.bean(TenancyRepository.class).findLocation(locationId).isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no location " + locationId);
            }
            StripeAccounts accounts = parent.root.bean(StripeAccounts.class);
            if (remove) {
                out.println(accounts.remove(locationId) ? "removed the Stripe keys of " + locationId
                        : "no Stripe keys were stored for " + locationId);
                return 0;
            }
            check(testKey, "--test-secret-key", "sk_test_", "rk_test_");
            check(liveKey, "--live-secret-key", "sk_live_", "rk_live_");
            check(testWebhookSecret, "--webhook-secret", "whsec_", "whsec_");
            check(liveWebhookSecret, "--live-webhook-secret", "whsec_", "whsec_");
            StripeAccount account;
            if (testKey == null && liveKey == null && testWebhookSecret == null && liveWebhookSecret == null) {
                account = accounts.find(locationId).orElse(null);
                out.println(account == null ? "Stripe is not connected for " + locationId
                        : "Stripe for " + locationId + ": " + account.describe());
                return 0;
            }
            try {
                account = accounts.configure(locationId, testKey, liveKey, testWebhookSecret, liveWebhookSecret);
            } catch (SecretBox.SecretKeyMissingException missing) {
                spec.commandLine().getErr().println("error: " + missing.getMessage());
                return 2;
            }
            out.println("Stripe for " + locationId + ": " + account.describe());
            out.println("Webhook endpoint: <REMIT_PUBLIC_BASE_URL>/payments/stripe/webhook/" + locationId);
            return 0;
        }

        private void check(String value, String option, String prefix, String otherPrefix) {
            if (value != null && !value.startsWith(prefix) && !value.startsWith(otherPrefix)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        option + " must start with " + prefix + (prefix.equals(otherPrefix) ? "" : " or " + otherPrefix));
            }
        }
    }
}
