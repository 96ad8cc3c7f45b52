package org.cogateway.validation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.cogateway.as4.DocumentPart;
import org.cogateway.contract.co.CertificateOfOriginType;
import org.cogateway.contract.co.GoodsItemType;
import org.cogateway.contract.exchange.AttachedDocumentType;
import org.cogateway.contract.exchange.ItemResultType;
import org.cogateway.contract.exchange.VerificationAnswer;
import org.cogateway.contract.exchange.VerificationRequest;
import org.cogateway.document.Dates;

/**
 * The business rules of verification requests and answers, beyond their schema, checked at both
 * ends against the certificate they are about: by the sending gateway before it queues one (its
 * findings are the caller's fault) and by the receiving gateway before it stores one (its findings
 * are the partner's EBMS:0004). The same rules at both ends, so that what one sends the other takes.
 */
public final class VerificationRules {
    private final long maxDocumentBytes;

    /** @param maxDocumentBytes the largest attached document accepted (as4.maxDocumentBytes) */
    public VerificationRules(long maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** A request about {@code co}, with the documents that travel (or will travel) with it, in order. */
    public List<Finding> request(VerificationRequest r, CertificateOfOriginType co, List<DocumentPart> documents) {
        List<Finding> f = new java.util.ArrayList<>();
        String root = "/VerificationRequest";
        Set<Integer> items = itemNumbers(co);
        if (r.getInvoiceNumber() != null && co.getInvoice().stream().noneMatch(i -> i.getNumber().equals(r.getInvoiceNumber()))) {
            f.add(new Finding(Severity.SEVERE, "UNKNOWN_INVOICE", root + "/InvoiceNumber", "the certificate lists no invoice "
                    + r.getInvoiceNumber()));
        }
        if (new HashSet<>(r.getReason()).size() != r.getReason().size()) {
            f.add(new Finding(Severity.SEVERE, "DUPLICATE_REASON", root + "/Reason", "a reason is given twice"));
        }
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < r.getItemNumber().size(); i++) {
            int n = r.getItemNumber().get(i);
            if (!items.contains(n)) {
                f.add(new Finding(Severity.SEVERE, "UNKNOWN_ITEM", root + "/ItemNumber[" + (i + 1) + "]",
                        "the certificate has no goods item " + n));
            } else if (!seen.add(n)) {
                f.add(new Finding(Severity.SEVERE, "DUPLICATE_ITEM", root + "/ItemNumber[" + (i + 1) + "]",
                        "goods item " + n + " is named twice"));
            }
        }
        if (!Dates.localDate(r.getReplyBy()).isAfter(Dates.instant(r.getRequestedAt()).atZone(java.time.ZoneOffset.UTC)
                .toLocalDate())) {
            f.add(new Finding(Severity.SEVERE, "REPLY_BY_NOT_AFTER_REQUEST", root + "/ReplyBy", "the reply-by date "
                    + Dates.localDate(r.getReplyBy()) + " must be after the day of the request"));
        }
        documents(root, r.getDocument(), documents, f);
        return List.copyOf(f);
    }

    /**
     * An answer to {@code asked}: every item the request named is answered (at least one when it named
     * none), each once, and each a goods item of the certificate.
     */
    public List<Finding> answer(VerificationAnswer a, VerificationRequest asked, CertificateOfOriginType co,
                                List<DocumentPart> documents) {
        List<Finding> f = new java.util.ArrayList<>();
        String root = "/VerificationAnswer";
        Set<Integer> items = itemNumbers(co);
        Set<Integer> answered = new HashSet<>();
        for (int i = 0; i < a.getItem().size(); i++) {
            ItemResultType item = a.getItem().get(i);
            String path = root + "/Item[" + (i + 1) + "]/ItemNumber";
            if (!items.contains(item.getItemNumber())) {
                f.add(new Finding(Severity.SEVERE, "UNKNOWN_ITEM", path, "the certificate has no goods item "
                        + item.getItemNumber()));
            } else if (!answered.add(item.getItemNumber())) {
                f.add(new Finding(Severity.SEVERE, "DUPLICATE_ITEM", path, "goods item " + item.getItemNumber()
                        + " is answered twice"));
            }
        }
        List<Integer> missing = asked.getItemNumber().stream().filter(n -> !answered.contains(n)).toList();
        if (!missing.isEmpty()) {
            f.add(new Finding(Severity.SEVERE, "ITEM_NOT_ANSWERED", root + "/Item", "the request asked about goods item(s) "
                    + missing.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ", which the answer does not cover"));
        }
        documents(root, a.getDocument(), documents, f);
        return List.copyOf(f);
    }

    /** CONFIRMED when every item was, NOT_CONFIRMED when none was, else PARTIALLY_CONFIRMED. */
    public static org.cogateway.contract.exchange.VerificationResultType outcome(List<ItemResultType> items) {
        var results = items.stream().map(ItemResultType::getResult).collect(Collectors.toSet());
        if (results.equals(Set.of(org.cogateway.contract.exchange.VerificationResultType.CONFIRMED))) {
            return org.cogateway.contract.exchange.VerificationResultType.CONFIRMED;
        }
        if (results.equals(Set.of(org.cogateway.contract.exchange.VerificationResultType.NOT_CONFIRMED))) {
            return org.cogateway.contract.exchange.VerificationResultType.NOT_CONFIRMED;
        }
        return org.cogateway.contract.exchange.VerificationResultType.PARTIALLY_CONFIRMED;
    }

    /** Each described document matches its part: count, size limit, size, digest, and the type its bytes show. */
    private void documents(String root, List<AttachedDocumentType> described, List<DocumentPart> parts, List<Finding> f) {
        if (described.size() != parts.size()) {
            f.add(new Finding(Severity.SEVERE, "DOCUMENT_COUNT", root + "/Document", described.size()
                    + " document(s) described, " + parts.size() + " attached"));
            return;
        }
        for (int i = 0; i < parts.size(); i++) {
            AttachedDocumentType d = described.get(i);
            DocumentPart p = parts.get(i);
            String path = root + "/Document[" + (i + 1) + "]";
            String type = d.getMimeType().value();
            if (p.content().length > maxDocumentBytes) {
                f.add(new Finding(Severity.SEVERE, "DOCUMENT_TOO_LARGE", path, d.getFileName() + " is " + p.content().length
                        + " bytes; at most " + maxDocumentBytes + " are accepted (as4.maxDocumentBytes)"));
            } else if (!type.equals(p.mimeType())) {
                f.add(new Finding(Severity.SEVERE, "DOCUMENT_TYPE_MISMATCH", path, d.getFileName() + " is described as "
                        + type + " but its part is typed " + p.mimeType()));
            } else if (!BigInteger.valueOf(p.content().length).equals(d.getSize()) || !sha256(p.content()).equals(d.getSha256())) {
                f.add(new Finding(Severity.SEVERE, "DOCUMENT_DIGEST_MISMATCH", path, d.getFileName()
                        + ": the attached part is not the document described (size or SHA-256 differ)"));
            } else if (!looksLike(type, p.content())) {
                f.add(new Finding(Severity.SEVERE, "DOCUMENT_CONTENT_MISMATCH", path, d.getFileName() + " is declared "
                        + type + " but its content is not"));
            }
        }
    }

    /** Whether the content starts with the signature of its declared type (PDF, PNG, JPEG, TIFF). */
    public static boolean looksLike(String mimeType, byte[] content) {
        return switch (mimeType) {
            case "application/pdf" -> startsWith(content, "%PDF-".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            case "image/png" -> startsWith(content, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
            case "image/jpeg" -> startsWith(content, new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
            case "image/tiff" -> startsWith(content, new byte[] {'I', 'I', 42, 0}) || startsWith(content, new byte[] {'M', 'M', 0, 42});
            default -> false;
        };
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        return content.length >= prefix.length && Arrays.equals(content, 0, prefix.length, prefix, 0, prefix.length);
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<Integer> itemNumbers(CertificateOfOriginType co) {
        return co.getGoodsItem().stream().map(GoodsItemType::getItemNumber).collect(Collectors.toSet());
    }
}
