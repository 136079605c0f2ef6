import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG file parsed with Foundation's XMLParser: parsing fails unless it is well-formed XML.
final class SVGDocument: NSObject, XMLParserDelegate {
    /// Names of all elements in document order.
    private(set) var elements: [String] = []
    /// The text of every element that has some, trimmed.
    private(set) var texts: [String] = []
    /// The `points` attribute of every polyline.
    private(set) var polylinePoints: [String] = []
    private var text = ""

    init(contentsOf url: URL) throws {
        super.init()
        let parser = XMLParser(data: try Data(contentsOf: url))
        parser.delegate = self
        guard parser.parse() else {
            throw ParseFailure(file: url.path, reason: parser.parserError.map { "\($0)" } ?? "unknown")
        }
    }

    struct ParseFailure: Error { let file: String, reason: String }

    /// Every number in every polyline's points.
    var coordinates: [String] {
        polylinePoints.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(name)
        if name == "polyline", let points = attributes["points"] { polylinePoints.append(points) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { texts.append(trimmed) }
        text = ""
    }
}
