
// libFuzzer entry point over the vault library's parsers of outside data
// (VaultFuzzHooks): codes files, identifier values, recovery keys, dates, and the
// decoding of vault.db records. Thrown errors are expected; a crash, a hang or
// a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVault(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    VaultFuzzHooks.run(bytes)
    return 0
}
