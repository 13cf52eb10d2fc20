package dev.remit.tenancy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Ids as HighLevel's (MongoDB ObjectIds): 24 lowercase hex characters, a 4-byte timestamp,
 * 5 random bytes per process and a 3-byte counter, so they sort roughly by creation time.
 */
public final class Ids {

    private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] PROCESS = new byte[5];
    private static final AtomicInteger COUNTER;

    static {
        RANDOM.nextBytes(PROCESS);
        COUNTER = new AtomicInteger(RANDOM.nextInt(0x1000000));
    }

    private Ids() {
    }

    public static String newId() {
        byte[] id = new byte[12];
        // Wall time, not the injected Clock: the timestamp only orders ids; nothing reads it as business time.
        int seconds = (int) (System.currentTimeMillis() / 1000);
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        System.arraycopy(PROCESS, 0, id, 4, 5);
        int count = COUNTER.getAndIncrement() & 0xffffff;
        id[9] = (byte) (count >>> 16);
        id[10] = (byte) (count >>> 8);
        id[11] = (byte) count;
        return HexFormat.of().formatHex(id);
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
