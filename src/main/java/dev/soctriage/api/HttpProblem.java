package dev.soctriage.api;

/** A request the API refuses before touching any state: its HTTP status, error code and message. */
public class HttpProblem extends RuntimeException {
    private final int status;
    private final String code;

    public HttpProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static HttpProblem badRequest(String code, String message) {
        return new HttpProblem(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
