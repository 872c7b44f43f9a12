import Testing

@testable import NewsIngest

@Suite struct PlainTextLayoutRuleTests {
    @Test(arguments: [
        ("(L-R) US Secretary of State, John Kerry and Sergei Lavrov", true),
        ("(From left) Kerry and Lavrov", true),
        ("Photo: Kerry in Geneva", true),
        ("PHOTO: Kerry in Geneva", true),
        ("Image: the talks", true),
        ("Kerry and Lavrov shake hands in Geneva / Reuters", true),
        ("Kerry and Lavrov shake hands in Geneva / Getty Images", true),
        ("Kerry and Lavrov in Geneva (Photo: AFP)", true),
        ("The talks, he said, were hard / and long.", false),
        ("The US Secretary of State said the talks were close.", false),
        ("Political agreement", false),
    ])
    func captionRule(line: String, isCaption: Bool) {
        #expect(PlainTextLayout.isCaption(line) == isCaption)
    }

    @Test(arguments: [
        ("Political agreement", true),
        ("Safe passage", true),
        ("What happens next", true),
        ("No comment.", false),
        ("lower-case start", false),
        ("\"Quoted line without end", false),
        ("One two three four five six seven eight nine", false),
        ("Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", false),
        ("(L-R) Kerry and Lavrov", false),
    ])
    func headingShape(line: String, isHeading: Bool) {
        #expect(PlainTextLayout.isHeadingShaped(line) == isHeading)
    }

    @Test(arguments: [
        ("Mercy Chukwudiebere", "Mercy Chukwudiebere"),
        ("By Jane Doe", "Jane Doe"),
        ("Jean-Luc O'Neill Smith", "Jean-Luc O'Neill Smith"),
        ("Madonna", nil),
        ("One Two Three Four Five", nil),
        ("Mercy Chukwudiebere, BBC", nil),
        ("the end", nil),
        ("Room 101", nil),
    ])
    func bylineShape(line: String, name: String?) {
        #expect(PlainTextLayout.bylineName(line) == name)
    }
}
