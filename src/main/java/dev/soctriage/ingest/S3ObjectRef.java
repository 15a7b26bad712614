package dev.soctriage.ingest;

/**
 * One S3 object named by a notification. {@code key} is already URL-decoded; {@code versionId} is the
 * version the notification names (a versioned bucket), or null: then the object as it is when read.
 */
public record S3ObjectRef(String bucket, String key, String versionId) {
    public S3ObjectRef(String bucket, String key) {
        this(bucket, key, null);
    }

    public String uri() {
        return "s3://" + bucket + "/" + key;
    }
}
