package dev.remit.admin;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.remit.tenancy.TenancyRepository;
import dev.remit.webhook.SigningKeys;
import dev.remit.webhook.Subscription;
import dev.remit.webhook.WebhookDelivery;
import dev.remit.webhook.WebhookEvent;
import dev.remit.webhook.WebhookService;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code remit admin webhooks ...}: a location's webhook subscriptions, their delivery log and replay,
 * and the key that signs webhooks (docs/webhooks.md).
 */
@Command(name = "webhooks", description = "Webhook subscriptions of a location, and the signing key.",
        subcommands = {WebhookCommands.Add.class, WebhookCommands.ListAll.class, WebhookCommands.Remove.class,
                WebhookCommands.Enable.class, WebhookCommands.Disable.class, WebhookCommands.Deliveries.class,
                WebhookCommands.Replay.class, WebhookCommands.PublicKey.class, WebhookCommands.RotateKey.class})
public class WebhookCommands {

    @ParentCommand
    AdminCommand root;

    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        WebhookCommands parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        <T> T bean(Class<T> type) {
            return parent.root.bean(type);
        }

        CommandLine.ParameterException invalid(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }

        String location(String locationId) {
            if (bean(TenancyRepository.class).findLocation(locationId).isEmpty()) {
                throw invalid("no location " + locationId);
            }
            return locationId;
        }

        Subscription subscription(String locationId, String id) {
            return bean(WebhookService.class).subscription(location(locationId), id)
                    .orElseThrow(() -> invalid("no webhook subscription " + id + " in location " + locationId));
        }

        void print(Subscription s) {
            out().printf("%s  %s  %s  %s%s%n", s.id(), s.enabled() ? "enabled" : "disabled", s.url(),
                    String.join(",", s.events().stream().map(WebhookEvent::type).toList()),
                    s.enabled() ? "" : "  (" + s.disabledReason() + ")");
        }
    }

    /** A command about one subscription of a location. */
    abstract static class OneSubscription extends Base {
        @Option(names = "--location", required = true, description = "the location (sub-account) id")
        String locationId;

        @Option(names = "--id", required = true, description = "the subscription's id")
        String id;

        /** The subscription, or a one-line refusal when the location or the subscription does not exist. */
        Subscription subscription() {
            return subscription(locationId, id);
        }
    }

    @Command(name = "add", description = "Subscribe a URL to a location's invoice events; prints the subscription's id.")
    static class Add extends Base {
        @Option(names = "--location", required = true, description = "the location (sub-account) id")
        String locationId;

        @Option(names = "--url", required = true, description = "where to post the webhooks (http or https)")
        String url;

        @Option(names = "--event", split = ",", description = "an event to send (repeat, or comma-separated); "
                + "default all seven: InvoiceCreate, InvoiceUpdate, InvoiceDelete, InvoiceSent, InvoicePaid, "
                + "InvoicePartiallyPaid, InvoiceVoid; remit's schedule events (InvoiceScheduleCreate, InvoiceScheduleUpdate, "
                + "InvoiceScheduleActive, InvoiceScheduleCancel, InvoiceScheduleComplete, InvoiceScheduleDelete) only when named")
        List<String> events = new ArrayList<>();

        @Option(names = "--hmac", description = "also sign with an HMAC secret of its own (printed once)")
        boolean hmac;

        @Override
        public Integer call() {
            List<WebhookEvent> chosen = new ArrayList<>();
            for (String type : events) {
                chosen.add(WebhookEvent.ofType(type.trim()).orElseThrow(() -> invalid("unknown event " + type.trim()
                        + " (one of " + String.join(", ", Arrays.stream(WebhookEvent.values()).map(WebhookEvent::type).toList()) + ")")));
            }
            if (chosen.isEmpty()) {
                chosen.addAll(WebhookEvent.highLevelEvents());
            }
            Subscription created;
            try {
                created = bean(WebhookService.class).subscribe(location(locationId), url, chosen, hmac);
            } catch (WebhookService.Invalid refused) {
                throw invalid(refused.getMessage());
            }
            out().println(created.id());
            if (created.hmacSecret() != null) {
                spec.commandLine().getErr().println("HMAC secret (x-remit-hmac-sha256; shown only now): " + created.hmacSecret());
            }
            return 0;
        }
    }

    @Command(name = "list", description = "List a location's webhook subscriptions.")
    static class ListAll extends Base {
        @Option(names = "--location", required = true)
        String locationId;

        @Override
        public Integer call() {
            bean(WebhookService.class).subscriptions(location(locationId)).forEach(this::print);
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove a subscription and its delivery log.")
    static class Remove extends OneSubscription {
        @Override
        public Integer call() {
            subscription();
            bean(WebhookService.class).unsubscribe(locationId, id);
            out().println("removed " + id);
            return 0;
        }
    }

    @Command(name = "enable", description = "Enable a subscription again; its paused webhooks are sent.")
    static class Enable extends OneSubscription {
        @Override
        public Integer call() {
            subscription();
            print(bean(WebhookService.class).enable(locationId, id).orElseThrow());
            return 0;
        }
    }

    @Command(name = "disable", description = "Pause a subscription: its webhooks wait until it is enabled.")
    static class Disable extends OneSubscription {
        @Override
        public Integer call() {
            subscription();
            print(bean(WebhookService.class).disable(locationId, id, "disabled by the administrator").orElseThrow());
            return 0;
        }
    }

    @Command(name = "deliveries", description = "A subscription's delivery log, newest first.")
    static class Deliveries extends OneSubscription {
        @Option(names = "--limit", defaultValue = "20")
        int limit;

        @Override
        public Integer call() {
            subscription();
            if (limit < 1 || limit > 1000) {
                throw invalid("--limit must be between 1 and 1000");
            }
            for (WebhookDelivery d : bean(WebhookService.class).log(locationId, id, limit, 0)) {
                out().printf("%s  %s  %-20s  %s  %-9s  attempts=%d  last=%s  next=%s%s%n", d.id(), d.createdAt(),
                        d.eventType(), d.webhookId(), d.status().wire(), d.attempts(),
                        d.lastStatus() == null ? (d.lastError() == null ? "-" : d.lastError()) : d.lastStatus(),
                        d.status() == WebhookDelivery.Status.QUEUED ? d.nextAttemptAt() : "-",
                        d.replayOf() == null ? "" : "  replay of " + d.replayOf());
            }
            return 0;
        }
    }

    @Command(name = "replay", description = "Send a logged webhook again (same webhookId); prints the new log line's id.")
    static class Replay extends Base {
        @Option(names = "--location", required = true)
        String locationId;

        @Option(names = "--delivery", required = true, description = "the log line's id (see deliveries)")
        String deliveryId;

        @Override
        public Integer call() {
            Optional<WebhookDelivery> replay = bean(WebhookService.class).replay(location(locationId), deliveryId);
            out().println(replay.orElseThrow(() -> invalid("no webhook delivery " + deliveryId + " in location " + locationId)).id());
            return 0;
        }
    }

    @Command(name = "public-key", description = "Print the public key that verifies x-wh-signature (PEM); "
            + "with --all every key to accept now (both during a rotation).")
    static class PublicKey extends Base {
        @Option(names = "--all")
        boolean all;

        @Override
        public Integer call() {
            SigningKeys keys = bean(SigningKeys.class);
            if (!all) {
                out().print(keys.publicKeyPem());
                return 0;
            }
            for (SigningKeys.PublishedKey key : keys.published()) {
                out().printf("# key %s%s%s%s%n", key.id(), key.signing() ? " (signing now)" : "",
                        key.activeFrom() != null && !key.signing() ? ", signs from " + key.activeFrom() : "",
                        key.retiredAt() != null ? ", published until " + key.retiredAt() : "");
                out().print(key.pem());
            }
            return 0;
        }
    }

    @Command(name = "rotate-key", description = "Make a new signing key: published at once, signing after the overlap, "
            + "when the old key stops being published.")
    static class RotateKey extends Base {
        @Option(names = "--overlap", defaultValue = "P7D", description = "how long both keys are published (ISO-8601, e.g. P7D, PT1H; default P7D)")
        String overlap;

        @Override
        public Integer call() {
            Duration period;
            try {
                period = Duration.parse(overlap);
            } catch (DateTimeParseException e) {
                throw invalid("--overlap must be an ISO-8601 duration such as P7D or PT12H");
            }
            SigningKeys.PublishedKey key = bean(SigningKeys.class).rotate(period);
            out().printf("# key %s, signs from %s%n", key.id(), key.activeFrom());
            out().print(key.pem());
            return 0;
        }
    }
}
