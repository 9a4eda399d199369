/// The release version, recorded in every enriched record's `pipeline_version`.
public enum ArticledVersion {
    public static let string = "0.1.0"
}
