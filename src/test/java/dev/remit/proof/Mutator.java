package dev.remit.proof;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded mutations of valid requests: the same seed gives the same requests, so a failure can be
 * replayed. Each request gets one to three mutations of its body, query, path or headers, or none
 * (so valid requests, and the 2xx answers they get, are part of the campaign too).
 */
class Mutator {

    /** Template and SQL injection, header injection, markup, paths. */
    static final List<String> INJECTIONS = List.of(
            "' OR 1=1 --", "'; DROP TABLE invoice; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10) --",
            "${7*7}", "[[${7*7}]]", "[(${7*7})]", "__${T(java.lang.Runtime).getRuntime().exec('id')}__::.x",
            "#{7*7}", "{{7*7}}", "<%= 7*7 %>", "${jndi:ldap://127.0.0.1:1/a}", "*{7*7}", "@{/x(a=${7*7})}",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "%s%s%s%n", "../../../../etc/passwd", "*)(uid=*))(|(uid=*",
            "Alex\r\nBcc: victim@evil.example", "alex@example.com\r\nBcc: victim@evil.example",
            "alex@example.com\nSubject: pwned", "billing@acme.example%0d%0aBcc:victim@evil.example",
            "=?utf-8?q?x=0D=0ABcc:_victim@evil.example?=", "a@b.c>\r\nX-Injected: 1");

    /**
     * Every kind of text that has broken a parser, a renderer or a database: each Unicode category
     * that is not plain letters (controls, surrogates, noncharacters, format and bidi characters,
     * combining marks, astral planes, private use, unassigned), named so a failure says which.
     */
    static final Map<String, String> UNICODE_CATEGORIES = ordered(
            "NUL", "a\u0000b",
            "C0 controls", "a\u0001\u0007\u0008\u000b\u000c\u001b\u001fb",
            "DEL and C1 controls", "a\u007f\u0080\u0085\u009fb",
            "tab, CR, LF", "a\tb\r\nc",
            "lone high surrogate", "a\ud800b",
            "lone low surrogate", "x\udc00y",
            "reversed surrogate pair", "a\udc00\ud800b",
            "noncharacters U+FFFF U+FFFE", "a\uffff\ufffeb",
            "noncharacters U+FDD0 U+1FFFF", "a\ufdd0\ud83f\udfffb",
            "replacement character", "a\ufffdb",
            "bidi overrides", "\u202eevil\u202c.pdf \u202dx\u202a\u202b",
            "bidi isolates and marks", "\u2066a\u2069\u200e\u200f\u061c",
            "zero-width characters and BOM", "\ufeffa\u200b\u200c\u200d\u2060b",
            "line and paragraph separators", "a\u2028b\u2029c",
            "combining marks", "e\u0301\u0301\u0301 Z\u0337\u0322\u0327\u031b\u0353a\u0338l\u0334g\u0337o\u0335",
            "emoji sequences", "😀👍🏽👨‍👩‍👧 🇺🇸 ❤️",
            "private use", "\ue000\uf8ff\udb80\udc00",
            "unassigned and tag characters", "\u0378\udb40\udc01\udb40\udc7f",
            "right-to-left scripts", "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",
            "CJK, astral CJK", "請求書 \ud840\udc00\ud869\ude25",
            "Indic and Thai", "\u0939\u093f\u0928\u094d\u0926\u0940 \u0e20\u0e32\u0e29\u0e32",
            "wide and odd spaces", "a\u00a0b\u3000c\u2003d\u180ee",
            "case-mapping expanders", "ǅ ß İ ı ﬃ ŉ",
            "fullwidth and mathematical letters", "ＡＢＣ \ud835\udd73\ud835\udd8a",
            "empty", "",
            "blank", "   ");

    /** Full card and bank account numbers as a client might put them in any text field. */
    static final Map<String, String> CARD_NUMBERS = ordered(
            "card number", "4242424242424242",
            "card number in groups", "4111 1111 1111 1111",
            "card number in a sentence", "paid with 5555-5555-5555-4444 exp 12/30",
            "15-digit card number", "378282246310005",
            "card number as an email address", "4000056655665556@example.com",
            "IBAN", "DE89370400440532013000",
            "IBAN in groups", "GB82 WEST 1234 5698 7654 32");

    /** Unicode that breaks naive code (every category above, and a few classics). */
    static final List<String> UNICODE = concat(List.copyOf(UNICODE_CATEGORIES.values()),
            List.of("\u0000", "\ud800", "\u202Eevil\u202C.pdf", "\uFFFF\uFFFE", "\t\n"));

    /**
     * Numbers as raw JSON tokens at and beyond every parser's limits: exponents at the edges of an
     * int and past them (BigDecimal's scale is an int), exponents that would print as a million or a
     * billion digits, a hundred thousand digits written out, and what lies beyond a double.
     */
    static final List<String> LIMIT_NUMBERS = List.of(
            "1e10000000", "1e1000000000", "-1e1000000000", "1e-1000000000", "1e2147483647", "-1e2147483647",
            "1e-2147483648", "0.1e-2147483647", "1e-2147483647", "1e2147483648", "1e-2147483649",
            "1e99999999999999999999", "0e-2147483648", "0e2147483647",
            "9".repeat(100_000), "0." + "0".repeat(100_000) + "1", "9".repeat(5_000) + "." + "9".repeat(5_000),
            "1e309", "-1e309", "1e-400", "4.9e-324", "9007199254740993", "9223372036854775808",
            "-9223372036854775809", "2147483648", "-2147483649", "-0", "-0.0", "-0e0");

    /** Text that looks like a number to someone: as a raw token it is not JSON; as a string it is not a number. */
    static final List<String> NUMBER_LIKE_TEXT = List.of(
            "NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "1e", "0x1F", "1_000", "1,5",
            "\u0661\u0662\u0663", "1e10000000", "1e1000000000");

    /** Numbers as raw JSON tokens: out of double range, negative zero, binary fractions, long decimals, the limits above. */
    static final List<String> NUMBERS = concat(List.of(
            "1e309", "-1e309", "-0", "-0.0", "0.30000000000000004", "123456789012345678.123456789012345678",
            "999999999999999999", "1e-400", "-1", "0", "1E+2", "9223372036854775808", "-9223372036854775809",
            "0.00001", "1" + "0".repeat(400), "1e2147483647", "4.9e-324", "100000000000000000000000000.5"), LIMIT_NUMBERS);

    /** What an array may be given instead of its elements: each JSON type, and arrays inside arrays. */
    static final Map<String, Object> WRONG_ELEMENTS = ordered(
            "null", null,
            "zero", 0,
            "a negative number", -1,
            "a fraction", 1.5,
            "a number past every limit", new Json.Raw("1e1000000000"),
            "an empty string", "",
            "a string", "not-an-element",
            "true", true,
            "false", false,
            "an empty object", new LinkedHashMap<>(),
            "an object", new LinkedHashMap<>(Map.of("a", 1)),
            "an empty array", new ArrayList<>(),
            "an array of null", new Json.Raw("[null]"),
            "nested arrays", new Json.Raw("[[[\"x\"]],[]]"));

    /** Content types a client may send on any path, with and without a charset. */
    static final List<String> CONTENT_TYPES = List.of(
            "application/json", "application/json; charset=utf-8", "application/json;charset=ISO-8859-1",
            "application/json; charset=utf-16", "application/json; charset=bogus", "application/json; charset=",
            "application/vnd.api+json", "text/plain", "text/plain; charset=utf-8", "application/xml", "text/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=remit-fuzz", "multipart/form-data",
            "multipart/mixed; boundary=remit-fuzz", "application/octet-stream", "*/*", "application/*", "*/json", "image/png", "x", ";;;");

    /** Not JSON at all. */
    static final List<String> NOT_JSON = List.of("NaN", "Infinity", "{", "{\"a\":}", "[1,]", "'single'", "undefined",
            "{\"altId\":\"x\",}", "\u0000", "<xml/>", "--", "{\"a\":1}{\"b\":2}", "tru", "0x10");

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> out = new ArrayList<>();
        for (List<T> list : lists) {
            out.addAll(list);
        }
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static <V> Map<String, V> ordered(Object... namesAndValues) {
        Map<String, V> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.put((String) namesAndValues[i], (V) namesAndValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private final Random random;

    Mutator(long seed) {
        random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    String evilString() {
        return switch (random.nextInt(6)) {
            case 0, 1 -> pick(INJECTIONS);
            case 2, 3 -> pick(UNICODE);
            case 4 -> pick(List.copyOf(CARD_NUMBERS.values()));
            default -> pick(INJECTIONS) + pick(UNICODE) + pick(INJECTIONS);
        };
    }

    String hugeString() {
        int size = switch (random.nextInt(4)) {
            case 0 -> 501;
            case 1 -> 5_000 + random.nextInt(60_000);
            case 2 -> 300_000 + random.nextInt(300_000);
            default -> 1_100_000 + random.nextInt(400_000);
        };
        String unit = chance(0.5) ? "a" : pick(UNICODE) + "x";
        StringBuilder out = new StringBuilder(size + unit.length());
        while (out.length() < size) {
            out.append(unit);
        }
        return out.toString();
    }

    Object wrongType() {
        return switch (random.nextInt(8)) {
            case 0 -> random.nextInt();
            case 1 -> "not-the-right-type";
            case 2 -> random.nextBoolean();
            case 3 -> null;
            case 4 -> new ArrayList<>();
            case 5 -> new LinkedHashMap<>();
            case 6 -> new ArrayList<>(List.of(1, "two", false));
            default -> new Json.Raw(pick(NUMBERS));
        };
    }

    Object deep() {
        int depth = 10 + random.nextInt(chance(0.5) ? 400 : 20_000);
        boolean arrays = random.nextBoolean();
        StringBuilder out = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "[" : "{\"a\":");
        }
        out.append("1");
        for (int i = 0; i < depth; i++) {
            out.append(arrays ? "]" : "}");
        }
        return new Json.Raw(out.toString());
    }

    Object hugeArray(Object like) {
        int size = chance(0.7) ? 100 + random.nextInt(2_000) : 10_000 + random.nextInt(20_000);
        List<Object> out = new ArrayList<>(size);
        Object element = like instanceof List<?> list && !list.isEmpty() ? list.get(0) : like;
        // at most ~3 MB of JSON in all: 30,000 copies of a huge string would exhaust the heap, not the server
        int elementSize = Json.write(element).length() + 1;
        size = Math.max(1, Math.min(size, 3_000_000 / elementSize));
        for (int i = 0; i < size; i++) {
            out.add(element instanceof Map || element instanceof List ? Operations.copy(element) : element);
        }
        return out;
    }

    /** A place in a tree: an object member or an array element. */
    private record Slot(Object container, Object key) {
        Object get() {
            return container instanceof Map<?, ?> m ? m.get(key) : ((List<?>) container).get((Integer) key);
        }

        @SuppressWarnings("unchecked")
        void set(Object value) {
            if (container instanceof Map<?, ?> m) {
                ((Map<Object, Object>) m).put(key, value);
            } else {
                ((List<Object>) container).set((Integer) key, value);
            }
        }

        @SuppressWarnings("unchecked")
        void remove() {
            if (container instanceof Map<?, ?> m) {
                m.remove(key);
            } else {
                ((List<Object>) container).remove((int) (Integer) key);
            }
        }
    }

    private static void slots(Object node, List<Slot> out) {
        if (node instanceof Map<?, ?> map) {
            for (Object key : new ArrayList<>(map.keySet())) {
                out.add(new Slot(map, key));
                slots(map.get(key), out);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                out.add(new Slot(list, i));
                slots(list.get(i), out);
            }
        }
    }

    private static List<Map<?, ?>> objects(Object node, List<Map<?, ?>> out) {
        if (node instanceof Map<?, ?> map) {
            out.add(map);
            map.values().forEach(v -> objects(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> objects(v, out));
        }
        return out;
    }

    /** Mutates a body in place (or returns a replacement); {@code description} collects what was done. */
    @SuppressWarnings("unchecked")
    Object mutateBody(Object body, List<String> description) {
        if (body == null) {
            return body;
        }
        List<Slot> slots = new ArrayList<>();
        slots(body, slots);
        if (slots.isEmpty()) {
            return body;
        }
        Slot slot = pick(slots);
        Object current = slot.get();
        switch (random.nextInt(12)) {
            case 0 -> {
                description.add("drop " + slot.key());
                slot.remove();
            }
            case 1 -> {
                description.add("duplicate " + slot.key());
                if (slot.container() instanceof Map) {
                    slot.set(new Json.Dup(current, chance(0.5) ? current : evilString()));
                } else {
                    ((List<Object>) slot.container()).add(Operations.copy(current));
                }
            }
            case 2 -> {
                Object value = wrongType();
                description.add("wrong type at " + slot.key() + ": " + Json.write(value));
                slot.set(value);
            }
            case 3, 4 -> {
                String value = evilString();
                description.add("evil string at " + slot.key() + ": " + Json.write(value));
                slot.set(value);
            }
            case 5 -> {
                String value = hugeString();
                description.add("huge string (" + value.length() + ") at " + slot.key());
                slot.set(value);
            }
            case 6 -> {
                Object value = hugeArray(current);
                description.add("huge array (" + ((List<?>) value).size() + ") at " + slot.key());
                slot.set(value);
            }
            case 7 -> {
                description.add("deep nesting at " + slot.key());
                slot.set(deep());
            }
            case 8 -> {
                String number = pick(NUMBERS);
                description.add("number " + (number.length() > 40 ? number.substring(0, 40) + "…" : number) + " at " + slot.key());
                slot.set(new Json.Raw(number));
            }
            case 9 -> {
                List<Map<?, ?>> objects = objects(body, new ArrayList<>());
                if (objects.isEmpty()) {
                    return body;
                }
                Map<Object, Object> object = (Map<Object, Object>) pick(objects);
                String name = chance(0.5) ? "foo" : evilString();
                description.add("unknown property " + Json.write(name));
                object.put(name, chance(0.5) ? 1 : evilString());
            }
            case 10 -> {
                List<Slot> arrays = slots.stream().filter(s -> s.get() instanceof List).toList();
                if (arrays.isEmpty()) {
                    return body;
                }
                Slot array = pick(arrays);
                List<Object> list = (List<Object>) array.get();
                String kind = pick(List.copyOf(WRONG_ELEMENTS.keySet()));
                Object element = Operations.copy(WRONG_ELEMENTS.get(kind));
                if (list.isEmpty() || chance(0.5)) {
                    list.add(element);
                } else {
                    list.set(random.nextInt(list.size()), element);
                }
                description.add(kind + " inside the array " + array.key());
            }
            default -> {
                // the whole body replaced by another JSON value
                Object value = chance(0.5) ? wrongType() : new ArrayList<>(List.of(body));
                description.add("body replaced by " + Json.write(value));
                return value;
            }
        }
        return body;
    }

    void mutateQuery(Map<String, List<String>> query, List<String> description) {
        List<String> names = new ArrayList<>(query.keySet());
        String name = names.isEmpty() ? "altId" : pick(names);
        switch (random.nextInt(7)) {
            case 0 -> {
                description.add("drop query " + name);
                query.remove(name);
            }
            case 1 -> {
                description.add("repeat query " + name);
                query.computeIfAbsent(name, n -> new ArrayList<>()).add(chance(0.5) ? evilString() : "x");
            }
            case 2, 3 -> {
                String value = evilString();
                description.add("evil query " + name + "=" + Json.write(value));
                query.put(name, new ArrayList<>(List.of(value)));
            }
            case 4 -> {
                String value = chance(0.8) ? pick(NUMBERS) : pick(NUMBER_LIKE_TEXT);
                description.add("number query " + name + "=" + (value.length() > 40 ? value.substring(0, 40) : value));
                query.put(name, new ArrayList<>(List.of(value)));
            }
            case 5 -> {
                String value = "q".repeat(chance(0.8) ? 500 + random.nextInt(3_000) : 9_000 + random.nextInt(10_000));
                description.add("long query " + name + " (" + value.length() + ")");
                query.put(name, new ArrayList<>(List.of(value)));
            }
            default -> {
                String unknown = chance(0.5) ? "foo" : evilString();
                description.add("unknown query " + Json.write(unknown));
                query.put(unknown, new ArrayList<>(List.of("1")));
            }
        }
    }

    /** Another invoice id: malformed, unknown, or hostile (encoded as a path segment). */
    String invoiceId(String valid, List<String> description) {
        String value = switch (random.nextInt(6)) {
            case 0 -> randomHex(24);
            case 1 -> valid.toUpperCase();
            case 2 -> valid + "0";
            case 3 -> "x".repeat(chance(0.8) ? 30 : 9_000);
            default -> evilString();
        };
        description.add("invoiceId " + Json.write(value.length() > 60 ? value.substring(0, 60) + "…" : value));
        return segment(value);
    }

    String randomHex(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    /** Percent-encodes everything but unreserved characters (an empty segment stays empty). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String queryString(Map<String, List<String>> query) {
        StringBuilder out = new StringBuilder();
        query.forEach((name, values) -> values.forEach(value -> {
            out.append(out.isEmpty() ? "?" : "&");
            out.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }));
        return out.toString();
    }

    /** Sets a header to one value; null removes it. */
    static void set(Map<String, List<String>> headers, String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, new ArrayList<>(List.of(value)));
        }
    }

    /** Header changes: Version, token, Content-Type, Accept, or one of them sent twice. */
    void mutateHeaders(Map<String, List<String>> headers, List<String> description) {
        switch (random.nextInt(9)) {
            case 0 -> set(headers, "Version", null);
            case 1 -> set(headers, "Version", pick(List.of("2020-01-01", "", "2021-07-28 ", "${7*7}", "2021-07-28,2023-02-21")));
            case 2 -> set(headers, "Authorization", null);
            case 3 -> set(headers, "Authorization", pick(List.of("Bearer ", "Bearer x", "Basic YTpi", "bearer " + randomHex(40),
                    "Bearer ' OR 1=1 --", "Bearer " + "a".repeat(5_000))));
            case 4 -> set(headers, "Content-Type", pick(CONTENT_TYPES));
            case 5 -> set(headers, "Accept", pick(List.of("text/html", "application/xml", "image/png", "*/*", "application/pdf")));
            case 6 -> set(headers, "Content-Type", null);
            case 7 -> {
                String name = pick(List.of("Authorization", "Version", "Content-Type", "Idempotency-Key", "Accept"));
                List<String> values = headers.computeIfAbsent(name, n -> new ArrayList<>());
                String second = switch (name) {
                    case "Authorization" -> chance(0.5) && !values.isEmpty() ? values.get(0) : "Bearer " + randomHex(40);
                    case "Version" -> pick(List.of("2021-07-28", "2020-01-01"));
                    case "Content-Type" -> pick(CONTENT_TYPES);
                    case "Accept" -> "application/pdf";
                    default -> randomHex(16);
                };
                values.add(chance(0.5) ? values.size() : 0, second);
            }
            default -> set(headers, "Accept-Language", pick(List.of("ar", "tr-TR", "zz", "en;q=x")));
        }
        description.add("headers " + headers);
    }

    /** Bytes that are not the JSON they claim to be. */
    byte[] brokenBytes(String validJson, List<String> description) {
        byte[] utf8 = validJson.getBytes(StandardCharsets.UTF_8);
        switch (random.nextInt(5)) {
            case 0 -> {
                int at = utf8.length == 0 ? 0 : random.nextInt(utf8.length);
                description.add("truncated at " + at);
                return java.util.Arrays.copyOf(utf8, at);
            }
            case 1 -> {
                description.add("invalid UTF-8");
                byte[] bad = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
                String text = validJson.replaceFirst("\"Acme Plumbing\"|\"New Invoice\"|\"location\"", "\"@@\"");
                String[] parts = text.split("@@", 2);
                if (parts.length < 2) {
                    return bad;
                }
                byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
                byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
                byte[] out = new byte[head.length + bad.length + tail.length];
                System.arraycopy(head, 0, out, 0, head.length);
                System.arraycopy(bad, 0, out, head.length, bad.length);
                System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
                return out;
            }
            case 2 -> {
                String text = pick(NOT_JSON);
                description.add("not JSON " + Json.write(text));
                return text.getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                description.add("UTF-16 body");
                return validJson.getBytes(StandardCharsets.UTF_16);
            }
            default -> {
                description.add("random bytes");
                byte[] out = new byte[1 + random.nextInt(2_000)];
                random.nextBytes(out);
                return out;
            }
        }
    }
}
