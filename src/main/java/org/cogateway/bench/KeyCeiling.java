package org.cogateway.bench;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.cogateway.security.GatewayCrypto;

/**
 * The ceiling the private-key operations of one exchange put on this machine: the sender signs the
 * user message (RSA-SHA256 with its key), the receiver decrypts the attachment's key (RSA-OAEP with
 * MGF1-SHA256, its key) and signs the receipt (its key). Nothing else of an exchange is done, on as
 * many threads as there are processors, so no gateway can exchange faster than this on this machine.
 */
final class KeyCeiling {
    private final GatewayCrypto sender;
    private final GatewayCrypto receiver;

    KeyCeiling(GatewayCrypto sender, GatewayCrypto receiver) {
        this.sender = sender;
        this.receiver = receiver;
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
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> loop(stop, exchanges), "key-ceiling-" + t);
            workers.add(worker);
            worker.start();
        }
        Thread.sleep(time.toMillis());
        stop.set(true);
        for (Thread worker : workers) {
            worker.join();
        }
        return exchanges.sum();
    }

    private void loop(AtomicBoolean stop, LongAdder exchanges) {
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
