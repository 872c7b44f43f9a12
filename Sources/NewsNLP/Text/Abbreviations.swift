/// Abbreviations that keep their period as part of the token.
enum Abbreviations {
    /// Titles and other words that precede a name or number and so never end a sentence.
    static let prefixes: Set<String> = [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Gov", "Sen", "Rep", "Rev", "St", "Lt", "Col", "Capt",
        "Sgt", "Maj", "Adm", "Cmdr", "Pres", "Hon", "Supt", "Insp", "Cpl", "Pvt", "Fr", "Messrs", "Mme",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
        "Mt", "Ft", "Ave", "Blvd", "Rd", "No", "Nos", "Vol", "Art", "Fig", "approx", "vs", "cf", "ca",
        "Calif", "Fla", "Mass", "Ill", "Conn", "Ariz", "Colo", "Mich", "Minn", "Penn", "Tenn", "Wash", "Wis",
    ]

    /// Abbreviations that may also end a sentence ("… for Apple Inc. The company …").
    static let finals: Set<String> = ["Inc", "Corp", "Co", "Ltd", "Bros", "Plc", "Jr", "Sr", "etc", "Cos", "Corps"]

    /// Words that, capitalised after a final abbreviation, start a new sentence.
    static let sentenceStarters: Set<String> = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "In", "On", "At",
        "This", "That", "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "As", "If", "When",
        "While", "After", "Before", "However", "Meanwhile", "Some", "Many", "Most", "One", "Two", "Last",
        "For", "So", "Yet", "Still", "Also", "Mr.", "Mrs.", "Ms.", "Dr.", "What", "Why", "How", "Who",
    ]

    /// Lowercase abbreviations ("prof.", "approx.").
    static let lowercase: Set<String> = [
        "prof", "gen", "gov", "sen", "rep", "dr", "mr", "mrs", "st", "vs", "etc", "cf", "ca", "approx", "sr", "jr",
    ]

    /// Whether a word (without its period) is a known abbreviation.
    static func isKnown(_ word: String) -> Bool {
        prefixes.contains(word) || finals.contains(word) || lowercase.contains(word)
    }
}
