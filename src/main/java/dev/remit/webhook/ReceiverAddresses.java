package dev.remit.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Server-side request forgery guard: the addresses a receiver's host name resolves to, without
 * loopback, link-local, private, shared (carrier-grade NAT), unspecified and multicast ones. The HTTP
 * client connects only to what this returns, so the address checked is the address connected to
 * (a host name that resolves differently a moment later changes nothing).
 */
final class ReceiverAddresses implements DnsResolver {

    /** A receiver whose every address is refused. */
    static final class Refused extends UnknownHostException {
        Refused(String message) {
            super(message);
        }
    }

    private final boolean allowPrivate;

    ReceiverAddresses(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        if (allowPrivate) {
            return all;
        }
        InetAddress[] allowed = Arrays.stream(all).filter(a -> !isRefused(a)).toArray(InetAddress[]::new);
        if (allowed.length == 0) {
            throw new Refused(host + " resolves to " + Arrays.stream(all).map(InetAddress::getHostAddress).toList()
                    + ": a loopback, link-local or private address is refused (remit.webhooks.allow-private-addresses)");
        }
        return allowed;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return Arrays.stream(resolve(host)).map(a -> new InetSocketAddress(a, port)).toList();
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    static boolean isRefused(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // this network
                    || first == 100 && second >= 64 && second < 128 // shared address space, RFC 6598
                    || first == 192 && second == 0 && (b[2] & 0xff) == 0 // IETF protocol assignments
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return isRefused(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return true;
                }
            }
        }
        return false;
    }
}
