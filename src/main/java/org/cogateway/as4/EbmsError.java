package org.cogateway.as4;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ebMS 3.0 error codes the gateway sends or interprets (core §6.7, AS4 profile §5.2.1.3),
 * with their standard short description, category and origin. All are of severity "failure".
 */
public enum EbmsError {
    VALUE_NOT_RECOGNIZED("EBMS:0001", "ValueNotRecognized", "Content", "ebMS"),
    VALUE_INCONSISTENT("EBMS:0003", "ValueInconsistent", "Content", "ebMS"),
    OTHER("EBMS:0004", "Other", "Content", "ebMS"),
    INVALID_HEADER("EBMS:0009", "InvalidHeader", "Unpackaging", "ebMS"),
    PROCESSING_MODE_MISMATCH("EBMS:0010", "ProcessingModeMismatch", "Processing", "ebMS"),
    FAILED_AUTHENTICATION("EBMS:0101", "FailedAuthentication", "Processing", "security"),
    FAILED_DECRYPTION("EBMS:0102", "FailedDecryption", "Processing", "security"),
    POLICY_NONCOMPLIANCE("EBMS:0103", "PolicyNoncompliance", "Processing", "security"),
    MISSING_RECEIPT("EBMS:0301", "MissingReceipt", "Communication", "ebMS"),
    INVALID_RECEIPT("EBMS:0302", "InvalidReceipt", "Communication", "ebMS"),
    DECOMPRESSION_FAILURE("EBMS:0303", "DecompressionFailure", "Communication", "ebMS");

    private final String code;
    private final String shortDescription;
    private final String category;
    private final String origin;

    EbmsError(String code, String shortDescription, String category, String origin) {
        this.code = code;
        this.shortDescription = shortDescription;
        this.category = category;
        this.origin = origin;
    }

    public String code() {
        return code;
    }

    public String shortDescription() {
        return shortDescription;
    }

    public String category() {
        return category;
    }

    public String origin() {
        return origin;
    }

    public static Optional<EbmsError> byCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst();
    }

    /**
     * Whether sending the same message again might succeed after the partner reported this code.
     * Content and Processing errors (0001, 0003, 0004, 0009, 0010, 0101, 0102, 0103) describe the
     * message itself or the agreement: the same bytes fail the same way. 0303 is in the
     * Communication category but the same compressed payload cannot decompress better next time.
     * The other Communication errors (0005 ConnectionFailure, 0202 DeliveryFailure, 0301, 0302)
     * and codes we do not know describe the partner's side or the line and may pass later.
     */
    public static boolean retryFeasible(String code) {
        return byCode(code).map(e -> "Communication".equals(e.category) && e != DECOMPRESSION_FAILURE)
                .orElse(true);
    }

    /**
     * Whether an error says the partner already has the message: ebMS 3.0 has no code for that, so
     * an MSH that does not answer a duplicate with the stored receipt answers EBMS:0004 Other and
     * says so in words (phase4: "... was already handled (this is a duplicate)").
     */
    public static boolean isDuplicateAnswer(String code, String description, String detail) {
        if (!OTHER.code.equals(code)) {
            return false;
        }
        String words = (java.util.Objects.toString(description, "") + " " + java.util.Objects.toString(detail, "")).toLowerCase(java.util.Locale.ROOT);
        return words.contains("duplicate") || words.contains("already handled");
    }
}
