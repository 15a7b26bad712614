package dev.soctriage.ingest;

/** One S3 object named by a notification. {@code key} is already URL-decoded. */
public record S3ObjectRef(String bucket, String key) {
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
