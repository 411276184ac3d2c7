extension PortableFileName {
    /// A file name made from `raw` (a stored document's name) that this rule
    /// accepts, for a front end that hands a document out under its name (a
    /// browser download): the sanitising a share applies to each document
    /// (`ShareFileName.sanitise`: invisible characters dropped, refused ones
    /// `_`, a leading dot `_`, device names prefixed, at most 150 bytes
    /// keeping the extension). "document" if nothing usable is left.
    public static func sanitised(_ raw: String) -> PortableFileName {
        (try? PortableFileName(validating: ShareFileName.sanitise(raw))) ?? PortableFileName(unchecked: "document")
    }

    private init(unchecked value: String) {
        self.value = value
    }
}
