/// hvharden's version: printed by `hvharden --version` and recorded in every plan's basis, so a
/// saved plan made by another version is recognised.
public enum HVHardenVersion {
    public static let current = "0.1.0"
}
