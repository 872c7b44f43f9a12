/// Prints rows as columns two spaces apart, the first row being the headings. Columns listed in `leftAligned` are
/// padded on the right; the others, numbers, on the left, so they line up under their headings.
func printTable(_ rows: [[String]], leftAligned: Set<Int> = []) {
    guard let columns = rows.map(\.count).max() else { return }
    let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    for row in rows {
        let cells = row.enumerated().map { column, cell in
            let padding = String(repeating: " ", count: widths[column] - cell.count)
            return leftAligned.contains(column) ? cell + padding : padding + cell
        }
        // No trailing spaces after a left-aligned last column.
        print(String(cells.joined(separator: "  ").reversed().drop { $0 == " " }.reversed()))
    }
}
