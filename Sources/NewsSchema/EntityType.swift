/// The kind of a named entity, in CoNLL-2003 terms.
public enum EntityType: String, Codable, Sendable, CaseIterable {
    /// A person ("John Kerry").
    case person = "PERSON"
    /// An organisation ("Red Crescent").
    case organization = "ORGANIZATION"
    /// A location ("Geneva").
    case location = "LOCATION"
    /// Any other name: nationalities, events, works ("Syrian").
    case misc = "MISC"
}
