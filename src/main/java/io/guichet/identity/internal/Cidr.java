package io.guichet.identity.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** An address block ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, or one address) and whether an address falls in it. */
public record Cidr(byte[] network, int prefix) {
    /** Parses literal addresses only (no name lookups); empty when it is not a block. */
    public static Optional<Cidr> parse(String text) {
        if (text == null || text.isBlank() || text.length() > 50) return Optional.empty();
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9a-fA-F.:]+")) return Optional.empty();
        Optional<byte[]> address = literal(parts[0]);
        if (address.isEmpty()) return Optional.empty();
        int bits = address.get().length * 8;
        int prefix;
        try {
            prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return prefix < 0 || prefix > bits ? Optional.empty() : Optional.of(new Cidr(address.get(), prefix));
    }

    public boolean contains(String address) {
        Optional<byte[]> a = literal(address);
        if (a.isEmpty() || a.get().length != network.length) return false;
        for (int i = 0; i < prefix; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a.get()[i / 8] & mask) != (network[i / 8] & mask)) return false;
        }
        return true;
    }

    private static Optional<byte[]> literal(String text) {
        if (text == null || !text.matches("[0-9a-fA-F.:]+")) return Optional.empty(); // never a DNS name
        try {
            return Optional.of(InetAddress.getByName(text).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
