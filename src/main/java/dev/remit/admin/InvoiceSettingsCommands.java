package dev.remit.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.remit.api.ApiException;
import dev.remit.api.Violations;
import dev.remit.invoice.InvoiceSettings;
import dev.remit.invoice.InvoiceSettingsService;
import dev.remit.tenancy.Location;
import dev.remit.tenancy.TenancyRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code remit admin settings show|set}: a location's invoice settings (what GET /invoices/settings returns). */
@Command(name = "settings", description = "A location's invoice settings.",
        subcommands = {InvoiceSettingsCommands.Show.class, InvoiceSettingsCommands.Set.class})
class InvoiceSettingsCommands {

    static Location location(AdminCommand.Sub command, String locationId) {
        return command.bean(TenancyRepository.class).findLocation(locationId).orElseThrow(() ->
                new CommandLine.ParameterException(command.spec.commandLine(), "no location " + locationId));
    }

    @Command(name = "show", description = "Print a location's invoice settings as JSON (defaults filled in).")
    static class Show extends AdminCommand.Sub {
        @Option(names = "--location", required = true)
        String locationId;

        @Override
        public Integer call() {
            InvoiceSettings settings = bean(InvoiceSettingsService.class).effective(location(this, locationId));
            out().println(bean(ObjectMapper.class).writerWithDefaultPrettyPrinter().writeValueAsString(settings));
            return 0;
        }
    }

    @Command(name = "set", description = "Change some of a location's invoice settings; the others stay.")
    static class Set extends AdminCommand.Sub {
        @Option(names = "--location", required = true)
        String locationId;

        @Option(names = "--prefix", description = "invoice number prefix, at most 10 characters (default INV-)")
        String prefix;

        @Option(names = "--title", description = "default title of new invoices, at most 40 characters")
        String title;

        @Option(names = "--terms", description = "default terms note of new invoices")
        String terms;

        @Option(names = "--due-after-days", description = "new invoices without dueDate are due this many days after issue")
        Integer dueAfterDays;

        @Option(names = "--from-name", description = "sender name of invoice emails")
        String fromName;

        @Option(names = "--from-email", description = "sender address of invoice emails")
        String fromEmail;

        @Option(names = "--paper-size", description = "paper of the invoice PDF: A4 or Letter")
        String paperSize;

        @Option(names = "--payment-instructions", description = "how to pay other than online (bank details, a cheque"
                + " address), shown on the page, the PDF and the email; \"\" removes them")
        String paymentInstructions;

        @Option(names = "--business-name")
        String businessName;

        @Option(names = "--business-phone", description = "stored in E.164, read with the location's country")
        String businessPhone;

        @Option(names = "--business-website")
        String businessWebsite;

        @Option(names = "--business-logo-url")
        String businessLogoUrl;

        @Override
        public Integer call() {
            Location location = location(this, locationId);
            ObjectMapper json = bean(ObjectMapper.class);
            Map<String, String> business = new LinkedHashMap<>();
            if (businessName != null) {
                business.put("name", businessName);
            }
            if (businessPhone != null) {
                business.put("phoneNo", businessPhone);
            }
            if (businessWebsite != null) {
                business.put("website", businessWebsite);
            }
            if (businessLogoUrl != null) {
                business.put("logoUrl", businessLogoUrl);
            }
            if (fromEmail != null && !fromEmail.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--from-email must be an email");
            }
            ObjectNode businessNode = business.isEmpty() ? null : json.valueToTree(business);
            for (String text : java.util.Arrays.asList(paymentInstructions, terms, title, prefix, fromName)) {
                if (text != null && dev.remit.api.AccountNumbers.looksLikeAccountNumber(text)) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "a setting holds what looks like a full"
                            + " card or bank account number; remit stores none (give a reference, or the last 4 digits)");
                }
            }
            try {
                InvoiceSettings saved = bean(InvoiceSettingsService.class).update(location, new InvoiceSettings(
                        businessNode, fromName == null && fromEmail == null ? null
                                : new InvoiceSettings.SenderConfiguration(fromName, fromEmail),
                        prefix, dueAfterDays, terms, title, paperSize, paymentInstructions), new Violations());
                out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(saved));
                return 0;
            } catch (ApiException invalid) {
                spec.commandLine().getErr().println("error: " + String.join("; ", invalid.toBody().message() instanceof java.util.List<?> l
                        ? l.stream().map(String::valueOf).toList() : java.util.List.of(invalid.getMessage())));
                return 2;
            }
        }
    }
}
