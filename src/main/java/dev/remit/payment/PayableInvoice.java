package dev.remit.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

import dev.remit.invoice.InvoiceStatus;

/**
 * An invoice as payments see it.
 *
 * @param status         the invoice's status
 * @param schedule       the invoice's paymentSchedule, or null
 * @param autoPayment    the saved payment method the send stored, or null when auto-payment is off
 * @param customerEmail  where receipts go, or null
 */
public record PayableInvoice(String id, String locationId, String number, String name, String currency,
        BigDecimal total, BigDecimal amountPaid, BigDecimal amountDue, InvoiceStatus status, boolean liveMode,
        LocalDate dueDate, String publicToken, String customerName, String customerEmail, PaymentSchedule schedule,
        AutoPaymentSetup autoPayment) {

    public Currency currencyUnit() {
        return Currency.getInstance(currency);
    }

    /** Sent, partially paid or overdue with something due: the customer may pay, a charge may run. */
    public boolean isOpen() {
        return amountDue.signum() > 0 && (status == InvoiceStatus.SENT || status == InvoiceStatus.PARTIALLY_PAID);
    }

    /** What the next payment should be: the next installment of the schedule, or all that is due. */
    public BigDecimal nextPaymentAmount() {
        return schedule == null ? amountDue : schedule.nextInstallment(total, amountPaid, currencyUnit());
    }

    /** HighLevel's paymentSchedule: {@code type} fixed or percentage, {@code schedules} one entry per installment. */
    public record PaymentSchedule(String type, List<String> schedules) {

        /**
         * The next installment: the installments' running totals are compared with what is paid, and
         * the first running total not yet reached, less what is paid, is due now. The last installment
         * takes whatever the entries leave over, so the schedule always ends at the total. Entries
         * that are not numbers make the schedule unusable: then everything due is asked for.
         */
        public BigDecimal nextInstallment(BigDecimal total, BigDecimal paid, Currency currency) {
            BigDecimal due = total.subtract(paid);
            List<BigDecimal> parts = new java.util.ArrayList<>();
            if (schedules == null) {
                return due;
            }
            for (String entry : schedules) {
                // within the request bounds, or not a number: an id such as 6578278e87964671 reads as one with a huge exponent
                BigDecimal value = dev.remit.api.NumberBounds.parse(entry).orElse(null);
                if (value == null || value.signum() <= 0) {
                    return due;
                }
                parts.add("percentage".equals(type)
                        ? total.multiply(value).divide(BigDecimal.valueOf(100))
                        : value);
            }
            if (parts.isEmpty()) {
                return due;
            }
            BigDecimal running = BigDecimal.ZERO;
            for (int i = 0; i < parts.size(); i++) {
                running = i == parts.size() - 1 ? total : running.add(parts.get(i));
                BigDecimal reached = running.min(total).setScale(currency.getDefaultFractionDigits(),
                        java.math.RoundingMode.HALF_UP);
                if (reached.compareTo(paid) > 0) {
                    return reached.subtract(paid).min(due);
                }
            }
            return due;
        }
    }
}
