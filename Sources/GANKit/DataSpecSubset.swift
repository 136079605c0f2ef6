import GANCore

extension DataSpec {
    /// `subset` as a `DataSubset`; an unknown name is an error listing the known ones, and
    /// "random" without a `limit` is an error (it would keep every image).
    @discardableResult
    func checkSubset() throws -> DataSubset {
        guard let choice = DataSubset(rawValue: subset) else {
            throw ConfigurationError.unknownKind(context: "data.subset", kind: subset, known: DataSubset.allCases.map(\.rawValue))
        }
        if choice == .random && limit == nil {
            throw ConfigurationError.invalidValue(context: "data.subset", reason:
                "\"random\" draws data.limit images, but data.limit is null (all images); give a limit or use \"first\"")
        }
        return choice
    }
}
