package io.guichet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push service as a browser's vendor runs one (RFC 8030), on loopback, standing in for FCM or Mozilla's autopush, which
 * tests cannot reach. It plays the browser's side too: {@link #newBrowser()} makes a subscription's keys (a P-256 pair
 * and a 16-byte auth secret), and each push request to its endpoint is checked as a real service and browser would:
 * <ul>
 *     <li>RFC 8292: {@code Authorization: vapid t=<JWT>, k=<key>}; the JWT's header {@code ES256}, its signature verified
 *     against {@code k}, {@code aud} the endpoint's origin, {@code exp} in the future and within 24 hours, {@code sub}
 *     a mailto: or https: contact; {@code k} the application server key the browser subscribed with;</li>
 *     <li>RFC 8030: a {@code TTL} header;</li>
 *     <li>RFC 8188 and 8291: {@code Content-Encoding: aes128gcm}; the body's header (salt 16 bytes, record size, key id
 *     length 65 and the sender's uncompressed public key), then the record decrypted with the browser's private key and
 *     auth secret — the text the student would see is kept in {@link #received()}.</li>
 * </ul>
 * A request failing a check is answered 400 and its reason kept in {@link #refusals()}. An endpoint marked {@link #gone}
 * answers 410 (the subscription expired) after its checks.
 */
public final class PushServiceStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VAPID = Pattern.compile("vapid t=([A-Za-z0-9_\\-.]+),\\s*k=([A-Za-z0-9_\\-]+)");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A browser that subscribed: its endpoint on this service and what it gives the server (p256dh and auth, base64url). */
    public record Browser(String id, String endpoint, String p256dh, String auth, KeyPair keys, byte[] authSecret) {
    }

    /** A notification as the browser decrypted it. */
    public record Received(String browserId, JsonNode payload, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Browser> browsers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final Set<String> gone = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String applicationServerKey;

    public PushServiceStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/push/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The key browsers subscribe with (the server's {@code GET /api/v1/alerts/push/key}): {@code k} must be it. */
    public PushServiceStandIn expectKey(String applicationServerKey) {
        this.applicationServerKey = applicationServerKey;
        return this;
    }

    public Browser newBrowser() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = g.generateKeyPair();
            byte[] auth = new byte[16];
            RANDOM.nextBytes(auth);
            String id = "b" + ids.incrementAndGet() + "-" + Long.toHexString(RANDOM.nextLong());
            Browser b = new Browser(id, origin() + "/push/" + id, b64(uncompressed((ECPublicKey) keys.getPublic())), b64(auth), keys, auth);
            browsers.put(id, b);
            return b;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on this browser's endpoint answers 410 Gone (its subscription expired). */
    public void gone(Browser b) {
        gone.add(b.id());
    }

    public List<Received> received() {
        return Collections.unmodifiableList(received);
    }

    public List<Received> receivedBy(Browser b) {
        return received.stream().filter(r -> r.browserId().equals(b.id())).toList();
    }

    public List<String> refusals() {
        return Collections.unmodifiableList(refusals);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            answer(ex);
        } finally {
            requests.incrementAndGet(); // counted once what it received is recorded: a test waiting for the count may read it
        }
    }

    private void answer(HttpExchange ex) throws IOException {
        String id = ex.getRequestURI().getPath().substring("/push/".length());
        byte[] body = ex.getRequestBody().readAllBytes();
        String refusal;
        Browser b = browsers.get(id);
        JsonNode payload = null;
        if (!"POST".equals(ex.getRequestMethod())) refusal = "method " + ex.getRequestMethod();
        else if (b == null) {
            ex.sendResponseHeaders(404, -1);
            return;
        } else {
            try {
                checkHeaders(ex);
                payload = JSON.readTree(decrypt(b, body));
                refusal = null;
            } catch (Exception e) {
                refusal = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        if (refusal != null) {
            refusals.add(id + ": " + refusal);
            ex.sendResponseHeaders(400, -1);
            return;
        }
        if (gone.contains(id)) {
            ex.sendResponseHeaders(410, -1);
            return;
        }
        Map<String, String> headers = new java.util.TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
        received.add(new Received(id, payload, headers));
        ex.getResponseHeaders().add("Location", origin() + "/message/" + ids.incrementAndGet());
        ex.sendResponseHeaders(201, -1);
    }

    /** RFC 8292's VAPID authorization, RFC 8030's TTL and RFC 8188's content coding. */
    private void checkHeaders(HttpExchange ex) throws Exception {
        String authorization = ex.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) throw new IllegalArgumentException("no Authorization header");
        Matcher m = VAPID.matcher(authorization);
        if (!m.matches()) throw new IllegalArgumentException("Authorization is not 'vapid t=<JWT>, k=<key>': " + authorization);
        String jwt = m.group(1), k = m.group(2);
        if (applicationServerKey != null && !applicationServerKey.equals(k)) throw new IllegalArgumentException("k is not the key the browser subscribed with");
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) throw new IllegalArgumentException("the JWT has " + parts.length + " parts");
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        if (!"ES256".equals(header.path("alg").asText())) throw new IllegalArgumentException("JWT alg " + header.path("alg"));
        Signature verify = Signature.getInstance("SHA256withECDSAinP1363Format");
        verify.initVerify(publicKey(Base64.getUrlDecoder().decode(k)));
        verify.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!verify.verify(Base64.getUrlDecoder().decode(parts[2]))) throw new IllegalArgumentException("the JWT's ES256 signature does not verify against k");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        if (!origin().equals(claims.path("aud").asText())) throw new IllegalArgumentException("aud " + claims.path("aud") + " is not " + origin());
        long exp = claims.path("exp").asLong(), now = Instant.now().getEpochSecond();
        if (exp <= now || exp > now + 24 * 3600) throw new IllegalArgumentException("exp is not within the next 24 hours: " + exp);
        String sub = claims.path("sub").asText();
        if (!sub.startsWith("mailto:") && !sub.startsWith("https://")) throw new IllegalArgumentException("sub " + sub);
        String ttl = ex.getRequestHeaders().getFirst("TTL");
        if (ttl == null || !ttl.matches("[0-9]+")) throw new IllegalArgumentException("TTL header " + ttl);
        String coding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (!"aes128gcm".equals(coding)) throw new IllegalArgumentException("Content-Encoding " + coding);
    }

    /** RFC 8291 §3.4 on the browser's side, then RFC 8188's single record and its padding delimiter. */
    private static byte[] decrypt(Browser b, byte[] body) throws Exception {
        if (body.length < 21 + 65 + 17) throw new IllegalArgumentException("body too short: " + body.length);
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int rs = in.getInt();
        int idlen = in.get() & 0xff;
        if (idlen != 65) throw new IllegalArgumentException("idlen " + idlen + ", not the sender's 65-byte public key");
        byte[] senderKey = new byte[65];
        in.get(senderKey);
        if (senderKey[0] != 4) throw new IllegalArgumentException("keyid is not an uncompressed point");
        byte[] record = new byte[in.remaining()];
        in.get(record);
        if (rs < 18 || record.length > rs) throw new IllegalArgumentException("record size " + rs + " for a record of " + record.length);
        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(b.keys().getPrivate());
        ka.doPhase(publicKey(senderKey), true);
        byte[] ecdh = ka.generateSecret();
        byte[] browserKey = uncompressed((ECPublicKey) b.keys().getPublic());
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), browserKey, senderKey);
        byte[] ikm = hkdf(b.authSecret(), ecdh, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] plain = c.doFinal(record);
        int end = plain.length - 1;
        while (end >= 0 && plain[end] == 0) end--;
        if (end < 0 || plain[end] != 2) throw new IllegalArgumentException("the last record does not end with the delimiter 0x02");
        return Arrays.copyOf(plain, end);
    }

    /** HKDF-SHA-256 (RFC 5869), one block is enough here. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private static ECPublicKey publicKey(byte[] point) throws Exception {
        if (point.length != 65 || point[0] != 4) throw new IllegalArgumentException("not an uncompressed P-256 point");
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)), new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        fixed(key.getW().getAffineX(), out, 1);
        fixed(key.getW().getAffineY(), out, 33);
        return out;
    }

    private static void fixed(BigInteger v, byte[] out, int at) {
        byte[] raw = v.toByteArray();
        int from = Math.max(0, raw.length - 32);
        System.arraycopy(raw, from, out, at + 32 - (raw.length - from), raw.length - from);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer b = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] p : parts) b.put(p);
        return b.array();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The count of requests the service answered, accepted, refused or gone (a test waits for them). */
    public int answered() {
        return requests.get();
    }
}
