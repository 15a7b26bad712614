package dev.soctriage.verdict;

/** No verdict has the id. */
public class VerdictNotFoundException extends RuntimeException {
    public VerdictNotFoundException(String id) {
        super("no verdict " + id);
    }
}
