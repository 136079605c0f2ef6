import Foundation

/// A pipeline component whose state must survive a checkpoint (LeCam's and DigGAN's EMAs,
/// ADA's p and controller).
///
/// The state is encoded as JSON so that the checkpoint manifest stays readable; components
/// without state keep the defaults (nil / no-op).
public protocol StatefulComponent: AnyObject {
    /// The component's state, encoded; nil when it has none.
    func encodeState() throws -> Data?
    /// Restores the state written by `encodeState`.
    func restoreState(from data: Data) throws
}

extension StatefulComponent {
    public func encodeState() throws -> Data? { nil }
    public func restoreState(from data: Data) throws {}
}

extension StatefulComponent {
    /// Encodes a Codable state value (helper for conforming types).
    public func encode<S: Encodable>(_ state: S) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(state)
    }

    /// Decodes a Codable state value, naming the component on failure.
    public func decode<S: Decodable>(_ type: S.Type, from data: Data, component: String) throws -> S {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            throw GANCoreError.invalidComponentState(component: component, reason: String(describing: error))
        }
    }
}
