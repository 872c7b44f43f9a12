/// The kind of a named entity.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    /// A person (CoNLL PER).
    case person
    /// An organization: company, agency, party, team, armed group (CoNLL ORG).
    case organization
    /// A location: country, city, region, geographic feature (CoNLL LOC).
    case location
    /// Other names: nationalities, events, products, works (CoNLL MISC).
    case misc

    /// The kind for a CoNLL type index 1...4.
    static func from(type: Int) -> EntityKind { [.person, .organization, .location, .misc][type - 1] }
}
