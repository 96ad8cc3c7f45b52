package org.cogateway.backoffice;

/**
 * The page size of the list operations, within the contract's PageSizeType (1 to 500). CXF does not
 * validate requests against the schema, so the range is enforced here: a page of 0 used to fail
 * inside the operation, and a huge one would load a whole table in one call.
 */
final class PageSizes {
    static final int DEFAULT = 100;
    static final int MAX = 500;

    private PageSizes() {
    }

    static int of(Integer maxResults) {
        if (maxResults == null) {
            return DEFAULT;
        }
        if (maxResults < 1 || maxResults > MAX) {
            throw new BackOfficeException(FaultCode.INVALID_REQUEST,
                    "MaxResults must be between 1 and " + MAX + ", not " + maxResults);
        }
        return maxResults;
    }
}
