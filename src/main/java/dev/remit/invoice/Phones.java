package dev.remit.invoice;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

/** Phone numbers as remit stores them: E.164, read with the location's country as the default region. */
public final class Phones {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Phones() {
    }

    /** The number in E.164 ({@code +12145596993}); null when it is not a valid number. */
    public static String e164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(raw, defaultRegion);
            return PHONES.isValidNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164) : null;
        } catch (NumberParseException notANumber) {
            return null;
        }
    }
}
