import ShareFuzzHooks

// libFuzzer entry point over the parsers of share files an attorney receives
// from outside (ShareFuzzHooks): the input is a share's plaintext tar payload,
// wrapped in a real age file and read by ShareReader.read (tar entries and
// paths, manifest.json and manifest.sig, the entry checks), plus the tar,
// pax, path, signature-file and manifest parsers on their own. Thrown errors
// are expected; a crash, a hang or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzShares(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
    ShareFuzzHooks.run(bytes)
    return 0
}
