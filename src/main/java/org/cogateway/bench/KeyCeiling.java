package org.cogateway.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.cogateway.partner.Profile;
import org.cogateway.security.GatewayCrypto;

/**
 * The ceiling the private-key operations of one exchange put on this machine. Under as4-1.15 the
 * sender signs the user message (RSA-SHA256 with its key), the receiver decrypts the attachment's
 * key (RSA-OAEP with MGF1-SHA256, its key) and signs the receipt (its key). Under as4-2.0 the sender
 * signs with Ed25519 and makes an ephemeral X25519 key and agreement (what WSS4J does per message),
 * the receiver does the X25519 agreement with its key and signs the receipt with Ed25519. Nothing
 * else of an exchange is done, on as many threads as there are processors, so no gateway can
 * exchange faster than this on this machine.
 */
final class KeyCeiling {
    private final GatewayCrypto sender;
    private final GatewayCrypto receiver;
    private final Profile profile;

    KeyCeiling(GatewayCrypto sender, GatewayCrypto receiver, Profile profile) {
        this.sender = sender;
        this.receiver = receiver;
        this.profile = profile;
    }

    /** What one exchange of the loop does, for the report. */
    String operations() {
        return profile == Profile.AS4_1_15
                ? "RSA-SHA256 sign x2 + RSA-OAEP decrypt"
                : "Ed25519 sign x2 + X25519 ephemeral key and agreement x2";
    }

    /**
     * CPU time of the loop's threads per exchange in the last {@link #exchangesPerSecond} run, in
     * milliseconds: what one exchange's private-key operations cost, whatever else the machine runs
     * (the rate, by contrast, falls with the machine's load).
     */
    private double cpuMillisPerExchange = Double.NaN;

    double cpuMillisPerExchange() {
        return cpuMillisPerExchange;
    }

    /** Exchanges per second (three private-key operations each), measured for {@code time} after a warm-up. */
    double exchangesPerSecond(Duration time) throws InterruptedException {
        run(Duration.ofSeconds(1));
        return run(time) / (time.toNanos() / 1e9);
    }

    private long run(Duration time) throws InterruptedException {
        int threads = Runtime.getRuntime().availableProcessors();
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder exchanges = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                long start = mx.getCurrentThreadCpuTime();
                loop(stop, exchanges);
                cpuNanos.add(mx.getCurrentThreadCpuTime() - start);
            }, "key-ceiling-" + t);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(time.toMillis());
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        cpuMillisPerExchange = cpuNanos.sum() / 1e6 / Math.max(1, exchanges.sum());
        return exchanges.sum();
    }

    private void loop(AtomicBoolean stop, LongAdder exchanges) {
        if (profile == Profile.AS4_2_0) {
            loop20(stop, exchanges);
            return;
        }
        try {
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            byte[] wrappedKey = oaep(Cipher.ENCRYPT_MODE, receiver.ownCertificate().getPublicKey()).doFinal(new byte[16]);
            Cipher unwrap = oaep(Cipher.DECRYPT_MODE, receiver.ownPrivateKey());
            Signature signMessage = signer(sender.ownPrivateKey());
            Signature signReceipt = signer(receiver.ownPrivateKey());
            while (!stop.get()) {
                signMessage.update(message);
                message[0] = signMessage.sign()[0];
                unwrap.doFinal(wrappedKey);
                signReceipt.update(message);
                message[1] = signReceipt.sign()[0];
                exchanges.increment();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the gateway's keys cannot do an exchange's operations", e);
        }
    }

    private void loop20(AtomicBoolean stop, LongAdder exchanges) {
        try {
            byte[] message = new byte[32];
            new SecureRandom().nextBytes(message);
            Signature signMessage = Signature.getInstance("Ed25519");
            signMessage.initSign(sender.privateKey(sender.signingAlias(Profile.AS4_2_0)));
            Signature signReceipt = Signature.getInstance("Ed25519");
            signReceipt.initSign(receiver.privateKey(receiver.signingAlias(Profile.AS4_2_0)));
            PublicKey recipient = receiver.ownCertificate(receiver.x25519Alias()).getPublicKey();
            PrivateKey recipientKey = receiver.privateKey(receiver.x25519Alias());
            KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("X25519");
            KeyAgreement senderAgreement = KeyAgreement.getInstance("X25519");
            KeyAgreement receiverAgreement = KeyAgreement.getInstance("X25519");
            while (!stop.get()) {
                signMessage.update(message);
                message[0] = signMessage.sign()[0];
                KeyPair pair = ephemeral.generateKeyPair();
                senderAgreement.init(pair.getPrivate());
                senderAgreement.doPhase(recipient, true);
                message[1] = senderAgreement.generateSecret()[0];
                receiverAgreement.init(recipientKey);
                receiverAgreement.doPhase(pair.getPublic(), true);
                message[2] = receiverAgreement.generateSecret()[0];
                signReceipt.update(message);
                message[3] = signReceipt.sign()[0];
                exchanges.increment();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the gateway's as4-2.0 keys cannot do an exchange's operations", e);
        }
    }

    private static Signature signer(PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        return signature;
    }

    private static Cipher oaep(int mode, java.security.Key key) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(mode, key, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        return cipher;
    }
}
